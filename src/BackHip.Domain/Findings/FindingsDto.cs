using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain;

// Wire shapes of findings.json. Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class FindingsFileDto
{
    public int? SchemaVersion { get; set; }
    public List<FindingDto?>? Findings { get; set; }
    public List<QuestionGroupDto?>? QuestionGroups { get; set; }
}

internal sealed class FindingDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public List<string>? Synonyms { get; set; }
    public string? Kind { get; set; }
    public string? Site { get; set; }
    public string? Side { get; set; }
    public string? AnsweredBy { get; set; }
    public string? Question { get; set; }
    public CompositeDto? Composite { get; set; }
    public List<string>? Sources { get; set; }
    public List<string>? Requires { get; set; }
}

internal sealed class CompositeDto
{
    public List<string>? Of { get; set; }
    public int? AgeAbove { get; set; }
    public int? AtLeast { get; set; }
}

internal sealed class QuestionGroupDto
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public string? Mode { get; set; }
    public List<QuestionOptionDto?>? Options { get; set; }
    public List<string>? Sources { get; set; }
    public string? Stage { get; set; }
    public string? Rationale { get; set; }
    public QuestionApplicabilityDto? AppliesTo { get; set; }
}

internal sealed class QuestionApplicabilityDto
{
    public int? AgeAtLeast { get; set; }
    public int? AgeBelow { get; set; }
    public string? Sex { get; set; }
    public bool? Pregnant { get; set; }
    public List<string>? Sites { get; set; }
}

internal sealed class QuestionOptionDto
{
    public string? Finding { get; set; }
    public string? Label { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of findings.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(FindingsFileDto))]
internal sealed partial class FindingsJsonContext : JsonSerializerContext;
