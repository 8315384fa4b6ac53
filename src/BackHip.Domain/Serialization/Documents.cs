using System.Collections.Immutable;
using BackHip.Domain.Exercises;

namespace BackHip.Domain.Serialization;

/// <summary>The person in a case document.</summary>
public sealed record ProfileDocument
{
    /// <summary>Age in years, 0–120.</summary>
    public required int Age { get; init; }

    /// <summary>Sex; <c>unknown</c> (or left out) when not stated.</summary>
    /// <value>The default value is <see cref="Sex.Unknown"/>.</value>
    public Sex Sex { get; init; } = Sex.Unknown;

    /// <summary>Pregnancy.</summary>
    public bool Pregnant { get; init; }
}

/// <summary>One answer in a case document.</summary>
public sealed record EvidenceDocument
{
    /// <summary>The finding id.</summary>
    public required string Finding { get; init; }

    /// <summary>The answer.</summary>
    public required EvidenceState State { get; init; }

    /// <summary>Part of the initial complaint.</summary>
    public bool Initial { get; init; }

    /// <summary>Where the answer came from.</summary>
    public EvidenceOrigin Origin { get; init; } = EvidenceOrigin.Interview;
}

/// <summary>The JSON contract of a case (input). Read it with <see cref="BackHipJson.ReadCase(string, KnowledgeBase?)"/>.</summary>
/// <remarks>Immutable. Compare cases with <see cref="Case.Equals(Case?)"/>; this record's array compares by reference.</remarks>
public sealed record CaseDocument
{
    /// <summary>The document schema version; must be 1.</summary>
    public int SchemaVersion { get; init; } = BackHipJson.SchemaVersion;

    /// <summary>An optional identifier echoed in the assessment and in batch output, so results join back to their input.</summary>
    public string? Id { get; init; }

    /// <summary>The person.</summary>
    public required ProfileDocument Profile { get; init; }

    /// <summary>The evidence, in order.</summary>
    public ImmutableArray<EvidenceDocument> Evidence { get; init; } = [];

    /// <summary>Questionnaire answers, if any.</summary>
    public Instruments.InstrumentResponses? Instruments { get; init; }

    /// <summary>Where the case is assessed (<c>selfCheck</c>, <c>primaryCare</c>, <c>emergencyDepartment</c>,
    /// <c>specialistClinic</c>); left out when not stated, which means the model's default setting and priors.</summary>
    public CareSetting? Setting { get; init; }

    /// <summary>The document of a case.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    public static CaseDocument FromCase(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        return new CaseDocument
        {
            Id = patientCase.Id,
            Profile = new ProfileDocument { Age = patientCase.Profile.Age, Sex = patientCase.Profile.Sex, Pregnant = patientCase.Profile.IsPregnant },
            Evidence = [.. patientCase.Evidence.Select(e => new EvidenceDocument { Finding = e.FindingId, State = e.State, Initial = e.IsInitial, Origin = e.Origin })],
            Instruments = patientCase.Instruments,
            Setting = patientCase.Setting,
        };
    }

    /// <summary>The case this document describes (not yet validated against a knowledge base).</summary>
    /// <returns>The case.</returns>
    public Case ToCase() => Case.Create(
        new PatientProfile { Age = Profile.Age, Sex = Profile.Sex, IsPregnant = Profile.Pregnant },
        Evidence.IsDefault ? [] : Evidence.Select(e => new Evidence { FindingId = e.Finding, State = e.State, IsInitial = e.Initial, Origin = e.Origin }),
        Instruments,
        Setting).WithId(Id);
}

/// <summary>The JSON document listing the conditions of a knowledge base, for mapping outside data onto ids.</summary>
public sealed record ConditionCatalogDocument
{
    /// <summary>The document schema version.</summary>
    public int SchemaVersion { get; init; } = BackHipJson.SchemaVersion;

    /// <summary>The knowledge base version.</summary>
    public required string KnowledgeBaseVersion { get; init; }

    /// <summary>The conditions.</summary>
    public required ImmutableArray<Condition> Conditions { get; init; }
}

/// <summary>The JSON document listing the findings and question groups of a knowledge base.</summary>
public sealed record FindingCatalogDocument
{
    /// <summary>The document schema version.</summary>
    public int SchemaVersion { get; init; } = BackHipJson.SchemaVersion;

    /// <summary>The knowledge base version.</summary>
    public required string KnowledgeBaseVersion { get; init; }

    /// <summary>The findings.</summary>
    public required ImmutableArray<Finding> Findings { get; init; }

    /// <summary>The question groups.</summary>
    public required ImmutableArray<QuestionGroup> QuestionGroups { get; init; }
}

/// <summary>The JSON document listing the exercise catalog.</summary>
public sealed record ExerciseCatalogDocument
{
    /// <summary>The document schema version.</summary>
    public int SchemaVersion { get; init; } = BackHipJson.SchemaVersion;

    /// <summary>The knowledge base version.</summary>
    public required string KnowledgeBaseVersion { get; init; }

    /// <summary>The exercises.</summary>
    public required ImmutableArray<Exercise> Exercises { get; init; }
}

/// <summary>The JSON Lines error record for an input line that could not be assessed.</summary>
public sealed record BatchErrorDocument
{
    /// <summary>The document schema version.</summary>
    public int SchemaVersion { get; init; } = BackHipJson.SchemaVersion;

    /// <summary>The 1-based input line number.</summary>
    public required long Line { get; init; }

    /// <summary>Every problem found in the line.</summary>
    public required ImmutableArray<ValidationProblem> Problems { get; init; }
}
