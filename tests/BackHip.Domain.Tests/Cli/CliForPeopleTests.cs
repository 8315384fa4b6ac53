namespace BackHip.Domain.Tests.Cli;

/// <summary>The CLI as people meet it: clear one-line errors, whole ids, no escape codes in pipes, names beside ids.</summary>
public sealed class CliForPeopleTests
{
    private static (int Exit, string Out, string Err) WithFile(string content, Func<string, (int, string, string)> run)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            return run(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertOneLineError(int exit, string stderr)
    {
        Assert.NotEqual(0, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.StartsWith("backhip", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_file_names_every_unknown_value_id_and_misspelt_sex()
    {
        var (exit, stdout, stderr) = WithFile(
            """{"age":38,"sex":"mail","initial":["pain-lower-bak"],"answers":{"saddle-numbness":"yes","no-such-finding":"present"},"colour":"red"}""",
            f => CliTests.Run(null, "interview", "--answers", f));
        Assert.Equal(2, exit);
        AssertOneLineError(exit, stderr);
        Assert.Contains("'sex' must be female, male or unknown, not \"mail\"", stderr, StringComparison.Ordinal);
        Assert.Contains("unknown finding \"pain-lower-bak\"", stderr, StringComparison.Ordinal);
        Assert.Contains("answer for 'saddle-numbness' must be present, absent or unknown, not \"yes\"", stderr, StringComparison.Ordinal);
        Assert.Contains("unknown finding 'no-such-finding'", stderr, StringComparison.Ordinal);
        Assert.Contains("unknown property 'colour'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TRIAGE", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interview", "--answers")]
    [InlineData("explain")]
    public void Bad_json_gives_one_line_and_a_non_zero_exit_code(params string[] args)
    {
        var (exit, _, stderr) = WithFile("{ \"age\": 38, ", f => CliTests.Run(null, [.. args, f]));
        Assert.Equal(2, exit);
        AssertOneLineError(exit, stderr);
    }

    [Theory]
    [InlineData("findings")]
    [InlineData("conditions")]
    [InlineData("exercises")]
    [InlineData("rules")]
    public void Piped_tables_keep_every_id_whole_and_print_no_escape_codes(string command)
    {
        var (exit, stdout, _) = CliTests.Run(null, command);
        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', stdout);
        var kb = KnowledgeBase.Default;
        var ids = command switch
        {
            "findings" => kb.Findings.Select(f => f.Id),
            "conditions" => kb.Conditions.Select(c => c.Id),
            "exercises" => kb.Care.Catalog.Exercises.Select(e => e.Id),
            _ => kb.RedFlagRules.Select(r => r.Id),
        };
        var firstCells = stdout.Split('\n').Select(l => l.TrimStart().Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(ids, id => Assert.Contains(id, firstCells));
    }

    [Fact]
    public void Explain_shows_condition_names_and_the_triage_label_beside_the_ids()
    {
        var (exit, stdout, _) = WithFile(
            """{"schemaVersion":1,"profile":{"age":38,"sex":"male"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true},{"finding":"pain-below-knee","state":"present"},{"finding":"slr-positive","state":"present"}]}""",
            f => CliTests.Run(null, "explain", f));
        Assert.Equal(0, exit);
        Assert.Contains("Triage: Consultation — Book an appointment with a doctor or physiotherapist", stdout, StringComparison.Ordinal);
        Assert.Contains($"{KnowledgeBase.Default.GetCondition("lumbar-disc-herniation").Name} [lumbar-disc-herniation]", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("long")]
    public void Csv_quotes_fields_as_rfc_4180_says_and_keeps_the_columns(string format)
    {
        const string Tricky = """{"schemaVersion":1,"id":"ward 3, bed \"7\"","profile":{"age":42,"sex":"male"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true}]}""";
        var (exit, stdout, _) = CliTests.Run(Tricky + "\n", "assess", "--format", format);
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(format == "csv"
            ? "line,id,age,sex,knowledgeBaseVersion,triage,triageCode,firedRules,seriousNotExcluded,condition1,probability1,condition2,probability2,condition3,probability3,startBackRisk,oswestryPercent,rolandMorris,painIntensity,error"
            : "line,id,knowledgeBaseVersion,rank,condition,probability,error", lines[0]);
        Assert.StartsWith("1,\"ward 3, bed \"\"7\"\"\",", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', stdout);
    }
}
