using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>An ICD-10-CM code attached to a condition, with how far it was checked.</summary>
/// <remarks>Equality is by value.</remarks>
public sealed record Icd10CmCode
{
    /// <summary>The code with its dot, such as <c>M51.16</c>.</summary>
    public required string Code { get; init; }

    /// <summary>How far the code was checked.</summary>
    public required CodeStatus Status { get; init; }
}

/// <summary>A SNOMED CT concept attached to a condition, with how far it was checked.</summary>
/// <remarks>Equality is by value. Ids pass the SNOMED CT Verhoeff check digit.</remarks>
public sealed record SnomedCtConcept
{
    /// <summary>The SCTID, such as <c>279039007</c>.</summary>
    public required string Id { get; init; }

    /// <summary>How far the concept was checked.</summary>
    public required CodeStatus Status { get; init; }

    /// <summary>The display term seen in the source where it differs from the condition's name.</summary>
    public string? Display { get; init; }
}

/// <summary>Who a condition typically affects, as the sources describe it.</summary>
/// <remarks>Descriptive only; the scoring engine uses priors, not these fields.</remarks>
public sealed record TypicalProfile
{
    /// <summary>A plain-language summary of age, sex and setting, with the figures the sources give.</summary>
    public required string Summary { get; init; }

    /// <summary>The lower end of the typical age range in years, when a source gives one.</summary>
    public int? AgeMin { get; init; }

    /// <summary>The upper end of the typical age range in years, when a source gives one.</summary>
    public int? AgeMax { get; init; }

    /// <summary>Which sex the condition is more common in.</summary>
    public SexPredominance SexPredominance { get; init; }
}

/// <summary>Hard limits on who can have a condition at all; outside them it is not considered.</summary>
/// <remarks>Every limit is optional; an empty applicability admits everyone.</remarks>
public sealed record Applicability
{
    /// <summary>Applicability that admits everyone.</summary>
    public static Applicability Everyone { get; } = new();

    /// <summary>The only sex the condition applies to, or <see langword="null"/> for both.</summary>
    public Sex? Sex { get; init; }

    /// <summary><see langword="true"/> when the condition applies only during pregnancy.</summary>
    public bool RequiresPregnancy { get; init; }

    /// <summary>The youngest age in years the condition applies to, if limited.</summary>
    public int? AgeMin { get; init; }

    /// <summary>The oldest age in years the condition applies to, if limited.</summary>
    public int? AgeMax { get; init; }

    /// <summary>Whether a person with this profile can have the condition.</summary>
    /// <param name="profile">The person.</param>
    /// <returns><see langword="true"/> when every limit admits the person.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public bool Admits(PatientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return (Sex is null || profile.Sex == Sex)
            && (!RequiresPregnancy || profile.IsPregnant)
            && (AgeMin is null || profile.Age >= AgeMin)
            && (AgeMax is null || profile.Age <= AgeMax);
    }
}

/// <summary>The level of care a person needs when a condition is the likely explanation, with the source it rests on.</summary>
/// <remarks>Immutable and thread-safe. An <see cref="EvidenceGrade.Estimate"/> always carries a <see cref="Rationale"/>.</remarks>
public sealed record CareLevel
{
    /// <summary>The triage level the condition calls for (for example <see cref="Triage.TriageLevel.Emergency"/> for septic arthritis).</summary>
    public required Triage.TriageLevel Level { get; init; }

    /// <summary>How the level is supported.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>The keys of the sources behind the level; each resolves in <see cref="KnowledgeBase.Sources"/>.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>Why this level: what the source says, or for an estimate what the judgement rests on.</summary>
    public required string Rationale { get; init; }
}

/// <summary>A condition of the lower-back and hip taxonomy, from muscle strain to cauda equina syndrome.</summary>
/// <remarks>Immutable; equality is by <see cref="Id"/>. Conditions come from a <see cref="KnowledgeBase"/>.</remarks>
public sealed class Condition : IEquatable<Condition>
{
    internal Condition(
        string id,
        string name,
        ImmutableArray<string> synonyms,
        ConditionCategory category,
        ImmutableArray<BodyRegion> regions,
        TypicalProfile profile,
        Applicability applicability,
        ImmutableArray<Icd10CmCode> icd10Cm,
        SnomedCtConcept? snomedCt,
        string description,
        bool isSerious,
        bool isGrouping,
        string? parentId,
        ImmutableArray<string> sourceKeys,
        CareLevel careLevel,
        ImmutableArray<BodyRegion> referredRegions = default)
    {
        ReferredRegions = referredRegions.IsDefault ? [] : referredRegions;
        Id = id;
        Name = name;
        Synonyms = synonyms;
        Category = category;
        Regions = regions;
        Profile = profile;
        Applicability = applicability;
        Icd10Cm = icd10Cm;
        SnomedCt = snomedCt;
        Description = description;
        IsSerious = isSerious;
        IsGrouping = isGrouping;
        ParentId = parentId;
        SourceKeys = sourceKeys;
        CareLevel = careLevel;
    }

    /// <summary>The stable kebab-case id, such as <c>lumbar-disc-herniation</c>.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>Other names people and clinicians use.</summary>
    public ImmutableArray<string> Synonyms { get; }

    /// <summary>The broad category.</summary>
    public ConditionCategory Category { get; }

    /// <summary>Where the condition is felt.</summary>
    public ImmutableArray<BodyRegion> Regions { get; }

    /// <summary>The <see cref="Regions"/> its pain reaches by referral or spread rather than over the affected structure
    /// (for a nerve condition, the nerve's own territory is not referred): low back pain's buttock, hip arthritis's thigh,
    /// a kidney stone's groin. A pain site here without a measured frequency takes the pain maps' referred-site rate instead
    /// of the typical-site rate. Empty when every region overlies the affected structure.</summary>
    public ImmutableArray<BodyRegion> ReferredRegions { get; }

    /// <summary>Who it typically affects.</summary>
    public TypicalProfile Profile { get; }

    /// <summary>Hard limits on who can have it (sex, pregnancy, age).</summary>
    public Applicability Applicability { get; }

    /// <summary>ICD-10-CM codes, each with its check status.</summary>
    public ImmutableArray<Icd10CmCode> Icd10Cm { get; }

    /// <summary>The SNOMED CT concept where a source gives one; otherwise <see langword="null"/>.</summary>
    public SnomedCtConcept? SnomedCt { get; }

    /// <summary>A plain-language description.</summary>
    public string Description { get; }

    /// <summary><see langword="true"/> for conditions that must not be missed.</summary>
    public bool IsSerious { get; }

    /// <summary><see langword="true"/> when the entry only groups its children (such as spinal curvature) and is not scored itself.</summary>
    public bool IsGrouping { get; }

    /// <summary>The id of the parent condition where a real hierarchy exists, otherwise <see langword="null"/>.</summary>
    public string? ParentId { get; }

    /// <summary>The keys of the sources behind this entry; each resolves in <see cref="KnowledgeBase.Sources"/>.</summary>
    public ImmutableArray<string> SourceKeys { get; }

    /// <summary>The level of care a person needs when this condition is the likely explanation, with its source.</summary>
    /// <remarks>The triage combiner raises the triage level to this level when the condition's probability reaches the
    /// threshold for the level (see <see cref="Triage.CareLevelThresholds"/>); it never lowers a level.</remarks>
    public CareLevel CareLevel { get; }

    /// <inheritdoc />
    public bool Equals(Condition? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Condition);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Name})";
}
