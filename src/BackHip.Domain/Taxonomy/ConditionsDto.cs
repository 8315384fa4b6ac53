using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain;

// Wire shapes of conditions.json. Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class ConditionsFileDto
{
    public int? SchemaVersion { get; set; }
    public List<ConditionDto?>? Conditions { get; set; }
}

internal sealed class ConditionDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public List<string>? Synonyms { get; set; }
    public string? Category { get; set; }
    public List<string>? Regions { get; set; }
    public List<string>? ReferredRegions { get; set; }
    public bool? Serious { get; set; }
    public bool? Grouping { get; set; }
    public string? Parent { get; set; }
    public ProfileDto? Profile { get; set; }
    public ApplicabilityDto? Applicability { get; set; }
    public List<CodeDto?>? Icd10cm { get; set; }
    public SnomedDto? SnomedCt { get; set; }
    public string? Description { get; set; }
    public List<string>? Sources { get; set; }
    public CareLevelDto? CareLevel { get; set; }
}

internal sealed class CareLevelDto
{
    public string? Level { get; set; }
    public string? Grade { get; set; }
    public List<string>? Sources { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class ProfileDto
{
    public string? Summary { get; set; }
    public int? AgeMin { get; set; }
    public int? AgeMax { get; set; }
    public string? SexPredominance { get; set; }
}

internal sealed class ApplicabilityDto
{
    public string? Sex { get; set; }
    public bool? Pregnant { get; set; }
    public int? AgeMin { get; set; }
    public int? AgeMax { get; set; }
}

internal sealed class CodeDto
{
    public string? Code { get; set; }
    public string? Status { get; set; }
}

internal sealed class SnomedDto
{
    public string? Id { get; set; }
    public string? Status { get; set; }
    public string? Display { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of conditions.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ConditionsFileDto))]
internal sealed partial class TaxonomyJsonContext : JsonSerializerContext;
