using System.Globalization;

namespace BackHip.Domain.Triage;

/// <summary>Combines red-flag triage with a differential; implementations may raise the level but never lower it.</summary>
public interface ITriageCombiner
{
    /// <summary>Combines a triage result with the differential of the same case.</summary>
    /// <param name="triage">The red-flag result.</param>
    /// <param name="differential">The differential for the same case.</param>
    /// <returns>The combined result, never at a lower level than <paramref name="triage"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    TriageResult Combine(TriageResult triage, Differential.RankedDifferential differential);
}

/// <summary>Combines red-flag triage with a differential: a likely serious condition raises the level, nothing lowers it.</summary>
/// <remarks>Stateless and thread-safe. A serious condition at or above the threshold raises triage to at least
/// <see cref="TriageLevel.Consultation24"/>, adds it to <see cref="TriageResult.SeriousConditionsNotExcluded"/> and
/// records why in <see cref="TriageResult.Escalations"/>.</remarks>
public sealed class TriageCombiner : ITriageCombiner
{
    private readonly KnowledgeBase _knowledge;
    private readonly double _seriousThreshold;

    /// <summary>Creates a combiner.</summary>
    /// <param name="knowledge">The knowledge base the differential comes from.</param>
    /// <param name="seriousThreshold">The probability threshold for serious conditions, in (0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seriousThreshold"/> is not in (0, 1].</exception>
    public TriageCombiner(KnowledgeBase knowledge, double seriousThreshold = DefaultSeriousThreshold)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        if (!(seriousThreshold > 0 && seriousThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(seriousThreshold), seriousThreshold, "The threshold must be in (0, 1].");
        }

        _seriousThreshold = seriousThreshold;
    }

    /// <inheritdoc />
    public TriageResult Combine(TriageResult triage, Differential.RankedDifferential differential) =>
        Combine(triage, differential, _knowledge, _seriousThreshold);

    /// <summary>The default probability above which a serious condition raises triage to at least <see cref="TriageLevel.Consultation24"/>.</summary>
    public const double DefaultSeriousThreshold = 0.05;

    /// <summary>Raises the triage level for every serious condition at or above <paramref name="seriousThreshold"/>.</summary>
    /// <param name="triage">The red-flag result.</param>
    /// <param name="differential">The differential for the same case.</param>
    /// <param name="knowledge">The knowledge base both came from.</param>
    /// <param name="seriousThreshold">The probability threshold, in (0, 1].</param>
    /// <returns>The combined result, never at a lower level than <paramref name="triage"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seriousThreshold"/> is not in (0, 1].</exception>
    public static TriageResult Combine(TriageResult triage, Differential.RankedDifferential differential, KnowledgeBase knowledge, double seriousThreshold = DefaultSeriousThreshold)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(differential);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (!(seriousThreshold > 0 && seriousThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(seriousThreshold), seriousThreshold, "The threshold must be in (0, 1].");
        }

        var result = triage;
        foreach (var ranked in differential.Ranked)
        {
            if (ranked.Probability >= seriousThreshold && knowledge.GetCondition(ranked.ConditionId).IsSerious)
            {
                result = result.RaiseTo(
                    TriageLevel.Consultation24,
                    string.Create(CultureInfo.InvariantCulture, $"{ranked.ConditionId} has probability {ranked.Probability:P1}, at or above the {seriousThreshold:P0} threshold for serious conditions."),
                    ranked.ConditionId);
            }
        }

        return result;
    }
}
