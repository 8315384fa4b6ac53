using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackHip.Domain;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using Spectre.Console;

namespace BackHip.Cli;

/// <summary>The interactive interview: the complaint, red-flag checklists, then the most informative question each time;
/// typed questions (yes/no, choose one, tick all that apply), no default answer, undo and "why we ask".</summary>
internal static class InterviewCommand
{
    public static Command Create()
    {
        var answers = new Option<FileInfo?>("--answers") { Description = "Replay answers from a JSON file ({\"age\":40,\"sex\":\"female\",\"initial\":[...],\"answers\":{\"finding-id\":\"present|absent|unknown\"}}) instead of asking; an unlisted finding is answered \"don't know\"." };
        var command = new Command("interview", "Run an interview in the terminal (the complaint, red-flag checklists, then detail questions) and show triage, the differential and the care plan. Type the number(s) of your answer; 'b' takes back the last answer, '?' says why we ask; Enter alone asks again.") { answers };
        command.SetAction(parse =>
        {
            var kb = KnowledgeBase.Default;
            var file = parse.GetValue(answers);
            var script = file is null ? null : Script.Load(file.FullName);
            var console = AnsiConsole.Console;
            console.MarkupLine("[bold]BackHip interview[/] — decision support and education only; not a diagnosis.");
            var input = Console.In;
            Case start;
            if (script is not null)
            {
                var builder = Case.For(script.Age, script.Sex);
                if (script.Pregnant)
                {
                    builder.Pregnant();
                }

                builder.Initial([.. script.Initial]);
                start = builder.Build();
            }
            else if (AskProfile(console, input) is { } profile)
            {
                start = Case.Create(profile, []);
            }
            else
            {
                console.MarkupLine("Interview stopped before it began.");
                return 1;
            }

            var interview = Interview.Start(kb, start);
            while (interview.Next() is { } question)
            {
                var progress = string.Create(CultureInfo.InvariantCulture, $"[grey][[{interview.QuestionsAsked + 1} of at most {interview.Options.MaxQuestions}]][/]");
                if (script is not null)
                {
                    var answer = script.AnswerFor(question);
                    console.MarkupLine($"{progress} Q: {Markup.Escape(question.Question)} → {Markup.Escape(Describe(question, answer))}");
                    interview = interview.Answer(question, answer);
                    continue;
                }

                var result = Ask(console, input, question, progress, interview.Previous is not null);
                if (result is null)
                {
                    console.MarkupLine("Interview stopped; nothing was assessed.");
                    return 1;
                }

                interview = result.Value.Undo ? interview.Undo() : interview.Answer(question, result.Value.Answer!);
            }

            var assessment = BackHipAssessor.CreateDefault().Assess(interview.Case);
            if (assessment.InterviewStatus.TriageIncomplete)
            {
                console.MarkupLine("[yellow]Triage incomplete:[/] " + Markup.Escape(assessment.InterviewStatus.Reason));
            }

            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Questions asked: {interview.QuestionsAsked}."));
            Show(console, kb, assessment);
            return 0;
        });
        return command;
    }

    /// <summary>Age, sex and pregnancy, each chosen by the person (no default).</summary>
    private static PatientProfile? AskProfile(IAnsiConsole console, TextReader input)
    {
        int? age = null;
        while (age is null)
        {
            console.Markup("Age in years? ");
            var line = input.ReadLine();
            if (line is null)
            {
                return null;
            }

            age = int.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a is >= 0 and <= 120 ? a : null;
        }

        Sex? sex = null;
        while (sex is null)
        {
            console.Markup("Sex? 1) female  2) male  3) prefer not to say: ");
            var line = input.ReadLine();
            if (line is null)
            {
                return null;
            }

            sex = line.Trim() switch { "1" or "f" or "female" => Sex.Female, "2" or "m" or "male" => Sex.Male, "3" => Sex.Unknown, _ => null };
        }

        var pregnant = false;
        if (sex == Sex.Female && age is >= 12 and < 56)
        {
            bool? answer = null;
            while (answer is null)
            {
                console.Markup("Are you pregnant? 1) yes  2) no: ");
                var line = input.ReadLine();
                if (line is null)
                {
                    return null;
                }

                answer = line.Trim() switch { "1" or "y" or "yes" => true, "2" or "n" or "no" => false, _ => null };
            }

            pregnant = answer.Value;
        }

        return new PatientProfile { Age = age.Value, Sex = sex.Value, IsPregnant = pregnant };
    }

