using System.Collections.Immutable;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Instruments;

/// <summary>How one condition's probability moved between two assessments.</summary>
public sealed record ConditionChange
{
    /// <summary>The condition.</summary>
    public required string ConditionId { get; init; }

    /// <summary>Probability in the earlier assessment (0 when not listed).</summary>
    public required double Before { get; init; }

    /// <summary>Probability in the later assessment (0 when not listed).</summary>
    public required double After { get; init; }

    /// <summary>After minus before.</summary>
    public double Delta => After - Before;
}

/// <summary>What changed between two assessments of the same person.</summary>
public sealed record FollowUpReport
{
    /// <summary>The document schema version.</summary>
    public int SchemaVersion { get; init; } = Serialization.BackHipJson.SchemaVersion;

    /// <summary>Per instrument scored on both occasions: before, after and improved / unchanged / worse.</summary>
    public required ImmutableArray<InstrumentChange> Instruments { get; init; }

    /// <summary>The earlier triage level.</summary>
    public required TriageLevel TriageBefore { get; init; }

    /// <summary>The later triage level.</summary>
    public required TriageLevel TriageAfter { get; init; }

    /// <summary>The earlier most likely condition.</summary>
    public string? TopBefore { get; init; }

    /// <summary>The later most likely condition.</summary>
    public string? TopAfter { get; init; }

    /// <summary>Probability changes of every condition listed in either assessment, largest change first.</summary>
    public required ImmutableArray<ConditionChange> Conditions { get; init; }
}

/// <summary>Compares two assessments of the same person over time.</summary>
public static class FollowUp
{
    /// <summary>Compares an earlier and a later assessment.</summary>
    /// <param name="before">The earlier assessment.</param>
    /// <param name="after">The later assessment.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static FollowUpReport Compare(Assessment before, Assessment after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var b = before.Differential.ToDictionary(r => r.ConditionId, r => r.Probability, StringComparer.Ordinal);
        var a = after.Differential.ToDictionary(r => r.ConditionId, r => r.Probability, StringComparer.Ordinal);
        return new FollowUpReport
        {
            Instruments = before.Instruments is { } sb && after.Instruments is { } sa ? InstrumentScoring.Compare(sb, sa) : [],
            TriageBefore = before.Triage.Level,
            TriageAfter = after.Triage.Level,
            TopBefore = before.Differential.IsEmpty ? null : before.Differential[0].ConditionId,
            TopAfter = after.Differential.IsEmpty ? null : after.Differential[0].ConditionId,
            Conditions = [.. b.Keys.Union(a.Keys, StringComparer.Ordinal)
                .Select(id => new ConditionChange { ConditionId = id, Before = b.GetValueOrDefault(id), After = a.GetValueOrDefault(id) })
                .OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.ConditionId, StringComparer.Ordinal)],
        };
    }
}
