using System.Diagnostics;
using System.Text.Json;

namespace BackHip.Domain.Tests.Samples;

/// <summary>The notebook and the researcher scripts run, so they cannot rot.</summary>
public sealed class SampleTests
{
    internal static (int Exit, string Output) DotnetRun(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("run");
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(300_000), "dotnet run did not finish in time");
        return (process.ExitCode, output.Result + error.Result);
    }

    [Fact]
    public void The_notebook_is_python_over_the_cli_csv_with_a_saved_table_and_plot()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(Snapshots.Path("samples", "notebooks", "backhip.ipynb")));
        var root = notebook.RootElement;
        Assert.Equal("python3", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var code = root.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToList();
        var source = string.Concat(code.SelectMany(c => c.GetProperty("source").EnumerateArray().Select(l => l.GetString())));
        Assert.Contains("import pandas as pd", source, StringComparison.Ordinal);
        Assert.Contains("import matplotlib", source, StringComparison.Ordinal);
        Assert.Contains("\"--format\", \"csv\"", source, StringComparison.Ordinal);
        Assert.DoesNotContain("#r ", source, StringComparison.Ordinal);
        // Executed with its outputs saved (CI re-executes it with jupyter nbconvert): every code cell ran, without errors,
        // and the outputs hold a table and a plot.
        Assert.All(code, c => Assert.NotEqual(JsonValueKind.Null, c.GetProperty("execution_count").ValueKind));
        var outputs = code.SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        var data = outputs.Where(o => o.TryGetProperty("data", out _)).Select(o => o.GetProperty("data")).ToList();
        Assert.Contains(data, d => d.TryGetProperty("image/png", out _));
        Assert.Contains(data, d => d.TryGetProperty("text/html", out var html) && string.Concat(html.EnumerateArray().Select(l => l.GetString())).Contains("<table", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_cohort_turns_a_bad_line_into_an_error_row_and_goes_on()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                """{"schemaVersion":1,"profile":{"age":42,"sex":"male"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true}]}""",
                "{ not json",
                """{"schemaVersion":1,"profile":{"age":42,"sex":"male"},"evidence":[{"finding":"no-such-finding","state":"present"}]}""",
                """{"schemaVersion":1,"profile":{"age":31,"sex":"female"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true}]}""",
            ]);
            var (exit, output) = DotnetRun(Snapshots.Path(), Path.Combine("samples", "scripts", "score-cohort.cs"), file);
            Assert.True(exit == 0, output);
            Assert.Contains("cases: 4, assessed: 2, invalid: 2", output, StringComparison.Ordinal);
            Assert.Contains("error  line 2:", output, StringComparison.Ordinal);
            Assert.Contains("error  line 3:", output, StringComparison.Ordinal);
            Assert.Contains("unknown-finding", output, StringComparison.Ordinal);
            Assert.Contains("top condition", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("score-cohort.cs")]
    [InlineData("prior-sensitivity.cs")]
    public void Each_script_has_a_package_variant_with_the_same_body(string script)
    {
        // The body is everything below the header's last line, which both files share.
        static string Body(string text) => text.ReplaceLineEndings("\n")[(text.ReplaceLineEndings("\n").IndexOf("#:property PublishAot=false\n", StringComparison.Ordinal) + 28)..];
        var repo = File.ReadAllText(Snapshots.Path("samples", "scripts", script));
        var package = File.ReadAllText(Snapshots.Path("samples", "scripts", "package", script));
        Assert.StartsWith("#:project ../../src/BackHip.Domain/BackHip.Domain.csproj", repo, StringComparison.Ordinal);
        Assert.StartsWith("#:package BackHip.Domain@", package, StringComparison.Ordinal);
        Assert.DoesNotContain("#:project", package, StringComparison.Ordinal);
        Assert.Equal(Body(repo), Body(package));
        Assert.Contains("artifacts/packages", File.ReadAllText(Snapshots.Path("samples", "scripts", "package", "nuget.config")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score-cohort.cs", "cases: 200, assessed: 200, invalid: 0")]
    [InlineData("prior-sensitivity.cs", "factor   prior")]
    public void Researcher_scripts_run(string script, string expected)
    {
        var (exit, output) = DotnetRun(Snapshots.Path(), Path.Combine("samples", "scripts", script));
        Assert.True(exit == 0, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}

/// <summary>The README's opening example compiles and runs, so it cannot rot.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_quick_start_compiles_and_runs()
    {
        var readme = File.ReadAllText(Snapshots.Path("README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var code = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var dir = Directory.CreateTempSubdirectory("backhip-readme-");
        try
        {
            var script = Path.Combine(dir.FullName, "quickstart.cs");
            File.WriteAllText(script, $"#:project {Snapshots.Path("src", "BackHip.Domain", "BackHip.Domain.csproj")}\n#:property PublishAot=false\n{code}");
            var (exit, output) = SampleTests.DotnetRun(dir.FullName, script);
            Assert.True(exit == 0, output);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var i = Array.FindIndex(lines, l => l.Trim() == "Consultation");
            Assert.True(i >= 0 && i + 1 < lines.Length, output);
            Assert.StartsWith("lumbar-disc-herniation", lines[i + 1], StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
