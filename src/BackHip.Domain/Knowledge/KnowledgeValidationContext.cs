using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace BackHip.Domain.Knowledge;

/// <summary>
/// The one validation context every capability reader shares while a knowledge base loads: it reads each file (with the
/// duplicate and case-variant key scan of <see cref="KnowledgeJsonCheck"/>), collects every problem with its file, id
/// and JSON path, holds the ids declared so far (sources, conditions, findings) and the checks every file uses.
/// </summary>
/// <param name="files">The files being loaded.</param>
internal sealed partial class KnowledgeValidationContext(KnowledgeFiles files)
{
    private readonly List<ValidationProblem> _problems = [];

    /// <summary>Every source key declared in sources.json (filled by the sources reader).</summary>
    public HashSet<string> SourceKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Every condition id declared in conditions.json (filled by the taxonomy reader).</summary>
    public HashSet<string> ConditionIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Every finding id declared in findings.json (filled by the findings reader).</summary>
    public HashSet<string> FindingIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The problems found so far, in the order they were found.</summary>
    public IReadOnlyList<ValidationProblem> Problems => _problems;

    /// <summary>How many problems have been found so far (compare before and after a check).</summary>
    public int ProblemCount => _problems.Count;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    /// <summary>Reads one file into its wire shape: a missing file, invalid Unicode, a repeated or case-variant key, or JSON the shape does not accept is a problem.</summary>
    public T? Read<T>(string file, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!files.Contents.TryGetValue(file, out var json))
        {
            Problem("missing-file", $"The file {file} is missing.", file);
            return null;
        }

        if (KnowledgeJsonCheck.HasLoneSurrogate(json))
        {
            Problem("malformed-json", "The file is not valid Unicode text (it holds a lone surrogate).", file, path: "$");
            return null;
        }

        var repeated = KnowledgeJsonCheck.RepeatedKeys(json);
        foreach (var (path, first, otherCase) in repeated)
        {
            Problem("duplicate-key", otherCase ? $"This key repeats the key '{first}' in another letter case; a key may appear once." : $"The key '{first}' is given more than once; a key may appear once.", file, path: path);
        }

        if (repeated.Count > 0)
        {
            return null;
        }

