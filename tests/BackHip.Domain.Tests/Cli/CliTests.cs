using System.Diagnostics;
using System.Text.Json;

namespace BackHip.Domain.Tests.Cli;

/// <summary>Runs the backhip tool as a process, the way people and scripts use it.</summary>
public sealed class CliTests
{
    private static string ToolPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Snapshots.Path("src", "BackHip.Cli", "bin", configuration, "net10.0", "backhip.dll");
        Assert.True(File.Exists(path), $"backhip.dll not built at {path}");
        return path;
    }

    internal static (int Exit, string Out, string Err) Run(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ToolPath());
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        // Output is drained while input is written, so a large input cannot deadlock on full pipes.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        Assert.True(process.WaitForExit(120_000), "backhip did not finish in time");
        return (process.ExitCode, output.Result, error.Result);
    }

    private const string Emergency = """{"schemaVersion":1,"profile":{"age":45,"sex":"male"},"evidence":[{"finding":"saddle-numbness","state":"present"}]}""";
    private const string Mild = """{"schemaVersion":1,"profile":{"age":30,"sex":"female"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true}],"instruments":{"painIntensity":4}}""";

    [Fact]
    public void Assess_streams_json_lines_in_order_with_an_error_record_for_a_bad_line()
    {
        var (exit, stdout, stderr) = Run($"{Emergency}\n{{ not json\n{Mild}\n", "assess");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"level\":\"emergency\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"schemaVersion\":1,\"line\":2,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"painIntensity\":4", lines[2], StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains("3 lines, 2 assessed, 1 errors", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_writes_csv_for_dataframes_from_a_file_to_a_file()
    {
        var dir = Directory.CreateTempSubdirectory("backhip-cli-");
        try
        {
            var input = Path.Combine(dir.FullName, "cases.jsonl");
            var output = Path.Combine(dir.FullName, "out.csv");
            var withId = Emergency.Replace("{\"schemaVersion\":1,", "{\"schemaVersion\":1,\"id\":\"rec, 7\",", StringComparison.Ordinal);
            Assert.NotEqual(Emergency, withId);
            File.WriteAllText(input, withId + "\n" + Mild + "\n");
            var (exit, _, _) = Run(null, "assess", "--input", input, "--output", output, "--format", "csv");
            Assert.Equal(0, exit);
            var rows = File.ReadAllLines(output);
            Assert.StartsWith("line,id,age,sex,knowledgeBaseVersion,triage,triageCode,firedRules,seriousNotExcluded,condition1,probability1", rows[0], StringComparison.Ordinal);
            Assert.StartsWith("1,\"rec, 7\",45,male," + KnowledgeBase.Default.Version + ",emergency,3,", rows[1], StringComparison.Ordinal);
            Assert.Contains("ces-saddle-numbness", rows[1], StringComparison.Ordinal);
            Assert.StartsWith("2,,30,female,", rows[2], StringComparison.Ordinal);
            Assert.Contains(",selfCare,0,", rows[2], StringComparison.Ordinal);
            var longOutput = Path.Combine(dir.FullName, "long.csv");
            Assert.Equal(0, Run(null, "assess", "--input", input, "--output", longOutput, "--format", "long").Exit);
            var longRows = File.ReadAllLines(longOutput);
            Assert.Equal("line,id,knowledgeBaseVersion,rank,condition,probability,error", longRows[0]);
            Assert.StartsWith("1,\"rec, 7\"," + KnowledgeBase.Default.Version + ",1,", longRows[1], StringComparison.Ordinal);
            Assert.Contains(longRows, r => r.StartsWith("2,,", StringComparison.Ordinal) && r.Contains(",2,", StringComparison.Ordinal));
            Assert.EndsWith(",4,", rows[2], StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Several thousand lines with broken ones in the middle (issue 17): every line gets exactly one output
    /// line, in order, and the summary is printed.</summary>
    [Theory]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public void Assess_gives_every_line_of_a_large_input_exactly_one_output_line_in_order(string format)
    {
        const int count = 3_000;
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            lines[i] = i % 2 == 0 ? Emergency : Mild;
        }

        lines[1_499] = """{"schemaVersion":1,"profile":{"age":40,"sex":"male"},"evidence":[null]}""";
        lines[1_500] = """{"schemaVersion":1,"profile":{"age":40,"sex":"male"},"evidence":[{"finding":"saddle-numbness","state":"unknown, present"}]}""";
        lines[1_501] = "{ broken\r on one line";
        lines[2_000] = "{ not json";
        var (exit, stdout, stderr) = Run(string.Join("\n", lines) + "\n", "assess", "--format", format);
        var output = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var records = format == "csv" ? output[1..] : output;
        Assert.Equal(count, records.Length);
        int[] broken = [1_500, 1_501, 1_502, 2_001];
        for (var line = 1; line <= count; line++)
        {
            var record = records[line - 1];
            if (format == "csv")
            {
                Assert.StartsWith(line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",", record, StringComparison.Ordinal);
                Assert.Equal(broken.Contains(line), !record.EndsWith(','));   // the error column is the last; empty when assessed
            }
            else if (broken.Contains(line))
            {
                Assert.StartsWith($"{{\"schemaVersion\":1,\"line\":{line},", record, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(line % 2 == 1 ? "\"level\":\"emergency\"" : "\"painIntensity\":4", record, StringComparison.Ordinal);
            }
        }

        Assert.Equal(1, exit);
        Assert.Contains($"{count} lines, {count - 4} assessed, 4 errors", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_reports_an_oversized_line_from_a_file_and_goes_on()
    {
        var dir = Directory.CreateTempSubdirectory("backhip-cli-");
        try
        {
            var input = Path.Combine(dir.FullName, "cases.jsonl");
            File.WriteAllText(input, Mild + "\n" + "{\"schemaVersion\":1,\"x\":\"" + new string('x', 5 << 20) + "\"}\n" + Emergency + "\n");
            var (exit, stdout, stderr) = Run(null, "assess", "--input", input);
            var records = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, records.Length);
            Assert.StartsWith("{\"schemaVersion\":1,\"line\":2,\"problems\":[{\"code\":\"too-large\"", records[1], StringComparison.Ordinal);
            Assert.Contains("\"level\":\"emergency\"", records[2], StringComparison.Ordinal);
            Assert.Equal(1, exit);
            Assert.Contains("3 lines, 2 assessed, 1 errors", stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("conditions", "conditions", "cauda-equina-syndrome")]
    [InlineData("findings", "findings", "saddle-numbness")]
    [InlineData("exercises", "exercises", "knee-to-chest")]
    [InlineData("rules", "rules", "ces-saddle-numbness")]
    public void Listings_write_json_with_every_id(string command, string property, string id)
    {
        var (exit, stdout, _) = Run(null, command, "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Contains(doc.RootElement.GetProperty(property).EnumerateArray(), e => e.GetProperty("id").GetString() == id);
    }

    [Fact]
    public void Search_maps_a_phrase_onto_ids_as_a_table_and_as_json()
    {
        var (exit, stdout, _) = Run(null, "search", "SLR +");
        Assert.Equal(0, exit);
        Assert.Contains("slr-positive", stdout, StringComparison.Ordinal);
        var (jsonExit, json, _) = Run(null, "search", "can't put weight on it", "--json", "--top", "3");
        Assert.Equal(0, jsonExit);
        using var doc = JsonDocument.Parse(json);
        var first = doc.RootElement.EnumerateArray().First();
        Assert.Equal("cannot-bear-weight", first.GetProperty("id").GetString());
        Assert.Equal("finding", first.GetProperty("kind").GetString());
        Assert.True(doc.RootElement.GetArrayLength() <= 3);
        var (badExit, _, err) = Run(null, "search", "pain", "--top", "0");
        Assert.Equal(2, badExit);
        Assert.Contains("--top", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explain", "/no/such/backhip/case.json")]
    [InlineData("assess", "--input", "/no/such/backhip/cases.jsonl")]
    public void A_missing_file_gives_one_line_and_a_non_zero_exit_code_not_a_stack_trace(params string[] args)
    {
        var (exit, _, stderr) = Run(null, args);
        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("backhip: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Listing_tables_are_readable()
    {
        var (exit, stdout, _) = Run(null, "conditions");
        Assert.Equal(0, exit);
        Assert.Contains("cauda-equina-syndrome", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_every_contribution_with_its_source()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"schemaVersion":1,"profile":{"age":38,"sex":"male"},"evidence":[{"finding":"pain-below-knee","state":"present"},{"finding":"slr-positive","state":"present"}]}""");
            var (exit, stdout, _) = Run(null, "explain", file);
            Assert.Equal(0, exit);
            Assert.Contains("lumbar-disc-herniation", stdout, StringComparison.Ordinal);
            Assert.Contains("+ slr-positive: LR 1.278 [S17, Estimate]", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_scripted_interview_asks_red_flags_first_and_shows_triage_differential_and_plan()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"age":38,"sex":"male","initial":["pain-lower-back"],"answers":{"saddle-numbness":"present","pain-below-knee":"present"}}""");
            var (exit, stdout, _) = Run(null, "interview", "--answers", file);
            Assert.Equal(0, exit);
            Assert.Contains("Q: ", stdout, StringComparison.Ordinal);
            Assert.Contains($"TRIAGE: {BackHip.Domain.Display.DisplayText.Default.TriageLabel(BackHip.Domain.Triage.TriageLevel.Emergency)} (Emergency)", stdout, StringComparison.Ordinal);
            Assert.Contains("Differential (probability, %)", stdout, StringComparison.Ordinal);
            Assert.Matches(@"\d+\.\d %", stdout);
            Assert.Contains("Now:", stdout, StringComparison.Ordinal);
            // Whom to see and how soon by label, never the enum names.
            Assert.Contains("See: Emergency department (Go to an emergency department now)", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("EmergencyDepartment", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_interactive_interview_has_no_default_answer_shows_progress_why_we_ask_and_undo()
    {
        // Enter alone re-asks; '?' explains; '1' ticks the lower back; 'b' takes it back; the end of input stops.
        var (exit, stdout, _) = Run("\n35\n1\n2\n\n?\n1\nb\n", "interview");
        Assert.Equal(1, exit);
        Assert.Contains("[1 of at most 25]", stdout, StringComparison.Ordinal);
        Assert.Contains("[2 of at most 25]", stdout, StringComparison.Ordinal);
        Assert.Contains("Why we ask:", stdout, StringComparison.Ordinal);
        Assert.Contains("none of these", stdout, StringComparison.Ordinal);
        var location = KnowledgeBase.Default.QuestionGroups.Single(g => g.Id == "pain-location").Text;
        Assert.True(stdout.Split(location).Length - 1 >= 4, stdout); // asked, re-asked after Enter and '?', and again after undo
        Assert.Contains("Interview stopped", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("TRIAGE", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_interview_prints_the_simulated_interview_table()
    {
        var (exit, stdout, _) = Run($"{Emergency}\n{Mild}\n", "evaluate", "--interview");
        Assert.Equal(0, exit);
        Assert.Contains("Screens: median", stdout, StringComparison.Ordinal);
        Assert.Contains("emergencies lost 0", stdout, StringComparison.Ordinal);
        Assert.Contains("line-1", stdout, StringComparison.Ordinal);
    }
}
