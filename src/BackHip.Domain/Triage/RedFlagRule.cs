using System.Collections.Immutable;

namespace BackHip.Domain.Triage;

/// <summary>A red-flag rule: when its criterion holds, triage is at least its level.</summary>
/// <remarks>Immutable; equality is by <see cref="Id"/>. Rules are data in <c>redflags.json</c>.</remarks>
public sealed class RedFlagRule : IEquatable<RedFlagRule>
{
    internal RedFlagRule(
        string id,
        RedFlagPathology pathology,
        ImmutableArray<string> conditionIds,
        TriageLevel level,
        Criterion when,
        string message,
        string rationale,
        EvidenceGrade grade,
        ImmutableArray<string> sourceKeys)
    {
        Id = id;
        Pathology = pathology;
        ConditionIds = conditionIds;
        Level = level;
        When = when;
        Message = message;
        Rationale = rationale;
        Grade = grade;
        SourceKeys = sourceKeys;
        FindingIds = when.FindingIds;
    }

    /// <summary>The stable kebab-case id.</summary>
    public string Id { get; }

    /// <summary>The kind of problem it points to.</summary>
    public RedFlagPathology Pathology { get; }

    /// <summary>The conditions that cannot be excluded when the rule fires.</summary>
    public ImmutableArray<string> ConditionIds { get; }

    /// <summary>The minimum triage level when the rule fires.</summary>
    public TriageLevel Level { get; }

    /// <summary>When the rule fires.</summary>
    public Criterion When { get; }

    /// <summary>What the person is told, in plain words.</summary>
    public string Message { get; }

    /// <summary>Why, for a clinician.</summary>
    public string Rationale { get; }

    /// <summary>How strong the support for the rule's level is.</summary>
    public EvidenceGrade Grade { get; }

    /// <summary>The keys of the sources behind the rule.</summary>
    public ImmutableArray<string> SourceKeys { get; }

    /// <summary>Every finding the rule reads.</summary>
    public ImmutableArray<string> FindingIds { get; }

    /// <inheritdoc />
    public bool Equals(RedFlagRule? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RedFlagRule);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <inheritdoc />
    public override string ToString() => $"{Id} → {Level}";
}
