namespace BackHip.Domain;

/// <summary>What kind of publication or material a source is.</summary>
public enum SourceKind
{
    /// <summary>A primary study, cohort, diagnostic-accuracy study or systematic review with figures.</summary>
    Study,

    /// <summary>A narrative review, textbook or reference summary.</summary>
    Review,

    /// <summary>A clinical guideline or pathway.</summary>
    Guideline,

    /// <summary>A copy of a code system (ICD-10-CM, SNOMED CT).</summary>
    CodeSystem,

    /// <summary>One of the consumer articles the project started from.</summary>
    Seed,

    /// <summary>The team's own judgement, used where no source gives the fact.</summary>
    TeamJudgement,
}

/// <summary>How strong the support for a number or rule is.</summary>
public enum EvidenceGrade
{
    /// <summary>Measured in a study (or computed from a study's sensitivity and specificity).</summary>
    Study,

    /// <summary>Stated by a clinical guideline.</summary>
    Guideline,

    /// <summary>Expert or consumer-source consensus without a measurement.</summary>
    Consensus,

    /// <summary>A team estimate: not measured. Always carries a rationale.</summary>
    Estimate,
}

/// <summary>A cited source: the material behind a condition, finding, number or rule.</summary>
/// <remarks>Equality is by value.</remarks>
public sealed record Source
{
    /// <summary>The key other entries use to cite it, such as <c>S24</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Authors, year, title and venue in one line.</summary>
    public required string Citation { get; init; }

    /// <summary>Where a copy was consulted, when public.</summary>
    public Uri? Url { get; init; }

    /// <summary>What kind of material it is.</summary>
    public required SourceKind Kind { get; init; }
}
