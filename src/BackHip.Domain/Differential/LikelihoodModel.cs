using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>A multiplier on a condition's prior for people matching a profile criterion (age band, sex, pregnancy).</summary>
public sealed record PriorModifier
{
    /// <summary>Who the modifier applies to; reads only the profile.</summary>
    public required Criterion When { get; init; }

    /// <summary>The factor the prior is multiplied by (an odds ratio or likelihood ratio from the source).</summary>
    public required double Factor { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>A condition's prior: its prevalence among adults presenting with low back or hip pain, with provenance.</summary>
public sealed record ConditionPrior
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The prevalence, in (0, 1).</summary>
    public required double Prevalence { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>Adjustments by age, sex and pregnancy.</summary>
    public ImmutableArray<PriorModifier> Modifiers { get; init; } = [];
}

/// <summary>How often a finding is present among people with back or hip pain in general; used for questions.</summary>
public sealed record BackgroundRate
{
    /// <summary>The finding id.</summary>
    public required string FindingId { get; init; }

    /// <summary>The rate, in (0, 1).</summary>
    public required double Rate { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>The diagnostic accuracy of one finding for one condition, with provenance.</summary>
/// <remarks>
/// Given as sensitivity and specificity (the likelihood ratios are then computed: LR+ = sens / (1 − spec),
/// LR− = (1 − sens) / spec) or as likelihood ratios directly. A missing LR− is 1: an absent finding is then neutral.
/// </remarks>
public sealed record LikelihoodPair
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The finding id.</summary>
    public required string FindingId { get; init; }

    /// <summary>The sensitivity, when the source gives it.</summary>
    public double? Sensitivity { get; init; }

    /// <summary>The specificity, when the source gives it.</summary>
    public double? Specificity { get; init; }

    /// <summary>The positive likelihood ratio: how much a present finding multiplies the odds.</summary>
    public required double LrPositive { get; init; }

    /// <summary>The negative likelihood ratio: how much an absent finding multiplies the odds.</summary>
    public required double LrNegative { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number; required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>The priors and likelihoods the differential engine scores with.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LikelihoodModel
{
    internal LikelihoodModel(
        string setting,
        BackgroundRate defaultBackgroundRate,
        ImmutableArray<ConditionPrior> priors,
        ImmutableArray<BackgroundRate> backgroundRates,
        ImmutableArray<LikelihoodPair> pairs)
    {
        Setting = setting;
        DefaultBackgroundRate = defaultBackgroundRate;
        Priors = priors;
        BackgroundRates = backgroundRates;
        Pairs = pairs;
    }

    /// <summary>The clinical setting the priors describe.</summary>
    public string Setting { get; }

    /// <summary>The background rate used for a finding that has none of its own.</summary>
    public BackgroundRate DefaultBackgroundRate { get; }

    /// <summary>One prior per scored condition.</summary>
    public ImmutableArray<ConditionPrior> Priors { get; }

    /// <summary>Background rates of findings.</summary>
    public ImmutableArray<BackgroundRate> BackgroundRates { get; }

    /// <summary>Every condition–finding pair.</summary>
    public ImmutableArray<LikelihoodPair> Pairs { get; }

    /// <summary>Counts every cited number (priors, modifiers, background rates, pairs) and how many are graded estimate.</summary>
    /// <returns>The total and the number of estimates.</returns>
    public (int Total, int Estimates) CountGrades()
    {
        var grades = Priors.Select(p => p.Grade)
            .Concat(Priors.SelectMany(p => p.Modifiers).Select(m => m.Grade))
            .Concat(BackgroundRates.Select(b => b.Grade))
            .Concat(Pairs.Select(p => p.Grade))
            .Append(DefaultBackgroundRate.Grade)
            .ToList();
        return (grades.Count, grades.Count(g => g == EvidenceGrade.Estimate));
    }
}
