using System.Collections.Immutable;

namespace BackHip.Domain.Exercises;

/// <summary>An exercise's default dose.</summary>
/// <remarks>Equality is by value. Every set field is positive; the loader rejects a zero dose.</remarks>
public sealed record Dosage
{
    /// <summary>How the exercise is dosed.</summary>
    public required DoseType Type { get; init; }

    /// <summary>Seconds to hold each repetition, when held.</summary>
    public int? HoldSeconds { get; init; }

    /// <summary>Repetitions per set.</summary>
    public int? Reps { get; init; }

    /// <summary>Sets per session.</summary>
    public int? Sets { get; init; }

    /// <summary>Minutes per session, for duration doses.</summary>
    public int? Minutes { get; init; }

    /// <summary>Metres per session, for distance doses.</summary>
    public int? Meters { get; init; }

    /// <summary>Sessions per day.</summary>
    public int? TimesPerDay { get; init; }

    /// <summary>Sessions per week.</summary>
    public int? TimesPerWeek { get; init; }

    /// <summary><see langword="true"/> when the dose is for each side.</summary>
    public bool EachSide { get; init; }

    /// <summary>Renders the dose in plain English, such as "hold 20 s × 3, each side, 2× a day" (another language:
    /// <see cref="Display.DisplayText.DoseText"/>).</summary>
    /// <returns>The dose as text.</returns>
    public override string ToString() => Display.DisplayText.FormatDose(this, key => Display.TextTable.EmbeddedEnglishLabels.Texts["phrases/" + key]);
}

/// <summary>A condition an exercise is indicated for, with the source.</summary>
public sealed record ExerciseIndication
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>What an <see cref="EvidenceGrade.Estimate"/> rests on, in one line; the loader requires it for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>When an exercise must not be planned: a likely condition, a present finding, or pregnancy, optionally only in
/// some pain phases.</summary>
public sealed record ExerciseContraindication
{
    /// <summary>The condition, when the contraindication is a condition.</summary>
    public string? ConditionId { get; init; }

    /// <summary>The finding, when the contraindication is a finding.</summary>
    public string? FindingId { get; init; }

    /// <summary><see langword="true"/> when the contraindication is pregnancy.</summary>
    public bool Pregnant { get; init; }

    /// <summary>The pain phases it applies in; empty means every phase (for example, no stretching of a freshly strained
    /// muscle in the acute phase).</summary>
    public ImmutableArray<PainPhase> Phases { get; init; } = [];

    /// <summary>Why, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>What an <see cref="EvidenceGrade.Estimate"/> rests on, in one line; the loader requires it for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>An exercise of the catalog, with dosage, safety data and sources.</summary>
/// <remarks>Immutable; equality is by <see cref="Id"/>.</remarks>
public sealed class Exercise : IEquatable<Exercise>
{
    /// <summary>The stable kebab-case id.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>Other names.</summary>
    public required ImmutableArray<string> Aliases { get; init; }

    /// <summary>The category.</summary>
    public required ExerciseCategory Category { get; init; }

    /// <summary>The body position.</summary>
    public required BodyPosition Position { get; init; }

    /// <summary>The main muscles worked or stretched.</summary>
    public required ImmutableArray<Muscle> PrimaryMuscles { get; init; }

    /// <summary>Muscles also involved.</summary>
    public required ImmutableArray<Muscle> SecondaryMuscles { get; init; }

    /// <summary>Equipment; any one of the listed items is enough.</summary>
    public required ImmutableArray<Equipment> Equipment { get; init; }

    /// <summary>The level.</summary>
    public required ExerciseLevel Level { get; init; }

    /// <summary>The easier exercise to step back to, if any.</summary>
    public string? RegressionId { get; init; }

    /// <summary>The harder exercise to move on to, if any.</summary>
    public string? ProgressionId { get; init; }

