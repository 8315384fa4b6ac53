using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackHip.Domain.Tests.Samples;

/// <summary>Every C# snippet of the README and the package readme compiles exactly as shown (each on its own, with only
/// the usings it names), so the docs cannot rot.</summary>
public sealed partial class ReadmeSnippetTests
{
    // The SDK's implicit usings for a console app; a snippet names every other namespace it uses.
    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "README.md", "src/BackHip.Domain/PACKAGE.md" })
        {
            var count = CSharpBlock().Count(File.ReadAllText(Snapshots.Path(file.Split('/'))));
            for (var i = 0; i < count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    internal static IReadOnlyList<string> Diagnose(string code)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, options), CSharpSyntaxTree.ParseText(code, options)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles_as_shown(string file, int index)
    {
        var code = CSharpBlock().Matches(File.ReadAllText(Snapshots.Path(file.Split('/'))))[index].Groups["code"].Value;
        var errors = Diagnose(code);
        Assert.True(errors.Count == 0, $"{file} C# snippet #{index + 1} does not compile:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    [Fact]
    public void The_DI_snippets_name_their_package_and_usings()
    {
        foreach (var file in new[] { "README.md", "src/BackHip.Domain/PACKAGE.md" })
        {
            var di = CSharpBlock().Matches(File.ReadAllText(Snapshots.Path(file.Split('/')))).Select(m => m.Groups["code"].Value).First(c => c.Contains("AddBackHipDomain", StringComparison.Ordinal));
            Assert.Contains("dotnet add package BackHip.Domain", di, StringComparison.Ordinal);
            Assert.Contains("using BackHip.Domain;", di, StringComparison.Ordinal);
            Assert.Contains("using Microsoft.Extensions.DependencyInjection;", di, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_interview_snippet_defines_its_answer_function()
    {
        var interview = CSharpBlock().Matches(File.ReadAllText(Snapshots.Path("README.md"))).Select(m => m.Groups["code"].Value).First(c => c.Contains("Interview.", StringComparison.Ordinal));
        Assert.Matches(@"static \w+ Ask\(", interview);
    }

    [Fact]
    public void A_snippet_that_does_not_compile_is_caught()
    {
        Assert.NotEmpty(Diagnose("var x = new NoSuchType();"));
        Assert.NotEmpty(Diagnose("var kb = KnowledgeBase.Default;"));   // no using BackHip.Domain
        Assert.Empty(Diagnose("using BackHip.Domain;\nvar kb = KnowledgeBase.Default;"));
    }
}
