using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackHip.Domain;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using Spectre.Console;

namespace BackHip.Cli;

/// <summary>The interactive interview: red-flag questions first, then the most informative question each time.</summary>
internal static class InterviewCommand
{
    public static Command Create()
    {
        var answers = new Option<FileInfo?>("--answers") { Description = "Replay answers from a JSON file ({\"age\":40,\"sex\":\"female\",\"initial\":[...],\"answers\":{\"finding-id\":\"present|absent|unknown\"}}) instead of asking." };
        var command = new Command("interview", "Run an interview in the terminal and show triage, the differential and the care plan.") { answers };
        command.SetAction(parse =>
        {
            var kb = KnowledgeBase.Default;
            var file = parse.GetValue(answers);
            var script = file is null ? null : Script.Load(file.FullName);
            var console = AnsiConsole.Console;
            console.MarkupLine("[bold]BackHip interview[/] — decision support and education only; not a diagnosis.");
            int age = script?.Age ?? console.Prompt(new TextPrompt<int>("Age?").Validate(a => a is >= 0 and <= 120));
            var sex = script?.Sex ?? console.Prompt(new SelectionPrompt<Sex>().Title("Sex?").AddChoices(Sex.Female, Sex.Male));
            var pregnant = script?.Pregnant ?? (sex == Sex.Female && console.Confirm("Are you pregnant?", false));
            var builder = Case.For(age, sex);
            if (pregnant)
            {
                builder.Pregnant();
            }

            builder.Initial([.. script?.Initial ?? ["pain-lower-back"]]);
            var interview = Interview.Start(kb, builder.Build());
            while (interview.Next() is { } question)
            {
                var state = script is not null
                    ? script.AnswerFor(question.FindingId)
                    : console.Prompt(new SelectionPrompt<string>().Title((question.IsRedFlagScreen ? "[red]![/] " : "") + Markup.Escape(question.Question)).AddChoices("yes", "no", "don't know")) switch
                    {
                        "yes" => EvidenceState.Present,
                        "no" => EvidenceState.Absent,
                        _ => EvidenceState.Unknown,
                    };
                if (script is not null)
                {
                    console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Q: {Markup.Escape(question.Question)} → {state.ToString().ToLowerInvariant()}"));
                }

                interview = interview.Answer(question.FindingId, state);
            }

            var assessment = BackHipAssessor.CreateDefault().Assess(interview.Case);
            Show(console, kb, assessment);
            return 0;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, KnowledgeBase kb, Assessment a)
    {
        var colour = a.Triage.Level switch
        {
            >= TriageLevel.Emergency => "white on red",
            TriageLevel.Consultation24 => "black on orange1",
            TriageLevel.Consultation => "black on yellow",
            _ => "black on green",
        };
        console.Write(new Panel(new Markup($"[{colour}] TRIAGE: {a.Triage.Level} [/]\n" + string.Join("\n", a.Triage.FiredRules.Select(r => Markup.Escape(r.Message))))).Header("What to do"));
        var chart = new BarChart().Label("Differential").Width(70);
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
            console.MarkupLine(Markup.Escape($"Exercise {e.Order}: {e.Name} — {e.Dose}"));
        }

        foreach (var s in plan.SelfCare.Take(4))
        {
            console.MarkupLine("Self-care: " + Markup.Escape(s.Text));
        }

        foreach (var r in plan.Referrals)
        {
            console.MarkupLine(Markup.Escape($"See: {r.Clinician} ({r.Urgency}) — {r.Reason}"));
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
