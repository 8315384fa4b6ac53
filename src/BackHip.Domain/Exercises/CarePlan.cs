using System.Collections.Immutable;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Exercises;

/// <summary>An exercise in a plan, with its dose and why it was chosen.</summary>
public sealed record PlannedExercise
{
    /// <summary>Its place in the session, from 1.</summary>
    public required int Order { get; init; }

    /// <summary>The exercise id.</summary>
    public required string ExerciseId { get; init; }

    /// <summary>The exercise name, from the display text.</summary>
    public required string Name { get; init; }

    /// <summary>The dose.</summary>
    public required Dosage Dose { get; init; }

    /// <summary>The dose in plain words, from the display text (such as "hold 20 s × 3, each side, 2× a day").</summary>
    public string DoseText { get; init; } = "";

    /// <summary>The step-by-step instructions, from the display text.</summary>
    public ImmutableArray<string> Instructions { get; init; } = [];

    /// <summary>The likely conditions it is indicated for.</summary>
    public required ImmutableArray<string> ForConditions { get; init; }

    /// <summary>Why it was chosen, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>The sources of its indications.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }
}

/// <summary>A catalog exercise the plan left out, and why.</summary>
public sealed record ExcludedExercise
{
    /// <summary>The exercise id.</summary>
    public required string ExerciseId { get; init; }

    /// <summary>Why, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>The contraindication rule, when one excluded it.</summary>
    public string? RuleId { get; init; }

    /// <summary>The likely condition behind the exclusion, if any.</summary>
    public string? ConditionId { get; init; }

    /// <summary>The finding behind the exclusion, if any.</summary>
    public string? FindingId { get; init; }

    /// <summary>The source key, when the exclusion is a contraindication.</summary>
    public string? SourceKey { get; init; }
}

/// <summary>One step of the progression over the coming weeks.</summary>
public sealed record ProgressionStep
{
    /// <summary>The weeks it covers, such as "3-4".</summary>
    public required string Weeks { get; init; }

    /// <summary>What to do.</summary>
    public required string Text { get; init; }
}

/// <summary>A self-care step chosen for the plan, with why.</summary>
public sealed record PlannedAdvice
{
    /// <summary>The id of the self-care step.</summary>
    public required string Id { get; init; }

    /// <summary>The advice or treatment name.</summary>
    public required string Text { get; init; }

    /// <summary>Why it is in the plan.</summary>
    public required string Reason { get; init; }

    /// <summary>The source keys.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }
}

/// <summary>A treatment to discuss with a clinician, shown with each guideline's position on it, never as a plain endorsement.</summary>
/// <remarks>Equality is by value. <see cref="Stances"/> holds at least one position for the likely conditions it is listed for.</remarks>
public sealed record PlannedTreatment
{
    /// <summary>The treatment id.</summary>
    public required string Id { get; init; }

    /// <summary>The treatment name.</summary>
    public required string Text { get; init; }

    /// <summary>Who would offer or discuss it.</summary>
    public required Clinician Clinician { get; init; }

    /// <summary>The likely conditions it is listed for.</summary>
    public required ImmutableArray<string> ForConditions { get; init; }

    /// <summary>Why it is in the plan and what the guidelines say, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>Each guideline's position that concerns the likely conditions, strongest support first.</summary>
    public required ImmutableArray<TreatmentStance> Stances { get; init; }

    /// <summary>The source keys of the treatment's listing.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>The grade of the listing (that the treatment is used for these conditions).</summary>
    public required EvidenceGrade Grade { get; init; }
}

/// <summary>Whom to see, how soon and why.</summary>
public sealed record Referral
{
    /// <summary>The clinician.</summary>
    public required Clinician Clinician { get; init; }

    /// <summary>How soon, as a triage level.</summary>
    public required TriageLevel Urgency { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>The sources behind the referral, when it comes from the care knowledge.</summary>
    public ImmutableArray<string> SourceKeys { get; init; } = [];
}

/// <summary>What to do next: exercises, self-care, treatments to discuss, whom to see; or, when urgent, only what to do now.</summary>
/// <remarks>Immutable. Every item says why it was chosen and cites its sources; <see cref="Excluded"/> lists what was left out.</remarks>
public sealed record CarePlan
{
    /// <summary>The triage level the plan was made for.</summary>
    public required TriageLevel TriageLevel { get; init; }

    /// <summary>The pain phase from the duration findings (acute when unknown).</summary>
    public required PainPhase Phase { get; init; }

    /// <summary>The stratified-care pathway from the STarT Back score, when the case carries one and triage allows a plan.</summary>
    public string? Stratification { get; init; }

    /// <summary>The conditions the plan treats as likely (at or above the planner's threshold).</summary>
    public required ImmutableArray<string> LikelyConditions { get; init; }

    /// <summary>What to do now; the whole plan when triage is <see cref="TriageLevel.Consultation24"/> or more urgent.</summary>
    public required ImmutableArray<string> DoNow { get; init; }

    /// <summary>The exercise session, in order; empty when triage is <see cref="TriageLevel.Consultation24"/> or more urgent.</summary>
    public required ImmutableArray<PlannedExercise> Exercises { get; init; }

    /// <summary>How to progress over the next weeks.</summary>
    public required ImmutableArray<ProgressionStep> Progression { get; init; }

    /// <summary>When to stop and seek care.</summary>
    public required ImmutableArray<StopRule> StopRules { get; init; }

    /// <summary>Self-care steps.</summary>
    public required ImmutableArray<PlannedAdvice> SelfCare { get; init; }

    /// <summary>Treatments to discuss with a clinician, each with the guidelines' positions; never dosed.</summary>
    public required ImmutableArray<PlannedTreatment> Treatments { get; init; }

    /// <summary>Whom to see and how soon.</summary>
    public required ImmutableArray<Referral> Referrals { get; init; }

    /// <summary>Catalog exercises left out, each with its reason.</summary>
    public required ImmutableArray<ExcludedExercise> Excluded { get; init; }
}
