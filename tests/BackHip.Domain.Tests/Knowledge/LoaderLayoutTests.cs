using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Knowledge;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>
/// The loader stays split by capability: each reader lives next to its model, Knowledge/ never knows another
/// capability's wire shapes, and exercise wire shapes are known only to Exercises/. Reads the repository's source files.
/// </summary>
public sealed class LoaderLayoutTests
{
    private static readonly string SourceRoot = Path.Combine(Api.PublicApiTests.FindRepoRoot(), "src", "BackHip.Domain");

    /// <summary>Each capability reader and the folder it belongs in (next to its model and its JSON file's wire shapes).</summary>
    private static readonly (string Reader, string Folder)[] ReaderFolders =
    [
        (nameof(SourcesReader), "Knowledge"),
        (nameof(ConditionsReader), "Taxonomy"),
        (nameof(FindingsReader), "Findings"),
        (nameof(CriterionReader), "Findings"),
        (nameof(RedFlagRulesReader), "Triage"),
        (nameof(LikelihoodsReader), "Differential"),
        (nameof(ExercisesReader), "Exercises"),
        (nameof(CareReader), "Exercises"),
    ];

    public static TheoryData<string, string> Readers => new(ReaderFolders);

    /// <summary>Source files of the library (no build output), with their folder relative to the project.</summary>
    private static List<(string Folder, string Name, string Text)> SourceFiles() =>
    [
        .. Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(SourceRoot, f), Full: f))
            .Where(f => !f.Relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => (Path.GetDirectoryName(f.Relative) ?? string.Empty, Path.GetFileName(f.Relative), File.ReadAllText(f.Full))),
    ];

    /// <summary>The wire shapes of the knowledge files (types named *Dto) and their source-generated JSON contexts (not the
    /// public contract's, in Serialization/).</summary>
    private static List<Type> WireTypes() =>
    [
        .. typeof(KnowledgeBase).Assembly.GetTypes()
            .Where(t => !t.IsNested && (t.Name.EndsWith("Dto", StringComparison.Ordinal) || typeof(JsonSerializerContext).IsAssignableFrom(t))
                && t.Namespace != typeof(BackHip.Domain.Serialization.BackHipJsonContext).Namespace),
    ];

    private static bool Mentions(string text, string typeName) => Regex.IsMatch(text, $@"\b{Regex.Escape(typeName)}\b");

    private static string DeclaringFolder(string typeName)
    {
        var declaring = SourceFiles().Where(f => Regex.IsMatch(f.Text, $@"\b(class|record|struct)\s+{Regex.Escape(typeName)}\b")).ToList();
        Assert.True(declaring.Count == 1, $"{typeName} should be declared in exactly one source file; found {declaring.Count}.");
        return declaring[0].Folder;
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Each_capability_reader_lives_in_its_folder(string reader, string folder) =>
        Assert.Equal(folder, DeclaringFolder(reader));

    [Fact]
    public void Knowledge_folder_references_no_capability_wire_types()
    {
        var foreign = WireTypes().Select(t => t.Name).Where(n => DeclaringFolder(n) != "Knowledge").ToList();
        Assert.Contains(nameof(ExerciseDto), foreign);
        Assert.Contains(nameof(CareFileDto), foreign);
        var leaks = SourceFiles().Where(f => f.Folder == "Knowledge")
            .SelectMany(f => foreign.Where(n => Mentions(f.Text, n)).Select(n => $"Knowledge/{f.Name} mentions {n}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public void Exercise_and_care_wire_types_are_known_only_to_Exercises()
    {
        var exercise = WireTypes().Where(t => t.Namespace == typeof(ExerciseCatalog).Namespace).Select(t => t.Name).ToList();
        Assert.Contains(nameof(ExerciseDto), exercise);
        Assert.Contains(nameof(ExercisesJsonContext), exercise);
        Assert.All(exercise, n => Assert.Equal("Exercises", DeclaringFolder(n)));
        var leaks = SourceFiles().Where(f => f.Folder != "Exercises")
            .SelectMany(f => exercise.Where(n => Mentions(f.Text, n)).Select(n => $"{f.Folder}/{f.Name} mentions {n}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public void Every_wire_type_lives_next_to_a_capability_reader()
    {
        var readerFolders = ReaderFolders.Select(r => r.Folder).ToHashSet(StringComparer.Ordinal);
        Assert.All(WireTypes(), t => Assert.Contains(DeclaringFolder(t.Name), readerFolders));
    }
}
