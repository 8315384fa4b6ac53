using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>What one finding does, or would do, to one condition.</summary>
public sealed record FindingEffect
{
    /// <summary>The finding.</summary>
    public required string FindingId { get; init; }

    /// <summary>The finding's state in the case; <see cref="EvidenceState.Unknown"/> when not yet asked.</summary>
    public required EvidenceState State { get; init; }

    /// <summary>The likelihood ratio if present.</summary>
    public required double LrPositive { get; init; }

    /// <summary>The likelihood ratio if absent.</summary>
    public required double LrNegative { get; init; }

    /// <summary>The ratio applied for the current state (1 when unknown).</summary>
    public double AppliedLr => State switch
    {
        EvidenceState.Present => LrPositive,
        EvidenceState.Absent => LrNegative,
        _ => 1.0,
    };

    /// <summary>The source key of the numbers.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade of the numbers.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>The verbal frequency band the sensitivity was read off (see <see cref="Differential.FrequencyBand"/>), or
    /// <see langword="null"/> when a source reports the number.</summary>
    public string? FrequencyBand { get; init; }
}

/// <summary>Why a condition scores as it does: findings that support it, conflict with it, and would matter if asked.</summary>
/// <remarks>Immutable.</remarks>
public sealed record ConditionExplanation
{
    /// <summary>The condition.</summary>
    public required string ConditionId { get; init; }

    /// <summary>Its 1-based rank in the differential, or 0 when it does not apply to this person.</summary>
    public required int Rank { get; init; }

    /// <summary>Its probability.</summary>
    public required double Probability { get; init; }

    /// <summary>Its prior after modifiers.</summary>
    public required double Prior { get; init; }

    /// <summary>The setting whose prevalence the prior starts from (the case's stated setting, when the condition has a
    /// prior for it), or <see langword="null"/> when the default prevalence was used.</summary>
    public CareSetting? PriorSetting { get; init; }

    /// <summary>The source key of the prevalence the prior starts from (the setting's or the default's).</summary>
    public string? PriorSourceKey { get; init; }

    /// <summary>Answered findings that raised it (applied LR above 1), strongest first.</summary>
    public required ImmutableArray<FindingEffect> Supporting { get; init; }

    /// <summary>Answered findings that lowered it (applied LR below 1), strongest first.</summary>
    public required ImmutableArray<FindingEffect> Conflicting { get; init; }

    /// <summary>Findings not yet answered that would move it, the most informative first.</summary>
    public required ImmutableArray<FindingEffect> Unconfirmed { get; init; }
}

/// <summary>One finding's part in why one condition outranks another.</summary>
public sealed record ComparisonItem
{
    /// <summary>The finding.</summary>
    public required string FindingId { get; init; }

    /// <summary>Its state in the case.</summary>
    public required EvidenceState State { get; init; }

    /// <summary>The ratio applied to the first condition (1 when it has no pair).</summary>
    public required double LrFirst { get; init; }

    /// <summary>The ratio applied to the second condition (1 when it has no pair).</summary>
    public required double LrSecond { get; init; }

    /// <summary>ln(LrFirst / LrSecond): positive favours the first condition.</summary>
    public double LogRatio => Math.Log(LrFirst / LrSecond);
}

/// <summary>Why this and not that: the prior ratio and every answered finding that separates two conditions.</summary>
/// <remarks>Immutable. <see cref="LogPosteriorRatio"/> equals <see cref="LogPriorRatio"/> plus the sum of the items' log ratios.</remarks>
public sealed record ConditionComparison
{
    /// <summary>The first condition.</summary>
    public required string First { get; init; }

    /// <summary>The second condition.</summary>
    public required string Second { get; init; }

    /// <summary>ln(prior of first / prior of second).</summary>
    public required double LogPriorRatio { get; init; }

    /// <summary>Answered findings with different ratios for the two, largest difference first.</summary>
    public required ImmutableArray<ComparisonItem> Items { get; init; }

    /// <summary>ln(probability of first / probability of second).</summary>
    public double LogPosteriorRatio => LogPriorRatio + Items.Sum(i => i.LogRatio);
}
