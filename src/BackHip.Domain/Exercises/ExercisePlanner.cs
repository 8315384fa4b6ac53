using System.Collections.Immutable;
using System.Globalization;
using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Exercises;

/// <summary>Settings of the planner.</summary>
public sealed record PlannerOptions
{
    /// <summary>The default options.</summary>
    public static PlannerOptions Default { get; } = new();

    /// <summary>A condition at or above this probability is likely: its contraindications apply and its exercises are chosen.</summary>
    /// <value>The default value is 0.05.</value>
    public double Threshold { get; init; } = 0.05;

    /// <summary>The most exercises in a session.</summary>
    /// <value>The default value is 6.</value>
    public int MaxExercises { get; init; } = 6;
}

/// <summary>Builds a care plan from a case, its triage and its differential.</summary>
public interface IExercisePlanner
{
    /// <summary>Builds the plan.</summary>
    /// <param name="patientCase">The case.</param>
    /// <param name="triage">Its triage result.</param>
    /// <param name="differential">Its differential.</param>
    /// <param name="options">Options, or <see langword="null"/> for <see cref="PlannerOptions.Default"/>.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    CarePlan Plan(Case patientCase, TriageResult triage, RankedDifferential differential, PlannerOptions? options = null);
}

/// <summary>The rule-based planner: indicated, phase-appropriate exercises minus every contraindication.</summary>
/// <remarks>
/// Deterministic, stateless and thread-safe. It never plans an exercise contraindicated for a condition at or above the
/// threshold, for a present finding, or in pregnancy; when triage is <see cref="TriageLevel.Consultation24"/> or more
/// urgent it returns only what to do now. Decision support and education, not a prescription.
/// </remarks>
public sealed class ExercisePlanner : IExercisePlanner
{
    private static readonly ExerciseCategory[] SessionOrder = [ExerciseCategory.Mobility, ExerciseCategory.Stretch, ExerciseCategory.MotorControl, ExerciseCategory.Strength, ExerciseCategory.Aerobic];
    private readonly KnowledgeBase _knowledge;

    /// <summary>Creates a planner over a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public ExercisePlanner(KnowledgeBase knowledge) => _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));

    /// <summary>The pain phase from a case's duration findings; acute when no duration is answered.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The phase.</returns>
    public static PainPhase PhaseOf(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        return patientCase.StateOf("duration-over-12-weeks") == EvidenceState.Present ? PainPhase.Chronic
            : patientCase.StateOf("duration-6-to-12-weeks") == EvidenceState.Present ? PainPhase.Subacute
            : PainPhase.Acute;
    }

