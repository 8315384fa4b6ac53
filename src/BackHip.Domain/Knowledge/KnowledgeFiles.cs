using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>The JSON files a <see cref="KnowledgeBase"/> is loaded from, by file name.</summary>
/// <remarks>
/// Immutable and thread-safe. Start from <see cref="Embedded"/> (the files shipped in the package) and replace one
/// with <see cref="With(string, string)"/> to tune a knowledge base, then pass the result to
/// <see cref="KnowledgeBase.Load(KnowledgeFiles)"/>.
/// </remarks>
public sealed class KnowledgeFiles
{
    /// <summary>The sources file name.</summary>
    public const string Sources = "sources.json";

    /// <summary>The conditions file name.</summary>
    public const string Conditions = "conditions.json";

    /// <summary>The findings and question groups file name.</summary>
    public const string Findings = "findings.json";

    /// <summary>The red-flag rules file name.</summary>
    public const string RedFlags = "redflags.json";

    /// <summary>The priors and likelihoods file name.</summary>
    public const string Likelihoods = "likelihoods.json";

    /// <summary>The exercise catalog file name.</summary>
    public const string Exercises = "exercises.json";

    /// <summary>The care file name: contraindication rules, self-care, treatments, referrals, stop rules.</summary>
    public const string Care = "care.json";

    private const string ResourcePrefix = "BackHip.Domain.Knowledge.Data.";
    private static readonly Lazy<KnowledgeFiles> EmbeddedFiles = new(LoadEmbedded);

    private KnowledgeFiles(ImmutableSortedDictionary<string, string> contents) => Contents = contents;

    /// <summary>Every file name the loader reads, in load order.</summary>
    public static ImmutableArray<string> Names { get; } = [Sources, Conditions, Findings, RedFlags, Likelihoods, Exercises, Care];

    /// <summary>The files shipped inside the package.</summary>
    public static KnowledgeFiles Embedded => EmbeddedFiles.Value;

    /// <summary>An empty set of files (every file missing); add them with <see cref="With(string, string)"/>.</summary>
    public static KnowledgeFiles Empty { get; } = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>The text of each file, by file name.</summary>
    public ImmutableSortedDictionary<string, string> Contents { get; }

    /// <summary>Returns a copy with one file's text replaced or added.</summary>
    /// <param name="fileName">One of <see cref="Names"/>.</param>
    /// <param name="json">The file's JSON text.</param>
    /// <returns>A new set of files.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not one of <see cref="Names"/>.</exception>
    public KnowledgeFiles With(string fileName, string json)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);
        if (!Names.Contains(fileName))
        {
            throw new ArgumentException($"'{fileName}' is not a knowledge file; expected one of {string.Join(", ", Names)}.", nameof(fileName));
        }

        return new KnowledgeFiles(Contents.SetItem(fileName, json));
    }

    /// <summary>Returns a copy with one file's text read from a UTF-8 stream (the stream is read to its end, not closed).</summary>
    /// <param name="fileName">One of <see cref="Names"/>.</param>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>A new set of files.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not one of <see cref="Names"/>.</exception>
    public KnowledgeFiles With(string fileName, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, leaveOpen: true);
        return With(fileName, reader.ReadToEnd());
    }

    /// <summary>Returns a copy without one file (loading will then report it missing).</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>A new set of files.</returns>
    public KnowledgeFiles Without(string fileName) => new(Contents.Remove(fileName));

    /// <summary>The largest knowledge file read from a directory, in bytes (16 MiB).</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>Reads the knowledge files of a directory: it must hold every file in <see cref="Names"/> (spelled exactly)
    /// and no other <c>*.json</c> file, so a misnamed or missing file cannot silently fall back to an embedded one.</summary>
    /// <param name="directory">The directory path.</param>
    /// <returns>The files found in the directory.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="BackHipValidationException">A file is missing, unexpected, empty or not a regular file, too large,
    /// or cannot be read; every problem is listed with its file name.</exception>
    /// <remarks>Only regular files with content are read: an empty entry (such as a FIFO or a device) is reported, never opened.</remarks>
    public static KnowledgeFiles FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Knowledge directory '{directory}' does not exist.");
        }

        var problems = new List<ValidationProblem>();
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().ToDictionary(e => e.Name, StringComparer.Ordinal);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            if (!entries.TryGetValue(name, out var entry))
            {
                problems.Add(new ValidationProblem { Code = "missing-file", Message = $"The directory has no {name}; every knowledge file is required.", File = name });
            }
            else if (ReadFile(entry, problems) is { } text)
            {
                builder[name] = text;
            }
        }

        foreach (var name in entries.Keys.Where(n => n.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !Names.Contains(n)).Order(StringComparer.Ordinal))
        {
            problems.Add(new ValidationProblem { Code = "unexpected-file", Message = $"Not a knowledge file; expected exactly {string.Join(", ", Names)}.", File = name });
        }

        if (problems.Count > 0)
        {
            throw new BackHipValidationException("knowledge directory", [.. problems]);
        }

        return new KnowledgeFiles(builder.ToImmutable());
    }

    private static string? ReadFile(FileSystemInfo entry, List<ValidationProblem> problems)
    {
        void Add(string code, string message) => problems.Add(new ValidationProblem { Code = code, Message = message, File = entry.Name });
        try
        {
            if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            {
                Add("unreadable-file", "The file is a link to nothing.");
                return null;
            }

            var file = new FileInfo(entry.FullName);
            if (!file.Exists)
            {
                Add("unreadable-file", "Not a file.");
                return null;
            }

            if (file.Length == 0)
            {
                Add("empty-file", "The file is empty or not a regular file.");
                return null;
            }

            if (file.Length > MaxFileBytes)
            {
                Add("too-large", $"The file is larger than {MaxFileBytes} bytes.");
                return null;
            }

            return File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            Add("unreadable-file", $"The file cannot be read ({ex.GetType().Name}).");
            return null;
        }
    }

    private static KnowledgeFiles LoadEmbedded()
    {
        var assembly = typeof(KnowledgeFiles).Assembly;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name);
            if (stream is null)
            {
                continue;
            }

            using var reader = new StreamReader(stream);
            builder[name] = reader.ReadToEnd();
        }

        return new KnowledgeFiles(builder.ToImmutable());
    }
}