    /// <summary>Asks one question until a valid answer; <see langword="null"/> at the end of input.</summary>
    private static (QuestionAnswer? Answer, bool Undo)? Ask(IAnsiConsole console, TextReader input, ProposedQuestion question, string progress, bool canUndo)
    {
        var flag = question.IsRedFlagScreen ? "[red]![/] " : string.Empty;
        var extra = (canUndo ? "  b) back" : string.Empty) + "  ?) why we ask";
        while (true)
        {
            console.MarkupLine($"{progress} {flag}[bold]{Markup.Escape(question.Question)}[/]");
            switch (question.Type)
            {
                case QuestionType.Single:
                    console.MarkupLine("  1) yes  2) no  3) don't know" + Markup.Escape(extra));
                    break;
                case QuestionType.OneOf:
                    for (var i = 0; i < question.Options.Length; i++)
                    {
                        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1}) {Markup.Escape(question.Options[i].Label)}"));
                    }

                    console.MarkupLine("  0) not sure" + Markup.Escape(extra) + "   — type one number");
                    break;
                default:
                    for (var i = 0; i < question.Options.Length; i++)
                    {
                        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [[ ]] {i + 1}) {Markup.Escape(question.Options[i].Label)}"));
                    }

                    console.MarkupLine("  n) none of these  0) not sure" + Markup.Escape(extra) + "   — type every number that applies, such as 1 3");
                    break;
            }

            var line = input.ReadLine();
            if (line is null)
            {
                return null;
            }

            var text = line.Trim().ToLowerInvariant();
            if (text.Length == 0)
            {
                continue;
            }

            if (text is "?" or "why")
            {
                console.MarkupLine("[italic]Why we ask:[/] " + Markup.Escape(question.WhyWeAsk));
                continue;
            }

            if (text is "b" or "back")
            {
                if (canUndo)
                {
                    return (null, true);
                }

                continue;
            }

            if (Parse(question, text) is { } answer)
            {
                return (answer, false);
            }

            console.MarkupLine("[yellow]Please choose one of the listed answers.[/]");
        }
    }

    private static QuestionAnswer? Parse(ProposedQuestion question, string text)
    {
        if (question.Type == QuestionType.Single)
        {
            return text switch
            {
                "1" or "y" or "yes" => QuestionAnswer.Select(question.FindingId),
                "2" or "n" or "no" => QuestionAnswer.NoneOfThese,
                "3" or "d" or "don't know" => QuestionAnswer.DontKnow,
                _ => null,
            };
        }

        if (text is "0" or "not sure")
        {
            return QuestionAnswer.DontKnow;
        }

        if (question.Type == QuestionType.AnyOf && text is "n" or "none")
        {
            return QuestionAnswer.NoneOfThese;
        }

        var picks = new List<string>();
        foreach (var part in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > question.Options.Length)
            {
                return null;
            }

            picks.Add(question.Options[n - 1].FindingId);
        }

        picks = [.. picks.Distinct(StringComparer.Ordinal)];
        return picks.Count == 0 || (question.Type == QuestionType.OneOf && picks.Count > 1) ? null : QuestionAnswer.Select([.. picks]);
    }

    private static string Describe(ProposedQuestion question, QuestionAnswer answer) =>
        answer.NotSure ? "don't know"
        : question.Type == QuestionType.Single ? (answer.Selected.IsEmpty ? "no" : "yes")
        : answer.Selected.IsEmpty && answer.Unsure.IsEmpty ? "none of these"
        : string.Join(", ", question.Options.Where(o => answer.Selected.Contains(o.FindingId)).Select(o => o.Label))
          + (answer.Unsure.IsEmpty ? string.Empty : $" (not sure: {answer.Unsure.Length})");

    private static void Show(IAnsiConsole console, KnowledgeBase kb, Assessment a)
    {
        // Amber whenever triage is incomplete: a self-care result with open or unsure warning signs is never shown green.
        var incomplete = a.InterviewStatus.TriageIncomplete;
        var colour = a.Triage.Level switch
        {
            >= TriageLevel.Emergency => "white on red",
            TriageLevel.Consultation24 => "black on orange1",
            TriageLevel.Consultation => "black on yellow",
            _ when incomplete => "black on orange1",
            _ => "black on green",
        };
        var label = Markup.Escape(BackHip.Domain.Display.DisplayText.Default.TriageLabel(a.Triage.Level));
        var banner = $"[{colour}] TRIAGE: {label} ({a.Triage.Level}){(incomplete ? " - INCOMPLETE" : string.Empty)} [/]\n";
        console.Write(new Panel(new Markup(banner + string.Join("\n", a.Triage.FiredRules.Select(r => Markup.Escape(r.Message))))).Header("What to do"));
        var chart = new BarChart().Label("Differential (probability, %)").Width(70).WithMaxValue(100).UseValueFormatter((value, culture) => value.ToString("0.0", culture) + " %");
        foreach (var r in a.Differential.Take(5))
        {
            chart.AddItem(Markup.Escape(kb.GetCondition(r.ConditionId).Name), Math.Round(r.Probability * 100, 1), Color.SteelBlue);
        }

        console.Write(chart);
        var plan = a.CarePlan;
        foreach (var line in plan.DoNow)
        {
            console.MarkupLine("[bold]Now:[/] " + Markup.Escape(line));
        }

        foreach (var e in plan.Exercises)
        {
            console.MarkupLine(Markup.Escape($"Exercise {e.Order}: {e.Name} — {e.DoseText}"));
        }

        foreach (var s in plan.SelfCare.Take(4))
        {
            console.MarkupLine("Self-care: " + Markup.Escape(s.Text));
        }

        foreach (var r in plan.Referrals)
        {
            var text = BackHip.Domain.Display.DisplayText.Default;
            console.MarkupLine(Markup.Escape($"See: {text.ClinicianLabel(r.Clinician)} ({text.TriageLabel(r.Urgency)}) — {r.Reason}"));
        }

        console.MarkupLine("[grey]" + Markup.Escape(a.Notice) + "[/]");
    }

    private sealed class Script
    {
        public int Age { get; private init; }

        public Sex Sex { get; private init; }

        public bool Pregnant { get; private init; }

        public List<string> Initial { get; } = [];

        public Dictionary<string, EvidenceState> Answers { get; } = new(StringComparer.Ordinal);

        public EvidenceState AnswerFor(string findingId) => Answers.GetValueOrDefault(findingId, EvidenceState.Unknown);

        /// <summary>Listed present: selected; listed absent: not selected; unlisted: not sure.</summary>
        public QuestionAnswer AnswerFor(ProposedQuestion question)
        {
            var ids = question.Options.IsDefaultOrEmpty ? [question.FindingId] : question.Options.Select(o => o.FindingId).ToList();
            var selected = ids.Where(id => AnswerFor(id) == EvidenceState.Present).Take(question.Type == QuestionType.AnyOf ? int.MaxValue : 1).ToList();
            var unsure = ids.Where(id => AnswerFor(id) == EvidenceState.Unknown && !selected.Contains(id)).ToList();
            if (question.Type == QuestionType.OneOf && selected.Count == 1)
            {
                unsure.Clear();
            }

            return new QuestionAnswer { Selected = [.. selected], Unsure = [.. unsure] };
        }

        public static Script Load(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var script = new Script
            {
                Age = root.GetProperty("age").GetInt32(),
                Sex = string.Equals(root.GetProperty("sex").GetString(), "male", StringComparison.OrdinalIgnoreCase) ? Sex.Male : Sex.Female,
                Pregnant = root.TryGetProperty("pregnant", out var p) && p.GetBoolean(),
            };
            if (root.TryGetProperty("initial", out var initial))
            {
                script.Initial.AddRange(initial.EnumerateArray().Select(x => x.GetString()!));
            }

            if (root.TryGetProperty("answers", out var answers))
            {
                foreach (var a in answers.EnumerateObject())
                {
                    script.Answers[a.Name] = a.Value.GetString() switch { "present" => EvidenceState.Present, "absent" => EvidenceState.Absent, _ => EvidenceState.Unknown };
                }
            }

            return script;
        }
    }
}
