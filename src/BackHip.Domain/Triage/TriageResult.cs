using System.Collections.Immutable;

namespace BackHip.Domain.Triage;

/// <summary>A red-flag rule that fired for a case, with what the person is told and why.</summary>
public sealed record FiredRule
{
    /// <summary>The rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The problem it points to.</summary>
    public required RedFlagPathology Pathology { get; init; }

    /// <summary>The level it sets as a floor.</summary>
    public required TriageLevel Level { get; init; }

    /// <summary>The plain-language message for the person.</summary>
    public required string Message { get; init; }

    /// <summary>The rationale for a clinician.</summary>
    public required string Rationale { get; init; }

    /// <summary>The grade of the rule's support.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>The source keys.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }
}

/// <summary>An unanswered finding that could still raise the triage level if it turned out present.</summary>
public sealed record OpenQuestion
{
    /// <summary>The finding to ask about.</summary>
    public required string FindingId { get; init; }

    /// <summary>The highest level it could lead to, through any undecided rule.</summary>
    public required TriageLevel CouldRaiseTo { get; init; }

    /// <summary>The undecided rules that read it.</summary>
    public required ImmutableArray<string> RuleIds { get; init; }
}

/// <summary>The outcome of red-flag triage: how urgently to act, and why.</summary>
/// <remarks>
/// Immutable. <see cref="Level"/> is the highest level of any fired rule, or <see cref="TriageLevel.SelfCare"/> when
/// none fired; a differential can only raise it (<see cref="TriageResult.RaiseTo"/>), never lower it.
/// </remarks>
public sealed record TriageResult
{
    /// <summary>The recommended level.</summary>
    public required TriageLevel Level { get; init; }

    /// <summary><see langword="true"/> when any fired rule calls for an emergency department or an ambulance.</summary>
    public bool HasEmergencyEvidence => FiredRules.Any(r => r.Level >= TriageLevel.Emergency);

    /// <summary>Every fired rule, most urgent first, then by rule id.</summary>
    public required ImmutableArray<FiredRule> FiredRules { get; init; }

    /// <summary>The serious conditions that cannot be excluded, from fired rules and from the differential.</summary>
    public required ImmutableArray<string> SeriousConditionsNotExcluded { get; init; }

    /// <summary>Unanswered findings that could still raise the level, most urgent first; an interview must ask these.</summary>
    public required ImmutableArray<OpenQuestion> OpenQuestions { get; init; }

    /// <summary>Why the level was raised beyond the fired rules, when it was (for example by the differential).</summary>
    public ImmutableArray<string> Escalations { get; init; } = [];

    /// <summary>Returns a copy raised to at least <paramref name="level"/>; a lower level changes nothing.</summary>
    /// <param name="level">The minimum level.</param>
    /// <param name="reason">Why, recorded in <see cref="Escalations"/> when the level rises.</param>
    /// <param name="conditionId">A serious condition that cannot be excluded, added to the list, if any.</param>
    /// <returns>The result, never at a lower level than this one.</returns>
    public TriageResult RaiseTo(TriageLevel level, string reason, string? conditionId = null)
    {
        var result = this;
        if (conditionId is not null && !SeriousConditionsNotExcluded.Contains(conditionId))
        {
            result = result with { SeriousConditionsNotExcluded = SeriousConditionsNotExcluded.Add(conditionId) };
        }

        return level > Level ? result with { Level = level, Escalations = Escalations.Add(reason) } : result;
    }
}
