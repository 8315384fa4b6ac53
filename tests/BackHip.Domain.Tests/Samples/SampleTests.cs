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
    public void Notebook_code_cells_run_as_a_script()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(Snapshots.Path("samples", "notebooks", "backhip.ipynb")));
        var code = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("source").EnumerateArray().Select(l => l.GetString()!))
            .Where(l => !l.StartsWith("#r ", StringComparison.Ordinal));
        var dir = Directory.CreateTempSubdirectory("backhip-notebook-");
        try
        {
            var script = Path.Combine(dir.FullName, "notebook.cs");
            var project = Snapshots.Path("src", "BackHip.Domain", "BackHip.Domain.csproj");
            File.WriteAllText(script, $"#:project {project}\n#:property PublishAot=false\n" + string.Concat(code.Select(l => l.EndsWith('\n') ? l : l + "\n")));
            var (exit, output) = DotnetRun(dir.FullName, script);
            Assert.True(exit == 0, output);
            Assert.Contains("Triage: Consultation", output, StringComparison.Ordinal);
            Assert.Contains("lumbar-disc-herniation", output, StringComparison.Ordinal);
            Assert.Contains("Pain: 7 -> 3: Improved", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
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
