using System.Collections.Immutable;

namespace BackHip.Domain.Exercises;

/// <summary>A rule that keeps exercises with a load tag or position out of a plan for a likely condition, a present
/// finding, or pregnancy.</summary>
public sealed record ContraindicationRule
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The rule applies when any of these conditions is likely.</summary>
    public ImmutableArray<string> ConditionIds { get; init; } = [];

    /// <summary>The rule applies when any of these findings is present.</summary>
    public ImmutableArray<string> FindingIds { get; init; } = [];

    /// <summary>The rule applies in pregnancy.</summary>
    public bool Pregnant { get; init; }

    /// <summary>With <see cref="Pregnant"/>: the rule does not apply once this finding is answered absent.</summary>
    public string? UnlessAbsentFindingId { get; init; }

    /// <summary>Exercises with this load tag are excluded.</summary>
    public LoadTag? ExcludesTag { get; init; }

    /// <summary>Exercises in this position are excluded.</summary>
    public BodyPosition? ExcludesPosition { get; init; }

    /// <summary>Why, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>The rationale, required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>A self-care step and when it applies.</summary>
public sealed record SelfCareStep
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The advice, in plain words.</summary>
    public required string Text { get; init; }

    /// <summary>It applies when a likely condition is in one of these categories.</summary>
    public ImmutableArray<ConditionCategory> Categories { get; init; } = [];

    /// <summary>It applies when one of these conditions is likely.</summary>
    public ImmutableArray<string> ConditionIds { get; init; } = [];

    /// <summary>The source keys.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }
}

/// <summary>A treatment a clinician may offer; never dosed.</summary>
public sealed record TreatmentOption
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The conditions it is an option for.</summary>
    public required ImmutableArray<string> ConditionIds { get; init; }

    /// <summary>Who offers it.</summary>
    public required Clinician Clinician { get; init; }

    /// <summary>The source keys.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>The rationale, required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>Which clinician suits a set of conditions.</summary>
public sealed record ReferralRule
{
    /// <summary>The conditions.</summary>
    public required ImmutableArray<string> ConditionIds { get; init; }

    /// <summary>The clinician.</summary>
    public required Clinician Clinician { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }
}

/// <summary>When to stop exercising and seek care.</summary>
public sealed record StopRule
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The rule, in plain words.</summary>
    public required string Text { get; init; }

    /// <summary>The source keys.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }
}

/// <summary>The care knowledge: exercise catalog, contraindication rules, self-care, treatments, referrals, stop rules.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CareKnowledge
{
    internal CareKnowledge(
        ExerciseCatalog catalog,
        ImmutableArray<ContraindicationRule> rules,
        ImmutableArray<SelfCareStep> selfCare,
        ImmutableArray<TreatmentOption> treatments,
        ImmutableArray<ReferralRule> referrals,
        ImmutableArray<StopRule> stopRules)
    {
        Catalog = catalog;
        ContraindicationRules = rules;
        SelfCare = selfCare;
        Treatments = treatments;
        Referrals = referrals;
        StopRules = stopRules;
    }

    /// <summary>The exercise catalog.</summary>
    public ExerciseCatalog Catalog { get; }

    /// <summary>Load-tag and position contraindication rules.</summary>
    public ImmutableArray<ContraindicationRule> ContraindicationRules { get; }

    /// <summary>Self-care steps.</summary>
    public ImmutableArray<SelfCareStep> SelfCare { get; }

    /// <summary>Treatment options to discuss with a clinician.</summary>
    public ImmutableArray<TreatmentOption> Treatments { get; }

    /// <summary>Which clinician suits which conditions.</summary>
    public ImmutableArray<ReferralRule> Referrals { get; }

    /// <summary>When to stop and seek care.</summary>
    public ImmutableArray<StopRule> StopRules { get; }
}
