using System.Collections.Immutable;

namespace BackHip.Domain.Exercises;

/// <summary>A rule that keeps exercises with a load tag or position out of a plan for a likely condition, a present
/// finding, pregnancy, or an age band.</summary>
/// <remarks>
/// A rule applies when the person's sex is <see cref="Sex"/> and age inside <see cref="MinAge"/>–<see cref="MaxAge"/> (when set), none of
/// <see cref="UnlessPresentFindingIds"/> is present, and either one of its triggers holds (a likely condition in
/// <see cref="ConditionIds"/>, a present finding in <see cref="FindingIds"/>, or pregnancy) or it has no trigger at all,
/// so the age band alone decides.
/// </remarks>
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

    /// <summary>The rule does not apply when any of these findings is present (a more specific rule covers that case,
    /// such as a known surgical approach instead of the conservative union).</summary>
    public ImmutableArray<string> UnlessPresentFindingIds { get; init; } = [];

    /// <summary>The rule applies only to this sex, when set.</summary>
    public Sex? Sex { get; init; }

    /// <summary>The rule applies only from this age in years (inclusive), when set.</summary>
    public int? MinAge { get; init; }

    /// <summary>The rule applies only up to this age in years (inclusive), when set.</summary>
    public int? MaxAge { get; init; }

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

/// <summary>One guideline's position on a treatment, with whom it applies to, the source and the jurisdiction.</summary>
/// <remarks>Equality is by value. A <see cref="GuidelineStance.NoGuideline"/> stance cites what mentions the treatment and
/// may have no jurisdiction; every other stance cites the guideline and names its jurisdiction.</remarks>
public sealed record TreatmentStance
{
    /// <summary>The position: recommend, consider, do not offer, or no guideline.</summary>
    public required GuidelineStance Stance { get; init; }

    /// <summary>Whom and what the position covers, in plain words, such as "for chronic low back pain".</summary>
    public required string Scope { get; init; }

    /// <summary>Where the guideline applies, such as "England (NICE)"; <see langword="null"/> only for
    /// <see cref="GuidelineStance.NoGuideline"/>.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>The conditions of the treatment this position is about; empty means all of them.</summary>
    public ImmutableArray<string> ConditionIds { get; init; } = [];

    /// <summary>The source key: the guideline, or for no guideline what mentions the treatment.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>The rationale, required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>A treatment a clinician may discuss, with each guideline's position on it; never dosed, never a plain endorsement.</summary>
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

    /// <summary>Each guideline's position, at least one for every condition in <see cref="ConditionIds"/>.</summary>
    public required ImmutableArray<TreatmentStance> Stances { get; init; }
}

/// <summary>Which clinician suits a set of conditions.</summary>
/// <remarks>Without a <see cref="Reason"/> the rule names the usual specialist for the most likely condition; with one,
/// it is advised whenever one of its conditions is likely in one of its <see cref="Phases"/>.</remarks>
public sealed record ReferralRule
{
    /// <summary>The conditions.</summary>
    public required ImmutableArray<string> ConditionIds { get; init; }

    /// <summary>The clinician.</summary>
    public required Clinician Clinician { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>Why and when to see this clinician, in plain words; set for referrals advised alongside the usual one.</summary>
    public string? Reason { get; init; }

    /// <summary>The pain phases the referral is advised in; empty means every phase.</summary>
    public ImmutableArray<PainPhase> Phases { get; init; } = [];
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

    /// <summary><see langword="true"/> when the rule is shown only in pregnancy.</summary>
    public bool Pregnant { get; init; }
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
