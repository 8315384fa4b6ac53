using System.Reflection;
using PublicApiGenerator;

namespace BackHip.Domain.Tests.Api;

/// <summary>
/// The public surface is rendered to text and compared with the checked-in snapshot, so it cannot change by accident.
/// To accept a deliberate change, run the tests with BACKHIP_UPDATE_SNAPSHOTS=1 and commit the updated file.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(KnowledgeBase).Assembly;

    [Fact]
    public void Public_api_matches_the_snapshot()
    {
        var actual = Render();
        var path = Path.Combine(FindRepoRoot(), "tests", "BackHip.Domain.Tests", "Api", "BackHip.Domain.api.txt");
        if (Environment.GetEnvironmentVariable("BACKHIP_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}; run with BACKHIP_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var exp = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
            var act = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
            var added = act.Except(exp).Select(l => "+ " + l);
            var removed = exp.Except(act).Select(l => "- " + l);
            Assert.Fail("The public API changed; if on purpose, run with BACKHIP_UPDATE_SNAPSHOTS=1 and commit the snapshot." + Environment.NewLine + string.Join(Environment.NewLine, removed.Concat(added).Take(60)));
        }
    }

    [Fact]
    public void Public_classes_are_sealed_or_abstract_and_structs_readonly()
    {
        var offenders = Library.GetExportedTypes()
            .Where(t => (t.IsClass && !t.IsAbstract && !t.IsSealed && !typeof(Delegate).IsAssignableFrom(t))
                || (t.IsValueType && !t.IsEnum && t.GetCustomAttributes().All(a => a.GetType().Name != "IsReadOnlyAttribute")))
            .Select(t => t.FullName);
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_type_is_named_like_its_namespace() =>
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.Namespace?.EndsWith("." + t.Name, StringComparison.Ordinal) == true);

    [Fact]
    public void Every_public_member_has_xml_docs()
    {
        var xml = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(Library.Location, ".xml"));
        var documented = xml.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = Library.GetExportedTypes().Where(t => !documented.Contains("T:" + t.FullName)).Select(t => t.FullName).ToList();
        Assert.Empty(missing);
    }

    /// <summary>The public surface as C#-like text, rendered by PublicApiGenerator (the tool approval-style API tests use);
    /// attributes that say nothing about the API's shape are left out so the snapshot changes only when the surface does.</summary>
    internal static string Render() =>
        Library.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
                "System.Diagnostics.DebuggerNonUserCodeAttribute",
                "System.CodeDom.Compiler.GeneratedCodeAttribute",
            ],
        }).ReplaceLineEndings("\n");

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackHip.Domain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (BackHip.Domain.sln) not found.");
    }
}
