using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>A derived finding: present when at least <see cref="AtLeast"/> of its items hold (a published cluster or rule).</summary>
/// <remarks>
/// A composite is scored with the cluster's own accuracy instead of multiplying its parts, because the parts are
/// correlated. It is present when enough items are present, absent when too few can still be present, and unknown
/// otherwise. Cases never state a composite directly.
/// </remarks>
public sealed record CompositeRule
{
    /// <summary>The finding ids that count towards the composite.</summary>
    public required ImmutableArray<string> Of { get; init; }

    /// <summary>An age item: the person's age above this number counts as one item, when set.</summary>
    public int? AgeAbove { get; init; }

    /// <summary>How many items must hold.</summary>
    public required int AtLeast { get; init; }

    /// <summary>The number of items, counting the age item.</summary>
    public int ItemCount => Of.Length + (AgeAbove is null ? 0 : 1);
}

/// <summary>A finding: a symptom, sign, history item or vital sign a case can hold evidence about.</summary>
/// <remarks>Immutable; equality is by <see cref="Id"/>. Findings come from a <see cref="KnowledgeBase"/>.</remarks>
public sealed class Finding : IEquatable<Finding>
{
    internal Finding(
        string id,
        string name,
        ImmutableArray<string> synonyms,
        FindingKind kind,
        BodyRegion? site,
        BodySide? side,
        Respondent answeredBy,
        string question,
        CompositeRule? composite,
        ImmutableArray<string> sourceKeys,
        ImmutableArray<string> requires = default)
    {
        Requires = requires.IsDefault ? [] : requires;
        Id = id;
        Name = name;
        Synonyms = synonyms;
        Kind = kind;
        Site = site;
        Side = side;
        AnsweredBy = answeredBy;
        Question = question;
        Composite = composite;
        SourceKeys = sourceKeys;
    }

    /// <summary>The stable kebab-case id, such as <c>saddle-numbness</c>.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>Other names for the finding.</summary>
    public ImmutableArray<string> Synonyms { get; }

    /// <summary>What kind of finding it is.</summary>
    public FindingKind Kind { get; }

    /// <summary>The body site it refers to, where one applies.</summary>
    public BodyRegion? Site { get; }

    /// <summary>The side it refers to, where one applies.</summary>
    public BodySide? Side { get; }

    /// <summary>Who can answer the question: the person, or only a clinician.</summary>
    public Respondent AnsweredBy { get; }

    /// <summary>The yes/no question that asks about this finding, in plain words.</summary>
    public string Question { get; }

    /// <summary>The cluster rule when this finding is derived from others; otherwise <see langword="null"/>.</summary>
    public CompositeRule? Composite { get; }

    /// <summary><see langword="true"/> when the finding is derived from other findings and cannot be stated in a case.</summary>
    public bool IsComposite => Composite is not null;

    /// <summary>The keys of the sources behind this entry.</summary>
    public ImmutableArray<string> SourceKeys { get; }

    /// <summary>Findings that must be present before this one is asked (a follow-up question); empty for most findings.</summary>
    /// <remarks>An interview never asks a follow-up before its parents are answered present, and treats it as not
    /// applicable when a parent is absent. The loader rejects dangling ids and cycles.</remarks>
    public ImmutableArray<string> Requires { get; }

    /// <inheritdoc />
    public bool Equals(Finding? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Finding);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Name})";
}

/// <summary>One answer option of a <see cref="QuestionGroup"/>, mapped to a finding.</summary>
public sealed record QuestionOption
{
    /// <summary>The finding this option stands for.</summary>
    public required string FindingId { get; init; }

    /// <summary>The short label shown to the person.</summary>
    public required string Label { get; init; }
}

/// <summary>A question with several answer options, each mapped to a finding (where is the pain? what makes it worse?).</summary>
/// <remarks>Immutable. With <see cref="SelectionMode.OneOf"/> at most one option can be present in a case.</remarks>
public sealed record QuestionGroup
{
    /// <summary>The stable id, such as <c>pain-location</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The question text.</summary>
    public required string Text { get; init; }

    /// <summary>Whether one or several options may be chosen.</summary>
    public required SelectionMode Mode { get; init; }

    /// <summary>The options, in display order.</summary>
    public required ImmutableArray<QuestionOption> Options { get; init; }

    /// <summary>The keys of the sources behind this group.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>Where the group sits in an interview: the complaint, a red-flag checklist, or a detail question.</summary>
    /// <value>The default value is <see cref="QuestionStage.Detail"/>.</value>
    public QuestionStage Stage { get; init; } = QuestionStage.Detail;

    /// <summary>Why the question is asked, in plain words ("why we ask"), or <see langword="null"/>.</summary>
    public string? Rationale { get; init; }

    /// <summary>Who the group applies to (age, sex, pregnancy, site); <see langword="null"/> when it applies to everyone.</summary>
    public QuestionApplicability? AppliesTo { get; init; }
}

/// <summary>Who a question group applies to. Every condition that is set must hold.</summary>
/// <remarks>Immutable. A checklist that does not apply is not shown; a red-flag question it holds that could still
/// raise triage is then asked on its own, so applicability narrows what is shown but never what is screened.</remarks>
public sealed record QuestionApplicability
{
    /// <summary>The person's age must be at least this, when set.</summary>
    public int? AgeAtLeast { get; init; }

    /// <summary>The person's age must be below this, when set.</summary>
    public int? AgeBelow { get; init; }

    /// <summary>The person's sex must be this, when set; a person whose sex is <see cref="BackHip.Domain.Sex.Unknown"/> matches
    /// either sex (the conservative reading: both sexes' screens are shown).</summary>
    public Sex? Sex { get; init; }

    /// <summary>The person must be pregnant (<see langword="true"/>) or not (<see langword="false"/>), when set.</summary>
    public bool? Pregnant { get; init; }

    /// <summary>At least one of these findings (pain sites) must not be absent, when not empty.</summary>
    public ImmutableArray<string> Sites { get; init; } = [];

    /// <summary>Whether a case meets every condition.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns><see langword="true"/> when the group applies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    public bool Matches(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        var p = patientCase.Profile;
        return (AgeAtLeast is null || p.Age >= AgeAtLeast)
            && (AgeBelow is null || p.Age < AgeBelow)
            && (Sex is null || p.Sex == Sex || p.Sex == BackHip.Domain.Sex.Unknown)
            && (Pregnant is null || p.IsPregnant == Pregnant)
            && (Sites.IsDefaultOrEmpty || Sites.Any(s => patientCase.StateOf(s) != EvidenceState.Absent));
    }
}
