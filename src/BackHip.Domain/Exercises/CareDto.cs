using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain.Exercises;

// Wire shapes of care.json. Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class CareFileDto
{
    public int? SchemaVersion { get; set; }
    public List<ContraindicationRuleDto?>? ContraindicationRules { get; set; }
    public List<SelfCareDto?>? SelfCare { get; set; }
    public List<TreatmentDto?>? Treatments { get; set; }
    public List<ReferralDto?>? Referrals { get; set; }
    public List<StopRuleDto?>? StopRules { get; set; }
}

internal sealed class ContraindicationRuleDto
{
    public string? Id { get; set; }
    public List<string>? Conditions { get; set; }
    public List<string>? Findings { get; set; }
    public bool? Pregnant { get; set; }
    public string? UnlessAbsent { get; set; }
    public List<string>? UnlessPresent { get; set; }
    public string? Sex { get; set; }
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public string? ExcludesTag { get; set; }
    public string? ExcludesPosition { get; set; }
    public string? Reason { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class SelfCareDto
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public List<string>? Categories { get; set; }
    public List<string>? Conditions { get; set; }
    public List<string>? Sources { get; set; }
    public string? Grade { get; set; }
}

internal sealed class TreatmentDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public List<string>? Conditions { get; set; }
    public string? Clinician { get; set; }
    public List<string>? Sources { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
    public List<StanceDto?>? Stances { get; set; }
}

internal sealed class StanceDto
{
    public string? Stance { get; set; }
    public string? Scope { get; set; }
    public string? Jurisdiction { get; set; }
    public List<string>? Conditions { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class ReferralDto
{
    public List<string>? Conditions { get; set; }
    public string? Clinician { get; set; }
    public string? Source { get; set; }
    public string? Reason { get; set; }
    public List<string>? Phases { get; set; }
}

internal sealed class StopRuleDto
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public bool? Pregnant { get; set; }
    public List<string>? Sources { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of care.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CareFileDto))]
internal sealed partial class CareJsonContext : JsonSerializerContext;
