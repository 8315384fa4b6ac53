using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain.Triage;

// Wire shapes of redflags.json (criterion nodes are Findings/CriterionDto.cs). Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class RedFlagsFileDto
{
    public int? SchemaVersion { get; set; }
    public List<RuleDto?>? Rules { get; set; }
}

internal sealed class RuleDto
{
    public string? Id { get; set; }
    public string? Pathology { get; set; }
    public List<string>? Conditions { get; set; }
    public string? Level { get; set; }
    public ExpressionDto? When { get; set; }
    public string? Message { get; set; }
    public string? Rationale { get; set; }
    public string? Grade { get; set; }
    public List<string>? Sources { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of redflags.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RedFlagsFileDto))]
internal sealed partial class TriageJsonContext : JsonSerializerContext;