        try
        {
            var dto = JsonSerializer.Deserialize(json, typeInfo);
            if (dto is null)
            {
                Problem("malformed-json", "The document is null.", file, path: "$");
            }

            return dto;
        }
        catch (JsonException ex)
        {
            Problem("malformed-json", KnowledgeJsonCheck.Describe(ex), file, path: ex.Path ?? "$");
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Problem("malformed-json", "The file is not valid Unicode JSON text.", file, path: "$");
            return null;
        }
    }

    /// <summary>Records a problem with its file, and the id and JSON path when known.</summary>
    public void Problem(string code, string message, string file, string? id = null, string? path = null) =>
        _problems.Add(new ValidationProblem { Code = code, Message = message, File = file, Id = id, Path = path });

    /// <summary>A file's schemaVersion must be 1.</summary>
    public void CheckSchema(int? version, string file)
    {
        if (version != 1)
        {
            Problem("schema-version", $"schemaVersion must be 1 (found {(version is null ? "none" : version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}).", file, path: "$.schemaVersion");
        }
    }

    /// <summary>A required text field: missing or blank is a problem.</summary>
    public string? Required(string? value, string file, string? id, string path, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem("missing-field", $"'{field}' is required.", file, id, path);
            return null;
        }

        return value;
    }

    /// <summary>An enum value in its exact camelCase spelling; anything else (another letter case, a number) is a problem naming every valid value.</summary>
    public TEnum? ParseEnum<TEnum>(string? value, string file, string? id, string path, bool required = true)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            if (required)
            {
                Problem("missing-field", $"'{path[(path.LastIndexOf('.') + 1)..]}' is required.", file, id, path);
            }

            return null;
        }

        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && string.Equals(CamelCase(parsed.ToString()), value, StringComparison.Ordinal))
        {
            return parsed;
        }

        Problem("unknown-value", $"'{value}' is not a valid value; expected one of {string.Join(", ", Enum.GetNames<TEnum>().Select(CamelCase))}.", file, id, path);
        return null;
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>An id must be kebab-case and unique in <paramref name="seen"/>.</summary>
    public void CheckId(string? id, string file, string path, HashSet<string> seen, string what)
    {
        if (id is null)
        {
            return;
        }

        if (!KebabCase().IsMatch(id))
        {
            Problem("malformed-id", $"The {what} id '{id}' is not kebab-case (lowercase letters, digits, single hyphens).", file, id, path);
        }

        if (!seen.Add(id))
        {
            Problem("duplicate-id", $"The {what} id '{id}' is used more than once.", file, id, path);
        }
    }

    /// <summary>A list of source keys, each resolving in sources.json; at least one when required.</summary>
    public ImmutableArray<string> CheckSources(List<string>? keys, string file, string? id, string path, bool required = true)
    {
        if (keys is null || keys.Count == 0)
        {
            if (required)
            {
                Problem("missing-source", "At least one source key is required.", file, id, path);
            }

            return [];
        }

        for (var i = 0; i < keys.Count; i++)
        {
            CheckSourceKey(keys[i], file, id, $"{path}[{i}]");
        }

        return [.. keys];
    }

    /// <summary>One source key that must resolve in sources.json.</summary>
    public string CheckSourceKey(string? key, string file, string? id, string path)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            Problem("missing-source", "A source key is required.", file, id, path);
            return string.Empty;
        }

        if (!SourceKeys.Contains(key))
        {
            Problem("unresolved-source", $"Source key '{key}' does not resolve in {KnowledgeFiles.Sources}.", file, id, path);
        }

        return key;
    }

    /// <summary>An age, when given, must lie within 0-120.</summary>
    public void CheckAge(int? age, string file, string? id, string path)
    {
        if (age is < 0 or > 120)
        {
            Problem("out-of-range", $"Age {age} is outside 0-120.", file, id, path);
        }
    }

    /// <summary>A cited number: its source resolves, its grade parses, an estimate has a rationale, team judgement (BH-TEAM) is graded an estimate.</summary>
    public EvidenceGrade? CheckGraded(string? source, string? grade, string? rationale, string file, string? id, string path)
    {
        CheckSourceKey(source, file, id, path + ".source");
        var g = ParseEnum<EvidenceGrade>(grade, file, id, path + ".grade");
        if (g == EvidenceGrade.Estimate && string.IsNullOrWhiteSpace(rationale))
        {
            Problem("missing-rationale", "A number graded 'estimate' needs a one-line rationale.", file, id, path + ".rationale");
        }

        if (source == "BH-TEAM" && g is not null && g != EvidenceGrade.Estimate)
        {
            Problem("dishonest-grade", "A number from team judgement (BH-TEAM) must be graded 'estimate'.", file, id, path + ".grade");
        }

        return g;
    }

    /// <summary>A required probability, strictly between 0 and 1 (or within 0-1 when not an open interval).</summary>
    public void CheckProbability(double? value, string file, string? id, string path, bool openInterval = true)
    {
        if (value is null)
        {
            Problem("missing-field", $"'{path[(path.LastIndexOf('.') + 1)..]}' is required.", file, id, path);
        }
        else if (!double.IsFinite(value.Value) || (openInterval ? value <= 0 || value >= 1 : value < 0 || value > 1))
        {
            Problem("out-of-range", $"{value} is not a probability strictly between 0 and 1.", file, id, path);
        }
    }

    /// <summary>A list of enum values (see ParseEnum); at least one when required.</summary>
    public ImmutableArray<TEnum> ParseEnums<TEnum>(List<string>? values, string file, string? id, string path, bool requireOne)
        where TEnum : struct, Enum
    {
        if (values is null || values.Count == 0)
        {
            if (requireOne)
            {
                Problem("missing-field", $"'{path[(path.LastIndexOf('.') + 1)..]}' needs at least one value.", file, id, path);
            }

            return [];
        }

        var result = ImmutableArray.CreateBuilder<TEnum>();
        for (var i = 0; i < values.Count; i++)
        {
            if (ParseEnum<TEnum>(values[i], file, id, $"{path}[{i}]") is { } v)
            {
                result.Add(v);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A list of condition ids, each declared in conditions.json.</summary>
    public ImmutableArray<string> CheckConditionIds(List<string>? ids, string file, string? id, string path)
    {
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!ConditionIds.Contains(list[i]))
            {
                Problem("dangling-reference", $"Condition '{list[i]}' is not in {KnowledgeFiles.Conditions}.", file, id, $"{path}[{i}]");
            }
        }

        return [.. list];
    }

    /// <summary>A list of finding ids, each declared in findings.json.</summary>
    public ImmutableArray<string> CheckFindingIds(List<string>? ids, string file, string? id, string path)
    {
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!FindingIds.Contains(list[i]))
            {
                Problem("dangling-reference", $"Finding '{list[i]}' is not in {KnowledgeFiles.Findings}.", file, id, $"{path}[{i}]");
            }
        }

        return [.. list];
    }
}
