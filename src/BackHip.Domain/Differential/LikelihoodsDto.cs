using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain.Differential;

// Wire shapes of likelihoods.json (criterion nodes are Findings/CriterionDto.cs). Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class LikelihoodsFileDto
{
    public int? SchemaVersion { get; set; }
    public string? Setting { get; set; }
    public NumberDto? DefaultBackgroundRate { get; set; }
    public List<PriorDto?>? Priors { get; set; }
    public List<BackgroundRateDto?>? BackgroundRates { get; set; }
    public List<PairDto?>? Pairs { get; set; }
    public PainMapsDto? PainMaps { get; set; }
    public List<VariableDto?>? SameVariable { get; set; }
    public List<NestedDto?>? Nested { get; set; }
    public List<FrequencyBandDto?>? FrequencyBands { get; set; }
    public ResidualDto? Residual { get; set; }
}

internal sealed class ResidualDto
{
    public List<string?>? Conditions { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class FrequencyBandDto
{
    public string? Band { get; set; }
    public string? Term { get; set; }
    public double? Low { get; set; }
    public double? High { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class NestedDto
{
    public string? Broad { get; set; }
    public List<string?>? Narrower { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class PainMapsDto
{
    public string? QuestionGroup { get; set; }
    public string? BackgroundRationale { get; set; }
    public NumberDto? UnmappedRate { get; set; }
    public NumberDto? TypicalSiteRate { get; set; }
    public NumberDto? ReferredSiteRate { get; set; }
    public bool? TypicalFromRegions { get; set; }
    public List<PainMapDto?>? Maps { get; set; }
}

internal sealed class PainMapDto
{
    public string? Condition { get; set; }
    public List<PainSiteDto?>? Sites { get; set; }
}

internal sealed class PainSiteDto
{
    public string? Site { get; set; }
    public string? Kind { get; set; }
    public double? Frequency { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
    public ProvenanceDto? Provenance { get; set; }
}

internal sealed class VariableDto
{
    public string? QuestionGroup { get; set; }
    public string? Id { get; set; }
    public List<string?>? Findings { get; set; }
    public Dictionary<string, string?>? Implies { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class AgeCurveDto
{
    public List<AgePointDto?>? Points { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class AgePointDto
{
    public int? Age { get; set; }
    public double? Factor { get; set; }
}

internal sealed class NumberDto
{
    public double? Value { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class PriorDto
{
    public string? Condition { get; set; }
    public double? Prevalence { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
    public List<ModifierDto?>? Modifiers { get; set; }
    public AgeCurveDto? AgeCurve { get; set; }
    public List<SettingPriorDto?>? Settings { get; set; }
    public ProvenanceDto? Provenance { get; set; }
}

internal sealed class SettingPriorDto
{
    public string? Setting { get; set; }
    public double? Prevalence { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
    public ProvenanceDto? Provenance { get; set; }
}

internal sealed class ModifierDto
{
    public ExpressionDto? When { get; set; }
    public double? Factor { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class BackgroundRateDto
{
    public string? Finding { get; set; }
    public double? Rate { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
    public ProvenanceDto? Provenance { get; set; }
}

internal sealed class PairDto
{
    public string? Condition { get; set; }
    public string? Finding { get; set; }
    public double? Sensitivity { get; set; }
    public double? Specificity { get; set; }
    public double? LrPositive { get; set; }
    public double? LrNegative { get; set; }
    public string? Band { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
    public ProvenanceDto? Provenance { get; set; }
}

internal sealed class ProvenanceDto
{
    public string? Population { get; set; }
    public string? Setting { get; set; }
    public string? ReferenceStandard { get; set; }
    public string? IndexType { get; set; }
    public int? SampleSize { get; set; }
    public string? Checked { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of likelihoods.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LikelihoodsFileDto))]
internal sealed partial class DifferentialJsonContext : JsonSerializerContext;