    /// <summary>The loads it puts on the spine and hip.</summary>
    public required ImmutableArray<LoadTag> LoadTags { get; init; }

    /// <summary>Step-by-step instructions in plain words.</summary>
    public required ImmutableArray<string> Instructions { get; init; }

    /// <summary>The default dose.</summary>
    public required Dosage Dose { get; init; }

    /// <summary>Cues that help.</summary>
    public required ImmutableArray<string> Cues { get; init; }

    /// <summary>Common mistakes.</summary>
    public required ImmutableArray<string> CommonMistakes { get; init; }

    /// <summary>The pain phases it suits.</summary>
    public required ImmutableArray<PainPhase> Phases { get; init; }

    /// <summary>The conditions it is indicated for, each with its source.</summary>
    public required ImmutableArray<ExerciseIndication> Indications { get; init; }

    /// <summary>Its own contraindications, beyond the load-tag and position rules.</summary>
    public required ImmutableArray<ExerciseContraindication> Contraindications { get; init; }

    /// <summary>The licence of its text.</summary>
    public required string Licence { get; init; }

    /// <summary>The sources of its description and dose.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <inheritdoc />
    public bool Equals(Exercise? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Exercise);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Name})";
}

/// <summary>Filters for <see cref="ExerciseCatalog.Query"/>; every set filter must match.</summary>
public sealed record ExerciseQuery
{
    /// <summary>Only this category.</summary>
    public ExerciseCategory? Category { get; init; }

    /// <summary>Only this position.</summary>
    public BodyPosition? Position { get; init; }

    /// <summary>Only exercises working this muscle (primary or secondary).</summary>
    public Muscle? Muscle { get; init; }

    /// <summary>Only exercises that can be done with this equipment.</summary>
    public Equipment? Equipment { get; init; }

    /// <summary>Only this level or easier.</summary>
    public ExerciseLevel? MaxLevel { get; init; }

    /// <summary>Only exercises with every one of these load tags.</summary>
    public ImmutableArray<LoadTag> WithTags { get; init; } = [];

    /// <summary>Only exercises with none of these load tags.</summary>
    public ImmutableArray<LoadTag> WithoutTags { get; init; } = [];

    /// <summary>Only exercises indicated for this condition.</summary>
    public string? IndicatedFor { get; init; }
}

/// <summary>The exercise catalog.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ExerciseCatalog
{
    internal ExerciseCatalog(ImmutableArray<Exercise> exercises) => Exercises = exercises;

    /// <summary>Every exercise, in file order.</summary>
    public ImmutableArray<Exercise> Exercises { get; }

    /// <summary>Gets an exercise by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The exercise.</returns>
    /// <exception cref="KeyNotFoundException">No exercise has this id.</exception>
    public Exercise Get(string id) =>
        Exercises.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal)) ?? throw new KeyNotFoundException($"Unknown exercise id '{id}'.");

    /// <summary>Exercises matching every filter of the query, in catalog order.</summary>
    /// <param name="query">The filters.</param>
    /// <returns>The matching exercises.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public ImmutableArray<Exercise> Query(ExerciseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. Exercises.Where(e =>
            (query.Category is null || e.Category == query.Category)
            && (query.Position is null || e.Position == query.Position)
            && (query.Muscle is null || e.PrimaryMuscles.Contains(query.Muscle.Value) || e.SecondaryMuscles.Contains(query.Muscle.Value))
            && (query.Equipment is null || e.Equipment.Contains(query.Equipment.Value) || e.Equipment.Contains(BackHip.Domain.Exercises.Equipment.None))
            && (query.MaxLevel is null || e.Level <= query.MaxLevel)
            && query.WithTags.All(t => e.LoadTags.Contains(t))
            && !query.WithoutTags.Any(t => e.LoadTags.Contains(t))
            && (query.IndicatedFor is null || e.Indications.Any(i => i.ConditionId == query.IndicatedFor)))];
    }
}