    /// <inheritdoc />
    public CarePlan Plan(Case patientCase, TriageResult triage, RankedDifferential differential, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(differential);
        options ??= PlannerOptions.Default;
        if (!(options.Threshold > 0 && options.Threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "Threshold must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxExercises, nameof(options));
        var care = _knowledge.Care;
        var phase = PhaseOf(patientCase);
        var probabilities = differential.Ranked.ToDictionary(r => r.ConditionId, r => r.Probability, StringComparer.Ordinal);
        foreach (var r in differential.Ranked)
        {
            foreach (var g in _knowledge.GroupingsOf(r.ConditionId))
            {
                probabilities[g] = probabilities.GetValueOrDefault(g) + r.Probability;
            }
        }
        var likely = differential.Ranked.Where(r => r.Probability >= options.Threshold).Select(r => r.ConditionId).ToImmutableArray();
        if (likely.IsEmpty && !differential.Ranked.IsEmpty)
        {
            likely = [differential.Ranked[0].ConditionId];
        }

        // A rule, precaution or advice written for a grouping (such as spinal-infection) applies when any of its
        // children is likely: the likely set also holds each likely condition's groupings.
        // A grouping whose children together reach the threshold is likely too, as it was before it was split.
        var likelySet = likely.Concat(likely.SelectMany(id => _knowledge.GroupingsOf(id))).ToHashSet(StringComparer.Ordinal);
        likelySet.UnionWith(probabilities.Where(p => p.Value >= options.Threshold && _knowledge.TryGetCondition(p.Key, out var g) && g.IsGrouping).Select(p => p.Key));
        if (triage.Level >= TriageLevel.Consultation24)
        {
            var now = triage.FiredRules.Select(r => r.Message).Concat(triage.Escalations).ToList();
            now.Add(triage.Level >= TriageLevel.Emergency
                ? "Do not wait and do not start any exercises: get help now as described above."
                : "Do not start an exercise programme until a doctor has seen you; rest as comfort allows and keep this appointment within 24 hours.");
            return new CarePlan
            {
                TriageLevel = triage.Level, Phase = phase, LikelyConditions = likely, DoNow = [.. now], Exercises = [], Progression = [], StopRules = [],
                SelfCare = [], Treatments = [],
                Referrals = [new Referral { Clinician = triage.Level >= TriageLevel.Emergency ? Clinician.EmergencyDepartment : Clinician.Gp, Urgency = triage.Level, Reason = RedFlagReferralReason(triage) }],
                Excluded = [.. care.Catalog.Exercises.Select(e => new ExcludedExercise { ExerciseId = e.Id, Reason = $"No exercise is planned at triage level {triage.Level}." })],
            };
        }

        var excluded = new List<ExcludedExercise>();
        var allowed = new List<Exercise>();
        foreach (var exercise in care.Catalog.Exercises)
        {
            if (Contraindication(exercise, patientCase, likelySet, phase) is { } why)
            {
                excluded.Add(why);
            }
            else
            {
                allowed.Add(exercise);
            }
        }

        double Score(Exercise e) => e.Indications.Where(i => likelySet.Contains(i.ConditionId)).Sum(i => probabilities.GetValueOrDefault(i.ConditionId));
        var candidates = allowed.Where(e => Score(e) > 0).ToList();
        foreach (var e in candidates.Where(e => !e.Phases.Contains(phase)))
        {
            excluded.Add(new ExcludedExercise { ExerciseId = e.Id, Reason = $"Not suited to the {phase.ToString().ToLowerInvariant()} phase yet." });
        }

        var chosen = candidates.Where(e => e.Phases.Contains(phase))
            .OrderByDescending(Score).ThenBy(e => e.Level).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(options.MaxExercises)
            .OrderBy(e => Array.IndexOf(SessionOrder, e.Category)).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var planned = chosen.Select((e, i) =>
        {
            var links = e.Indications.Where(x => likelySet.Contains(x.ConditionId)).ToList();
            return new PlannedExercise
            {
                Order = i + 1, ExerciseId = e.Id, Name = e.Name, Dose = e.Dose,
                ForConditions = [.. links.Select(x => x.ConditionId).Distinct(StringComparer.Ordinal)],
                Reason = "Indicated for " + string.Join(", ", links.Select(x => _knowledge.GetCondition(x.ConditionId).Name).Distinct(StringComparer.Ordinal)) + ".",
                SourceKeys = [.. links.Select(x => x.SourceKey).Concat(e.SourceKeys).Distinct(StringComparer.Ordinal)],
            };
        }).ToImmutableArray();

        var allowedIds = allowed.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var progressions = chosen.Where(e => e.ProgressionId is not null && allowedIds.Contains(e.ProgressionId)).Select(e => $"{e.Name} → {care.Catalog.Get(e.ProgressionId!).Name}").ToList();
        var progression = planned.IsEmpty ? ImmutableArray<ProgressionStep>.Empty :
        [
            new ProgressionStep { Weeks = "1-2", Text = "Do the session at the listed dose on most days; a mild, short-lived rise in pain is acceptable." },
            new ProgressionStep { Weeks = "3-4", Text = "If pain is settling, add one set or hold each stretch 5-10 seconds longer, and add 5 minutes to walking or cycling." },
            new ProgressionStep { Weeks = "5-6", Text = progressions.Count == 0 ? "Keep the session going at the higher dose; review with a physiotherapist if progress stalls." : "Move on to harder versions: " + string.Join("; ", progressions) + "." },
        ];

        var categories = likely.Select(id => _knowledge.GetCondition(id).Category).ToHashSet();
        var selfCare = care.SelfCare
            .Where(s => s.ConditionIds.Any(likelySet.Contains) || s.Categories.Any(categories.Contains))
            .Select(s => new PlannedAdvice { Id = s.Id, Text = s.Text, Reason = s.ConditionIds.FirstOrDefault(likelySet.Contains) is { } c ? $"For {_knowledge.GetCondition(c).Name}." : "For the likely causes of your pain.", SourceKeys = s.SourceKeys, Grade = s.Grade })
            .ToImmutableArray();
        var treatments = care.Treatments
            .Where(t => t.ConditionIds.Any(likelySet.Contains))
            .Select(t => PlanTreatment(t, likelySet))
            .OrderBy(t => t.Stances.Min(x => StanceOrder(x.Stance))).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToImmutableArray();

        var referrals = new List<Referral>();
        var top = likely.IsEmpty ? null : likely[0];
        var specialist = top is null ? null : care.Referrals.FirstOrDefault(r => r.Reason is null && r.ConditionIds.Contains(top));
        if (triage.Level == TriageLevel.Consultation)
        {
            referrals.Add(new Referral { Clinician = Clinician.Gp, Urgency = TriageLevel.Consultation, Reason = "Book an appointment: " + string.Join("; ", triage.FiredRules.Select(r => r.Message)) });
        }
        else
        {
            referrals.Add(new Referral { Clinician = Clinician.Gp, Urgency = TriageLevel.Consultation, Reason = "See a doctor if the pain lasts more than two weeks, gets worse, or new symptoms appear." });
        }

        if (specialist is not null && specialist.Clinician != Clinician.Gp)
        {
            referrals.Add(new Referral { Clinician = specialist.Clinician, Urgency = TriageLevel.Consultation, Reason = string.Create(CultureInfo.InvariantCulture, $"The usual specialist for {_knowledge.GetCondition(top!).Name}; a referral usually comes through your doctor."), SourceKeys = [specialist.SourceKey] });
        }

        foreach (var rule in care.Referrals.Where(r => r.Reason is not null && r.ConditionIds.Any(likelySet.Contains) && (r.Phases.IsEmpty || r.Phases.Contains(phase))))
        {
            if (!referrals.Any(r => r.Clinician == rule.Clinician))
            {
                referrals.Add(new Referral { Clinician = rule.Clinician, Urgency = TriageLevel.Consultation, Reason = rule.Reason!, SourceKeys = [rule.SourceKey] });
            }
        }

        var stratified = Stratify(patientCase, referrals);
        return new CarePlan
        {
            TriageLevel = triage.Level, Phase = phase, LikelyConditions = likely, Stratification = stratified,
            DoNow = triage.Level == TriageLevel.Consultation ? [.. triage.FiredRules.Select(r => r.Message)] : [],
            Exercises = planned, Progression = progression, StopRules = [.. care.StopRules.Where(r => !r.Pregnant || patientCase.Profile.IsPregnant)], SelfCare = selfCare, Treatments = treatments,
            Referrals = [.. referrals], Excluded = [.. excluded.OrderBy(x => x.ExerciseId, StringComparer.Ordinal)],
        };
    }

    /// <summary>Stratified care from STarT Back (NICE NG59 recommends risk stratification at first contact): low risk
    /// → advice and self-management; medium → physiotherapy; high → physiotherapy with a psychologically informed approach.</summary>
    private static string? Stratify(Case patientCase, List<Referral> referrals)
    {
        if (patientCase.Instruments?.StartBack is not { } answers || !Instruments.InstrumentScoring.Validate(patientCase.Instruments).IsValid)
        {
            return null;
        }

        var risk = Instruments.InstrumentScoring.Score(new Instruments.InstrumentResponses { StartBack = answers }).StartBack!.Risk;
        switch (risk)
        {
            case Instruments.StartBackRisk.Medium:
                referrals.Add(new Referral { Clinician = Clinician.Physiotherapist, Urgency = TriageLevel.Consultation, Reason = "STarT Back medium risk: a course of physiotherapy is recommended (stratified care; S60, S58b)." });
                return "medium risk (STarT Back): physiotherapy";
            case Instruments.StartBackRisk.High:
                referrals.Add(new Referral { Clinician = Clinician.Physiotherapist, Urgency = TriageLevel.Consultation, Reason = "STarT Back high risk: physiotherapy with a psychologically informed approach is recommended (stratified care; S60, S58b)." });
                return "high risk (STarT Back): psychologically informed physiotherapy";
            default:
                return "low risk (STarT Back): advice, reassurance and self-management";
        }
    }

    /// <summary>Whether a contraindication rule applies to a case, and the likely condition or present finding that
    /// triggered it (both <see langword="null"/> when pregnancy or the age band alone did).</summary>
    internal static bool Applies(ContraindicationRule rule, Case patientCase, IReadOnlySet<string> likely, out string? condition, out string? finding)
    {
        condition = null;
        finding = null;
        var age = patientCase.Profile.Age;
        if ((rule.MinAge is { } min && age < min) || (rule.MaxAge is { } max && age > max)
            || (rule.Sex is { } sex && patientCase.Profile.Sex != sex && patientCase.Profile.Sex != Sex.Unknown)
            || rule.UnlessPresentFindingIds.Any(f => patientCase.StateOf(f) == EvidenceState.Present))
        {
            return false;
        }

        if (rule.ConditionIds.IsEmpty && rule.FindingIds.IsEmpty && !rule.Pregnant)
        {
            return true;
        }

        condition = rule.ConditionIds.FirstOrDefault(likely.Contains);
        finding = rule.FindingIds.FirstOrDefault(f => patientCase.StateOf(f) == EvidenceState.Present);
        var pregnancy = rule.Pregnant && patientCase.Profile.IsPregnant
            && (rule.UnlessAbsentFindingId is null || patientCase.StateOf(rule.UnlessAbsentFindingId) != EvidenceState.Absent);
        return condition is not null || finding is not null || pregnancy;
    }

    /// <summary>The first contraindication that keeps an exercise out, or <see langword="null"/>.</summary>
    internal ExcludedExercise? Contraindication(Exercise exercise, Case patientCase, HashSet<string> likely, PainPhase phase)
    {
        foreach (var rule in _knowledge.Care.ContraindicationRules)
        {
            var hits = (rule.ExcludesTag is { } tag && exercise.LoadTags.Contains(tag)) || (rule.ExcludesPosition is { } pos && exercise.Position == pos);
            if (hits && Applies(rule, patientCase, likely, out var condition, out var finding))
            {
                var because = condition is not null ? $"likely: {_knowledge.GetCondition(condition).Name}"
                    : finding is not null ? _knowledge.GetFinding(finding).Name
                    : rule.Pregnant ? "pregnancy"
                    : string.Create(CultureInfo.InvariantCulture, $"age {patientCase.Profile.Age}");
                return new ExcludedExercise
                {
                    ExerciseId = exercise.Id, RuleId = rule.Id, ConditionId = condition, FindingId = finding, SourceKey = rule.SourceKey,
                    Reason = $"{rule.Reason} ({because})",
                };
            }
        }

        foreach (var c in exercise.Contraindications)
        {
            if ((c.Phases.IsEmpty || c.Phases.Contains(phase))
                && ((c.ConditionId is not null && likely.Contains(c.ConditionId))
                    || (c.FindingId is not null && patientCase.StateOf(c.FindingId) == EvidenceState.Present)
                    || (c.Pregnant && patientCase.Profile.IsPregnant)))
            {
                return new ExcludedExercise { ExerciseId = exercise.Id, ConditionId = c.ConditionId, FindingId = c.FindingId, SourceKey = c.SourceKey, Reason = c.Reason };
            }
        }

        return null;
    }

    private static int StanceOrder(GuidelineStance stance) => stance switch
    {
        GuidelineStance.Recommend => 0,
        GuidelineStance.Consider => 1,
        GuidelineStance.NoGuideline => 2,
        _ => 3,
    };

    /// <summary>A treatment for the plan: its stances that concern the likely conditions, strongest support first, and a
    /// reason that says what each guideline says.</summary>
    private PlannedTreatment PlanTreatment(TreatmentOption t, HashSet<string> likely)
    {
        var conditions = t.ConditionIds.Where(likely.Contains).ToImmutableArray();
        var stances = t.Stances
            .Where(x => x.ConditionIds.IsEmpty || x.ConditionIds.Any(likely.Contains))
            .OrderBy(x => StanceOrder(x.Stance))
            .ToImmutableArray();
        var names = string.Join(", ", conditions.Select(c => _knowledge.GetCondition(c).Name));
        var said = string.Join(" ", stances.Select(x => (x.Jurisdiction is null ? "" : x.Jurisdiction + ": ") + x.Stance switch
        {
            GuidelineStance.Recommend => "recommend",
            GuidelineStance.Consider => "consider",
            GuidelineStance.DoNotOffer => "do not offer",
            _ => x.Jurisdiction is null ? "No guideline position" : "no recommendation",
        } + $" — {x.Scope}."));
        return new PlannedTreatment
        {
            Id = t.Id, Text = t.Name, Clinician = t.Clinician, ForConditions = conditions, Stances = stances, SourceKeys = t.SourceKeys, Grade = t.Grade,
            Reason = $"Mentioned for {names}; discuss it with a clinician. What guidelines say: {said}",
        };
    }

    // Person-facing: the fired rules' messages are already in DoNow, so the reason names the serious conditions not yet
    // excluded by their display names (the ids stay on TriageResult for machines).
    private string RedFlagReferralReason(TriageResult triage)
    {
        var names = triage.SeriousConditionsNotExcluded
            .Select(id => _knowledge.TryGetCondition(id, out var c) ? c.Name : id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0
            ? "Because of the warning signs above."
            : $"Because of the warning signs above; possible {string.Join(", ", names)}.";
    }
}
