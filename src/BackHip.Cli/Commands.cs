using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using BackHip.Domain;
using BackHip.Domain.Batch;
using BackHip.Domain.Differential;
using BackHip.Domain.Display;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BackHip.Cli;

internal static class Commands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Assess()
    {
        var input = new Option<FileInfo?>("--input", "-i") { Description = "JSON Lines file of cases (default: standard input)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write results (default: standard output)." };
        var format = new Option<string>("--format", "-f") { Description = "jsonl (one assessment per line), csv (one row per case) or long (CSV, one row per case and condition).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv", "long");
        var command = new Command("assess", "Assess JSON Lines cases; a bad line becomes an error record and the run goes on; exit code 1 if any line failed.") { input, output, format };
        command.SetAction(async (parse, token) =>
        {
            var assessor = BackHipAssessor.CreateDefault();
            var inFile = parse.GetValue(input);
            using var reader = inFile is null ? Console.In : new StreamReader(inFile.FullName);
            var outFile = parse.GetValue(output);
            await using var writer = outFile is null ? Console.Out : new StreamWriter(outFile.FullName, append: false, new UTF8Encoding(false));
            var longFormat = parse.GetValue(format) == "long";
            var csv = parse.GetValue(format) is "csv" or "long";
            Task<BatchSummary> Run(Action<long>? progress) => csv
                ? Csv(assessor, reader, writer, progress, longFormat, token)
                : assessor.ProcessJsonLinesAsync(reader, writer, new BatchOptions { Progress = progress }, token);

            // A progress display on a terminal's stderr (bar, percentage, rate, time left) when results go to a file or a pipe.
            var total = inFile is not null && !Console.IsErrorRedirected && (outFile is not null || Console.IsOutputRedirected) ? CountLines(inFile.FullName) : 0;
            var summary = total == 0 ? await Run(null) : await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
                .Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("assessing", maxValue: total);
                    var result = await Run(done => task.Value = Math.Min(done, total));
                    task.Value = total;
                    return result;
                });

            await writer.FlushAsync(token);
            await Console.Error.WriteLineAsync(string.Create(Inv, $"backhip: {summary.Lines} lines, {summary.Assessed} assessed, {summary.Errors} errors"));
            return summary.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Lines assessed per second, for the progress display.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? string.Create(Inv, $"{speed:0} lines/s") : "- lines/s");
    }

    /// <summary>Counts the non-blank lines of a file for the progress bar, streaming bytes so no line is ever held.</summary>
    private static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[65536];
        long lines = 0;
        var blank = true;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    lines += blank ? 0 : 1;
                    blank = true;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    blank = false;
                }
            }
        }

        return lines + (blank ? 0 : 1);
    }

    private static readonly string[] WideColumns = ["line", "id", "age", "sex", "knowledgeBaseVersion", "triage", "triageCode", "firedRules", "seriousNotExcluded", "condition1", "probability1", "condition2", "probability2", "condition3", "probability3", "startBackRisk", "oswestryPercent", "rolandMorris", "painIntensity", "error"];
    private static readonly string[] LongColumns = ["line", "id", "knowledgeBaseVersion", "rank", "condition", "probability", "error"];

    /// <summary>Writes CSV with CsvHelper, which quotes as RFC 4180 says (a field holding a comma, quote or line break).</summary>
    private static async Task<BatchSummary> Csv(BackHipAssessor assessor, TextReader reader, TextWriter writer, Action<long>? progress, bool longFormat, CancellationToken token)
    {
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        var columns = longFormat ? LongColumns : WideColumns;
        csv.WriteHeader(columns);
        long lines = 0, errors = 0;
        await foreach (var item in assessor.AssessJsonLinesAsync(reader, new BatchOptions { Progress = progress }, token))
        {
            lines++;
            var line = item.Line.GetValueOrDefault().ToString(Inv);
            if (item.Assessment is { } a)
            {
                if (longFormat)
                {
                    var rank = 0;
                    foreach (var r in a.Differential)
                    {
                        rank++;
                        await WriteRow(csv, [line, a.Case.Id ?? "", a.KnowledgeBaseVersion, rank.ToString(Inv), r.ConditionId, r.Probability.ToString("0.######", Inv), ""]);
                    }

                    continue;
                }

                var top = a.Differential.Take(3).SelectMany(r => new[] { r.ConditionId, r.Probability.ToString("0.####", Inv) }).ToList();
                while (top.Count < 6)
                {
                    top.Add(string.Empty);
                }

                var i = a.Instruments;
                await WriteRow(csv, [line, a.Case.Id ?? "", a.Case.Profile.Age.ToString(Inv), Camel(a.Case.Profile.Sex.ToString()), a.KnowledgeBaseVersion,
                    Camel(a.Triage.Level.ToString()), ((int)a.Triage.Level).ToString(Inv),
                    string.Join(";", a.Triage.FiredRules.Select(f => f.RuleId)), string.Join(";", a.Triage.SeriousConditionsNotExcluded), .. top,
                    i?.StartBack is { } sb ? Camel(sb.Risk.ToString()) : "", i?.Oswestry?.Percent.ToString("0.#", Inv) ?? "", i?.RolandMorris?.ToString(Inv) ?? "", i?.PainIntensity?.ToString(Inv) ?? "", ""]);
            }
            else
            {
                errors++;
                var row = new string[columns.Length];
                Array.Fill(row, string.Empty);
                row[0] = line;
                row[^1] = string.Join("; ", item.Problems.Select(p => p.ToString()));
                await WriteRow(csv, row);
            }
        }

        await csv.FlushAsync(token);
        return new BatchSummary { Lines = lines, Assessed = lines - errors, Errors = errors };
    }

    private static Task WriteRow(CsvWriter csv, string[] fields) => csv.WriteRecordAsync(fields).AsTask();

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    public static Command Listing(string what, string description)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON with every id and field, to map outside data onto ids." };
        var command = new Command(what, description) { json };
        command.SetAction(parse =>
        {
            var kb = KnowledgeBase.Default;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(what switch
                {
                    "conditions" => BackHipJson.WriteConditions(kb),
                    "findings" => BackHipJson.WriteFindings(kb),
                    "exercises" => BackHipJson.WriteExercises(kb),
                    _ => RulesJson(kb),
                });
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple);
            switch (what)
            {
                case "conditions":
                    table.AddColumns("id", "name", "category", "serious", "ICD-10-CM");
                    foreach (var c in kb.Conditions)
                    {
                        table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Name), c.Category.ToString(), c.IsSerious ? "yes" : "", string.Join(" ", c.Icd10Cm.Select(x => x.Code)));
                    }

                    break;
                case "findings":
                    table.AddColumns("id", "kind", "answered by", "question");
                    foreach (var f in kb.Findings)
                    {
                        table.AddRow(Markup.Escape(f.Id), f.Kind.ToString(), f.AnsweredBy.ToString(), Markup.Escape(f.Question));
                    }

                    break;
                case "exercises":
                    table.AddColumns("id", "name", "category", "position", "dose");
                    foreach (var e in kb.Care.Catalog.Exercises)
                    {
                        table.AddRow(Markup.Escape(e.Id), Markup.Escape(e.Name), e.Category.ToString(), e.Position.ToString(), Markup.Escape(e.Dose.ToString()));
                    }

                    break;
                default:
                    table.AddColumns("id", "level", "pathology", "when");
                    foreach (var r in kb.RedFlagRules)
                    {
                        table.AddRow(Markup.Escape(r.Id), r.Level.ToString(), r.Pathology.ToString(), Markup.Escape(r.When.ToString()));
                    }

                    break;
            }

            // Ids never wrap or shrink: other columns give way (and piped output is wide enough for everything).
            table.Columns[0].NoWrap();
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static string RulesJson(KnowledgeBase kb)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", BackHipJson.SchemaVersion);
            w.WriteString("knowledgeBaseVersion", kb.Version);
            w.WriteStartArray("rules");
            foreach (var r in kb.RedFlagRules)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("level", Camel(r.Level.ToString()));
                w.WriteString("pathology", Camel(r.Pathology.ToString()));
                w.WriteString("when", r.When.ToString());
                w.WriteStartArray("findingIds");
                foreach (var f in r.FindingIds)
                {
                    w.WriteStringValue(f);
                }

                w.WriteEndArray();
                w.WriteString("message", r.Message);
                w.WriteString("rationale", r.Rationale);
                w.WriteString("grade", Camel(r.Grade.ToString()));
                w.WriteStartArray("sourceKeys");
                foreach (var s in r.SourceKeys)
                {
                    w.WriteStringValue(s);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Command Explain()
    {
        var file = new Argument<FileInfo>("case") { Description = "A case JSON file." };
        var top = new Option<int>("--top") { Description = "How many conditions to explain.", DefaultValueFactory = _ => 5 };
        var command = new Command("explain", "Show the differential for a case with every contribution and its source.") { file, top };
        command.SetAction(parse =>
        {
            var kb = KnowledgeBase.Default;
            Case patientCase;
            try
            {
                patientCase = BackHipJson.ReadCase(File.ReadAllText(parse.GetValue(file)!.FullName), kb);
            }
            catch (BackHipValidationException ex)
            {
                Console.Error.WriteLine($"backhip explain: {string.Join("; ", ex.Problems.Select(p => p.ToString()))}");
                return 2;
            }

            var engine = new DifferentialEngine(kb);
            var triage = TriageCombiner.Combine(new RedFlagEvaluator(kb).Evaluate(patientCase), engine.Score(patientCase), kb);
            var text = DisplayText.Default;
            Console.Out.WriteLine($"Triage: {triage.Level} — {text.TriageLabel(triage.Level, Inv)}");
            foreach (var r in engine.Score(patientCase).Top(parse.GetValue(top)))
            {
                Console.Out.WriteLine(string.Create(Inv, $"{r.Probability,7:P1}  {r.ConditionName} [{r.ConditionId}]  (prior {r.Prior:0.####}, log-odds {r.LogOdds:0.00})"));
                foreach (var c in r.Contributions)
                {
                    var background = c.BackgroundSourceKey is null ? "" : string.Create(Inv, $"; over background {c.BackgroundSourceKey}, {c.BackgroundGrade}");
                    var band = c.FrequencyBand is null ? "" : $"; band {c.FrequencyBand}";
                    Console.Out.WriteLine(string.Create(Inv, $"           {(c.State == EvidenceState.Present ? "+" : "-")} {c.FindingId}: LR {c.LikelihoodRatio:0.###} [{c.SourceKey}, {c.Grade}{band}{background}]  {text.FindingName(c.FindingId, Inv)}"));
                }
            }

            Console.Out.WriteLine(BackHipAssessor.DecisionSupportNotice);
            return 0;
        });
        return command;
    }

    public static Command Interview() => InterviewCommand.Create();

    /// <summary>Benchmarks the interview: each case is a simulated person; prints screens, red flags and triage per case.</summary>
    public static Command Evaluate()
    {
        var input = new Option<FileInfo?>("--input", "-i") { Description = "JSON Lines file of fully stated cases (default: standard input)." };
        var interview = new Option<bool>("--interview") { Description = "Simulate an interview per case (yes to present, no to absent, don't know otherwise) and compare it with the full information." };
        var respondent = new Option<string>("--respondent") { Description = "literal (unstated = don't know) or reads-checklists (an unstated checklist item is left unticked).", DefaultValueFactory = _ => "literal" };
        respondent.AcceptOnlyFromAmong("literal", "reads-checklists");
        var command = new Command("evaluate", "Evaluate the library on a set of cases; with --interview, the simulated-interview benchmark.") { input, interview, respondent };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(interview))
            {
                Console.Error.WriteLine("backhip: evaluate needs --interview (the only evaluation so far).");
                return 2;
            }

            var assessor = BackHipAssessor.CreateDefault();
            var inFile = parse.GetValue(input);
            using var reader = inFile is null ? Console.In : new StreamReader(inFile.FullName);
            var mode = parse.GetValue(respondent) == "reads-checklists" ? SimulatedRespondent.ReadsChecklists : SimulatedRespondent.Literal;
            var runs = new List<SimulatedInterview>();
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                var patientCase = BackHipJson.ReadCase(line, assessor.Knowledge);
                runs.Add(InterviewSimulator.Run(assessor, patientCase.Id is null ? patientCase.WithId(string.Create(Inv, $"line-{number}")) : patientCase, mode));
            }

            Console.Out.Write(InterviewSimulator.Report(runs));
            return 0;
        });
        return command;
    }
}
