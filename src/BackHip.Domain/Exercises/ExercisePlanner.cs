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
    private readonly Display.DisplayText _text;

    /// <summary>Creates a planner over a knowledge base, in English.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public ExercisePlanner(KnowledgeBase knowledge)
        : this(knowledge, Display.DisplayText.For(knowledge ?? throw new ArgumentNullException(nameof(knowledge))))
    {
    }

    /// <summary>Creates a planner whose person-facing text (names, instructions, doses, reasons, advice, referrals) comes
    /// from a display text, in <see cref="CultureInfo.CurrentUICulture"/> when the plan is made.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="text">The display text over the same knowledge base.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is over another knowledge base.</exception>
    public ExercisePlanner(KnowledgeBase knowledge, Display.DisplayText text)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _text = Display.DisplayText.RequireOver(text, knowledge);
    }

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
            // Person-facing: the fired rules' messages; a raise by the differential is told by the conditions' names
            // (the escalation rationale, with ids and numbers, stays on TriageResult.Escalations for clinicians).
            var now = triage.FiredRules.Select(Message).ToList();
            if (!triage.Escalations.IsEmpty && EscalatedConditions(triage) is { Count: > 0 } escalated)
            {
                now.Add(_text.Format("doNowEscalated", null, ("conditions", string.Join(", ", escalated))));
            }

            now.Add(_text.Phrase(triage.Level >= TriageLevel.Emergency ? "doNowEmergency" : "doNowConsultation24"));
            return new CarePlan
            {
                TriageLevel = triage.Level, Phase = phase, LikelyConditions = likely, DoNow = [.. now], Exercises = [], Progression = [], StopRules = [],
                SelfCare = [], Treatments = [],
                Referrals = [new Referral { Clinician = triage.Level >= TriageLevel.Emergency ? Clinician.EmergencyDepartment : Clinician.Gp, Urgency = triage.Level, Reason = RedFlagReferralReason(triage) }],
                Excluded = [.. care.Catalog.Exercises.Select(e => new ExcludedExercise { ExerciseId = e.Id, Reason = _text.Format("noExerciseAtLevel", null, ("level", _text.TriageLabel(triage.Level))) })],
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
            excluded.Add(new ExcludedExercise { ExerciseId = e.Id, Reason = _text.Format("notSuitedToPhase", null, ("phase", _text.Phrase("phase" + phase))) });
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
                Order = i + 1, ExerciseId = e.Id, Name = _text.ExerciseName(e.Id), Dose = e.Dose, DoseText = _text.DoseText(e.Dose),
                Instructions = _text.ExerciseInstructions(e.Id),
                ForConditions = [.. links.Select(x => x.ConditionId).Distinct(StringComparer.Ordinal)],
                Reason = _text.Format("exerciseWhy", null, ("conditions", string.Join(", ", links.Select(x => _text.ConditionName(x.ConditionId)).Distinct(StringComparer.Ordinal)))),
                SourceKeys = [.. links.Select(x => x.SourceKey).Concat(e.SourceKeys).Distinct(StringComparer.Ordinal)],
            };
        }).ToImmutableArray();

        var allowedIds = allowed.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var progressions = chosen.Where(e => e.ProgressionId is not null && allowedIds.Contains(e.ProgressionId)).Select(e => $"{_text.ExerciseName(e.Id)} → {_text.ExerciseName(e.ProgressionId!)}").ToList();
        var progression = planned.IsEmpty ? ImmutableArray<ProgressionStep>.Empty :
        [
            new ProgressionStep { Weeks = "1-2", Text = _text.Phrase("progressionWeeks1") },
            new ProgressionStep { Weeks = "3-4", Text = _text.Phrase("progressionWeeks3") },
            new ProgressionStep { Weeks = "5-6", Text = progressions.Count == 0 ? _text.Phrase("progressionWeeks5Keep") : _text.Format("progressionWeeks5Harder", null, ("steps", string.Join("; ", progressions))) },
        ];

        var categories = likely.Select(id => _knowledge.GetCondition(id).Category).ToHashSet();
        var selfCare = care.SelfCare
            .Where(s => s.ConditionIds.Any(likelySet.Contains) || s.Categories.Any(categories.Contains))
            .Select(s => new PlannedAdvice { Id = s.Id, Text = _text.SelfCareText(s.Id), Reason = s.ConditionIds.FirstOrDefault(likelySet.Contains) is { } c ? _text.Format("selfCareFor", null, ("condition", _text.ConditionName(c))) : _text.Phrase("selfCareGeneral"), SourceKeys = s.SourceKeys, Grade = s.Grade })
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
            referrals.Add(new Referral { Clinician = Clinician.Gp, Urgency = TriageLevel.Consultation, Reason = _text.Format("referralBookAppointment", null, ("messages", string.Join("; ", triage.FiredRules.Select(Message)))) });
        }
        else
        {
            referrals.Add(new Referral { Clinician = Clinician.Gp, Urgency = TriageLevel.Consultation, Reason = _text.Phrase("referralIfWorse") });
        }

        if (specialist is not null && specialist.Clinician != Clinician.Gp)
        {
            referrals.Add(new Referral { Clinician = specialist.Clinician, Urgency = TriageLevel.Consultation, Reason = _text.Format("referralSpecialist", null, ("condition", _text.ConditionName(top!))), SourceKeys = [specialist.SourceKey] });
        }

        foreach (var rule in care.Referrals.Where(r => r.Reason is not null && r.ConditionIds.Any(likelySet.Contains) && (r.Phases.IsEmpty || r.Phases.Contains(phase))))
        {
            if (!referrals.Any(r => r.Clinician == rule.Clinician))
            {
                referrals.Add(new Referral { Clinician = rule.Clinician, Urgency = TriageLevel.Consultation, Reason = _text.ReferralReason(rule.Clinician) ?? rule.Reason!, SourceKeys = [rule.SourceKey] });
            }
        }

        var stratified = Stratify(patientCase, referrals, _text);
        return new CarePlan
        {
            TriageLevel = triage.Level, Phase = phase, LikelyConditions = likely, Stratification = stratified,
            DoNow = triage.Level == TriageLevel.Consultation ? [.. triage.FiredRules.Select(Message)] : [],
            Exercises = planned, Progression = progression, StopRules = [.. care.StopRules.Where(r => !r.Pregnant || patientCase.Profile.IsPregnant).Select(r => r with { Text = _text.StopRuleText(r.Id) })], SelfCare = selfCare, Treatments = treatments,
            Referrals = [.. referrals], Excluded = [.. excluded.OrderBy(x => x.ExerciseId, StringComparer.Ordinal)],
        };
    }

    /// <summary>Stratified care from STarT Back (NICE NG59 recommends risk stratification at first contact): low risk
    /// → advice and self-management; medium → physiotherapy; high → physiotherapy with a psychologically informed approach.</summary>
    private static string? Stratify(Case patientCase, List<Referral> referrals, Display.DisplayText text)
    {
        if (patientCase.Instruments?.StartBack is not { } answers || !Instruments.InstrumentScoring.Validate(patientCase.Instruments).IsValid)
        {
            return null;
        }

        var risk = Instruments.InstrumentScoring.Score(new Instruments.InstrumentResponses { StartBack = answers }).StartBack!.Risk;
        switch (risk)
        {
            case Instruments.StartBackRisk.Medium:
                referrals.Add(new Referral { Clinician = Clinician.Physiotherapist, Urgency = TriageLevel.Consultation, Reason = text.Phrase("referralStartBackMedium") });
                return text.Phrase("stratificationMedium");
            case Instruments.StartBackRisk.High:
                referrals.Add(new Referral { Clinician = Clinician.Physiotherapist, Urgency = TriageLevel.Consultation, Reason = text.Phrase("referralStartBackHigh") });
                return text.Phrase("stratificationHigh");
            default:
                return text.Phrase("stratificationLow");
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
                var because = condition is not null ? _text.Format("excludedLikely", null, ("condition", _text.ConditionName(condition)))
                    : finding is not null ? _text.FindingName(finding)
                    : rule.Pregnant ? _text.Phrase("excludedPregnancy")
                    : _text.Format("excludedAge", null, ("age", patientCase.Profile.Age.ToString(CultureInfo.InvariantCulture)));
                return new ExcludedExercise
                {
                    ExerciseId = exercise.Id, RuleId = rule.Id, ConditionId = condition, FindingId = finding, SourceKey = rule.SourceKey,
                    Reason = $"{_text.ContraindicationReason(rule.Id)} ({because})",
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
        var names = string.Join(", ", conditions.Select(c => _text.ConditionName(c)));
        var said = string.Join(" ", stances.Select(x => (x.Jurisdiction is null ? "" : x.Jurisdiction + ": ") + _text.Phrase(x.Stance switch
        {
            GuidelineStance.Recommend => "stanceRecommend",
            GuidelineStance.Consider => "stanceConsider",
            GuidelineStance.DoNotOffer => "stanceDoNotOffer",
            _ => x.Jurisdiction is null ? "stanceNoGuideline" : "stanceNoRecommendation",
        }) + $" — {x.Scope}."));
        return new PlannedTreatment
        {
            Id = t.Id, Text = _text.TreatmentName(t.Id), Clinician = t.Clinician, ForConditions = conditions, Stances = stances, SourceKeys = t.SourceKeys, Grade = t.Grade,
            Reason = _text.Format("treatmentReason", null, ("conditions", names), ("said", said)),
        };
    }

    // Person-facing: the fired rules' messages are already in DoNow, so the reason names the serious conditions not yet
    // excluded by their display names (the ids stay on TriageResult for machines).
    private string RedFlagReferralReason(TriageResult triage)
    {
        var names = triage.SeriousConditionsNotExcluded
            .Select(id => _knowledge.TryGetCondition(id, out _) ? _text.ConditionName(id) : id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0
            ? _text.Phrase("redFlagReason")
            : _text.Format("redFlagReasonWithConditions", null, ("conditions", string.Join(", ", names)));
    }

    // A fired rule's message from the display text (the rule's own message when the knowledge base does not know the rule).
    private string Message(FiredRule rule) => _text.TryGetText($"rules/{rule.RuleId}/message", null, out var message) ? message : rule.Message;

    // The serious conditions behind a raise by the differential: those not named by a fired rule (all of them when every
    // one is), by display name.
    private List<string> EscalatedConditions(TriageResult triage)
    {
        var fromRules = triage.FiredRules.SelectMany(r => _knowledge.RedFlagRules.FirstOrDefault(x => x.Id == r.RuleId)?.ConditionIds ?? ImmutableArray<string>.Empty).ToHashSet(StringComparer.Ordinal);
        var ids = triage.SeriousConditionsNotExcluded.Where(id => !fromRules.Contains(id)).ToList();
        return [.. (ids.Count > 0 ? ids : [.. triage.SeriousConditionsNotExcluded])
            .Where(id => _knowledge.TryGetCondition(id, out _))
            .Select(id => _text.ConditionName(id))
            .Distinct(StringComparer.Ordinal)];
    }
}
