using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>How one finding moved one condition's score.</summary>
public sealed record Contribution
{
    /// <summary>The finding.</summary>
    public required string FindingId { get; init; }

    /// <summary>The finding's state in the case.</summary>
    public required EvidenceState State { get; init; }

    /// <summary>The likelihood ratio applied (LR+ when present, LR− when absent).</summary>
    public required double LikelihoodRatio { get; init; }

    /// <summary>The natural log of <see cref="LikelihoodRatio"/>: what was added to the log-odds.</summary>
    public double LogLikelihoodRatio => Math.Log(LikelihoodRatio);

    /// <summary>The source key of the number.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade of the number.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>When the ratio divides a sensitivity by a background rate (P(finding | rest)), that rate's source key; the
    /// ratio then rests on both numbers. <see langword="null"/> when the pair states its own specificity or ratios.</summary>
    public string? BackgroundSourceKey { get; init; }

    /// <summary>The grade of the background rate named by <see cref="BackgroundSourceKey"/>, or <see langword="null"/>.
    /// A <see cref="EvidenceGrade.Study"/> sensitivity over an <see cref="EvidenceGrade.Estimate"/> background is a
    /// measured share divided by an estimated one: read the ratio as no firmer than the weaker grade.</summary>
    public EvidenceGrade? BackgroundGrade { get; init; }

    /// <summary>The verbal frequency band the sensitivity was read off (see <see cref="Differential.FrequencyBand"/>) when no source
    /// counts the finding, such as <c>frequent</c>; <see langword="null"/> when a source reports the number.</summary>
    public string? FrequencyBand { get; init; }
}

/// <summary>One condition in a ranked differential.</summary>
public sealed record RankedCondition
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The condition's display name in English, such as "Non-specific low back pain"; for another language use
    /// <see cref="Display.DisplayText.ConditionName"/>.</summary>
    /// <value>The name from the knowledge base; the condition id when none was set.</value>
    public string ConditionName
    {
        get => _conditionName ?? ConditionId;
        init => _conditionName = value;
    }

    private readonly string? _conditionName;

    /// <summary>The posterior probability, normalized over every applicable condition (single-cause model).</summary>
    public required double Probability { get; init; }

    /// <summary>The prior after age, sex and pregnancy modifiers.</summary>
    public required double Prior { get; init; }

    /// <summary>The condition-versus-rest log-odds: ln(prior odds) plus every contribution.</summary>
    public required double LogOdds { get; init; }

    /// <summary>Every finding that moved the score, largest effect first.</summary>
    public required ImmutableArray<Contribution> Contributions { get; init; }
}

/// <summary>A ranked differential: every applicable condition with its probability and the contributions behind it.</summary>
/// <remarks>Immutable. Probabilities sum to 1 over <see cref="Ranked"/>.</remarks>
public sealed record RankedDifferential
{
    /// <summary>Every applicable condition, most probable first (ties by id).</summary>
    public required ImmutableArray<RankedCondition> Ranked { get; init; }

    /// <summary>Conditions that do not apply to this person (sex, pregnancy, age limits).</summary>
    public required ImmutableArray<string> NotApplicable { get; init; }

    /// <summary>The <paramref name="k"/> most probable conditions.</summary>
    /// <param name="k">How many.</param>
    /// <returns>At most <paramref name="k"/> conditions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public ImmutableArray<RankedCondition> Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return Ranked.Length <= k ? Ranked : Ranked[..k];
    }

    /// <summary>The probability of a condition, 0 when it is not applicable.</summary>
    /// <param name="conditionId">The condition id.</param>
    /// <returns>The probability.</returns>
    public double ProbabilityOf(string conditionId) =>
        Ranked.FirstOrDefault(r => string.Equals(r.ConditionId, conditionId, StringComparison.Ordinal))?.Probability ?? 0;
}
