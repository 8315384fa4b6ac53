using System.Text.Json.Nodes;
using BackHip.Domain.Display;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Instruments;
using BackHip.Domain.Triage;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Exercises;

/// <summary>
/// The planner's rules one branch at a time: when a contraindication applies (age band, sex, "unless" findings,
/// conditions, findings, pregnancy), why an exercise is kept out, the likely set and its threshold, dose limits, and what
/// an urgent triage or a consultation changes.
/// </summary>
public sealed class ExercisePlannerRuleTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly ExercisePlanner Planner = new(Kb);
    private static readonly HashSet<string> NoneLikely = new(StringComparer.Ordinal);

    private static RankedDifferential Likely(params (string Id, double P)[] conditions) => new()
    {
        Ranked = [.. conditions.Select(c => new RankedCondition { ConditionId = c.Id, Probability = c.P, Prior = c.P, LogOdds = 0, Contributions = [] })],
        NotApplicable = [],
    };

    private static TriageResult Triage(TriageLevel level = TriageLevel.SelfCare, params FiredRule[] fired) =>
        new() { Level = level, FiredRules = [.. fired], SeriousConditionsNotExcluded = [], OpenQuestions = [] };

    private static FiredRule Fired(string message, TriageLevel level) =>
        new() { RuleId = "r-" + message.Length, Pathology = RedFlagPathology.PersistentOrSeverePain, Level = level, Message = message, Rationale = "x", Grade = EvidenceGrade.Guideline, SourceKeys = [] };

    private static ContraindicationRule Rule(Func<ContraindicationRule, ContraindicationRule>? edit = null)
    {
        var rule = new ContraindicationRule { Id = "probe", Reason = "probe", SourceKey = "NICE-NG59", Grade = EvidenceGrade.Estimate, ExcludesTag = LoadTag.SpinalFlexion };
        return edit is null ? rule : edit(rule);
    }

    private static bool Applies(ContraindicationRule rule, Case c, IReadOnlySet<string>? likely = null) =>
        ExercisePlanner.Applies(rule, c, likely ?? NoneLikely, out _, out _);

    private static Exercise Ex(string id) => Kb.Care.Catalog.Get(id);

    [Theory]
    [InlineData(70, false)]
    [InlineData(71, true)]
    [InlineData(90, true)]
    public void A_rule_with_a_minimum_age_applies_from_that_age(int age, bool expected) =>
        Assert.Equal(expected, Applies(Rule(r => r with { MinAge = 71 }), Case.For(age, Sex.Male).Build()));

    [Theory]
    [InlineData(17, true)]
    [InlineData(18, true)]
    [InlineData(19, false)]
    public void A_rule_with_a_maximum_age_applies_up_to_and_including_that_age(int age, bool expected) =>
        Assert.Equal(expected, Applies(Rule(r => r with { MaxAge = 18 }), Case.For(age, Sex.Male).Build()));

    [Theory]
    [InlineData(Sex.Female, true)]
    [InlineData(Sex.Male, false)]
    [InlineData(Sex.Unknown, true)]
    public void A_rule_for_one_sex_applies_to_it_and_to_an_unstated_sex(Sex sex, bool expected) =>
        Assert.Equal(expected, Applies(Rule(r => r with { Sex = Sex.Female }), Case.For(75, sex).Build()));

    [Fact]
    public void An_unless_present_finding_switches_the_rule_off_only_when_present()
    {
        var rule = Rule(r => r with { FindingIds = ["hip-prosthesis"], UnlessPresentFindingIds = ["hip-replacement-anterior-approach", "hip-replacement-posterior-approach"] });
        Assert.True(Applies(rule, Case.For(70, Sex.Male).Present("hip-prosthesis").Build()));
        Assert.True(Applies(rule, Case.For(70, Sex.Male).Present("hip-prosthesis").Absent("hip-replacement-posterior-approach").Build()));
        Assert.False(Applies(rule, Case.For(70, Sex.Male).Present("hip-prosthesis", "hip-replacement-posterior-approach").Build()));
    }

    [Fact]
    public void A_rule_without_a_trigger_applies_to_everyone_in_its_band_and_names_no_trigger()
    {
        Assert.True(ExercisePlanner.Applies(Rule(), Case.For(40, Sex.Male).Build(), NoneLikely, out var condition, out var finding));
        Assert.Null(condition);
        Assert.Null(finding);
    }

    [Fact]
    public void A_condition_rule_applies_only_when_one_of_its_conditions_is_likely_and_names_the_first()
    {
        var rule = Rule(r => r with { ConditionIds = ["lumbar-spinal-stenosis", "spondylolisthesis"] });
        var c = Case.For(60, Sex.Male).Build();
        Assert.False(Applies(rule, c));
        Assert.False(Applies(rule, c, new HashSet<string>(["lumbar-disc-herniation"])));
        Assert.True(ExercisePlanner.Applies(rule, c, new HashSet<string>(["spondylolisthesis", "lumbar-spinal-stenosis"]), out var condition, out var finding));
        Assert.Equal("lumbar-spinal-stenosis", condition);
        Assert.Null(finding);
    }

    [Fact]
    public void A_finding_rule_applies_only_when_one_of_its_findings_is_present_and_names_it()
    {
        var rule = Rule(r => r with { FindingIds = ["osteoporosis", "long-term-corticosteroids"] });
        Assert.False(Applies(rule, Case.For(60, Sex.Male).Build()));
        Assert.False(Applies(rule, Case.For(60, Sex.Male).Absent("osteoporosis", "long-term-corticosteroids").Build()));
        Assert.True(ExercisePlanner.Applies(rule, Case.For(60, Sex.Male).Absent("osteoporosis").Present("long-term-corticosteroids").Build(), NoneLikely, out var condition, out var finding));
        Assert.Null(condition);
        Assert.Equal("long-term-corticosteroids", finding);
    }

    [Fact]
    public void A_pregnancy_rule_applies_in_pregnancy_unless_its_finding_is_stated_absent()
    {
        var rule = Rule(r => r with { Pregnant = true, UnlessAbsentFindingId = "pregnancy-late" });
        Assert.False(Applies(rule, Case.For(30, Sex.Female).Build()));
        Assert.True(Applies(rule, Case.For(30, Sex.Female).Pregnant().Build()));
        Assert.True(Applies(rule, Case.For(30, Sex.Female).Pregnant().Present("pregnancy-late").Build()));
        Assert.False(Applies(rule, Case.For(30, Sex.Female).Pregnant().Absent("pregnancy-late").Build()));
        Assert.True(ExercisePlanner.Applies(Rule(r => r with { Pregnant = true }), Case.For(30, Sex.Female).Pregnant().Absent("pregnancy-late").Build(), NoneLikely, out var condition, out var finding));
        Assert.Null(condition);
        Assert.Null(finding);
    }

    [Fact]
    public void An_excluded_exercise_says_which_likely_condition_finding_pregnancy_or_age_kept_it_out()
    {
        var disc = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("lumbar-disc-herniation", 0.9)));
        var byCondition = Assert.Single(disc.Excluded, x => x.ExerciseId == "knee-to-chest");
        Assert.Equal("no-flexion-in-disc-herniation", byCondition.RuleId);
        Assert.EndsWith($" (likely: {Kb.GetCondition("lumbar-disc-herniation").Name})", byCondition.Reason, StringComparison.Ordinal);
        Assert.StartsWith(Kb.Care.ContraindicationRules.Single(r => r.Id == "no-flexion-in-disc-herniation").Reason, byCondition.Reason, StringComparison.Ordinal);

        var surgery = Planner.Plan(Case.For(60, Sex.Male).Present("recent-hip-surgery").Build(), Triage(), Likely(("hip-osteoarthritis", 0.9)));
        var byFinding = surgery.Excluded.First(x => x.RuleId == "no-deep-flexion-after-hip-surgery");
        Assert.Equal("recent-hip-surgery", byFinding.FindingId);
        Assert.Null(byFinding.ConditionId);
        Assert.EndsWith($" ({Kb.GetFinding("recent-hip-surgery").Name})", byFinding.Reason, StringComparison.Ordinal);

        var pregnant = Planner.Plan(Case.For(30, Sex.Female).Pregnant().Build(), Triage(), Likely(("pregnancy-pelvic-girdle-pain", 1.0)));
        Assert.Contains(pregnant.Excluded, x => x.RuleId == "no-prone-in-pregnancy" && x.Reason.EndsWith(" (pregnancy)", StringComparison.Ordinal) && x.SourceKey == Kb.Care.ContraindicationRules.Single(r => r.Id == "no-prone-in-pregnancy").SourceKey);

        var older = Planner.Plan(Case.For(72, Sex.Female).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        Assert.Contains(older.Excluded, x => x.RuleId == "no-end-range-flexion-for-older-women" && x.Reason.EndsWith(" (age 72)", StringComparison.Ordinal) && x.ConditionId is null && x.FindingId is null);
    }

    [Fact]
    public void An_exercise_contraindication_applies_only_in_its_phases()
    {
        var acute = Planner.Plan(Case.For(30, Sex.Male).Present("duration-under-2-weeks").Build(), Triage(), Likely(("hip-flexor-strain", 1.0)));
        var kept = Assert.Single(acute.Excluded, x => x.ExerciseId == "kneeling-hip-flexor-stretch");
        Assert.Equal("hip-flexor-strain", kept.ConditionId);
        Assert.Null(kept.RuleId);
        Assert.Equal(Ex("kneeling-hip-flexor-stretch").Contraindications.Single().Reason, kept.Reason);
        var subacute = Planner.Plan(Case.For(30, Sex.Male).Present("duration-6-to-12-weeks").Build(), Triage(), Likely(("hip-flexor-strain", 1.0)));
        Assert.DoesNotContain(subacute.Excluded, x => x.ExerciseId == "kneeling-hip-flexor-stretch" && x.ConditionId == "hip-flexor-strain");
    }

    [Theory]
    [InlineData("duration-over-12-weeks", PainPhase.Chronic)]
    [InlineData("duration-6-to-12-weeks", PainPhase.Subacute)]
    [InlineData("duration-2-to-6-weeks", PainPhase.Acute)]
    [InlineData("duration-under-2-weeks", PainPhase.Acute)]
    public void The_phase_follows_the_duration(string duration, PainPhase phase) =>
        Assert.Equal(phase, ExercisePlanner.PhaseOf(Case.For(40, Sex.Male).Present(duration).Build()));

    [Fact]
    public void An_unanswered_duration_is_the_acute_phase_and_a_null_case_is_rejected()
    {
        Assert.Equal(PainPhase.Acute, ExercisePlanner.PhaseOf(Case.For(40, Sex.Male).Build()));
        Assert.Throws<ArgumentNullException>(() => ExercisePlanner.PhaseOf(null!));
    }

    [Fact]
    public void A_condition_exactly_at_the_threshold_is_likely_and_one_below_it_is_not()
    {
        var options = new PlannerOptions { Threshold = 0.25 };
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 0.5), ("lumbar-disc-herniation", 0.25), ("lumbar-spinal-stenosis", 0.2499)), options);
        Assert.Equal(["nonspecific-low-back-pain", "lumbar-disc-herniation"], plan.LikelyConditions);
        Assert.Contains(plan.Excluded, x => x.ConditionId == "lumbar-disc-herniation");
        Assert.DoesNotContain(plan.Excluded, x => x.ConditionId == "lumbar-spinal-stenosis");
    }

    [Fact]
    public void When_nothing_reaches_the_threshold_the_leading_condition_is_still_planned_for()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("lumbar-disc-herniation", 0.04), ("nonspecific-low-back-pain", 0.03)));
        Assert.Equal(["lumbar-disc-herniation"], plan.LikelyConditions);
        Assert.Contains(plan.Excluded, x => x.ConditionId == "lumbar-disc-herniation");
        var empty = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely());
        Assert.Empty(empty.LikelyConditions);
        Assert.Empty(empty.Exercises);
        Assert.Empty(empty.Progression);
    }

    [Fact]
    public void A_grouping_whose_children_together_reach_the_threshold_is_likely_for_its_advice_and_treatments()
    {
        // Each child of spinal-infection is below 5%; together they reach it, so advice written for the grouping applies.
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 0.9), ("spinal-epidural-abscess", 0.03), ("vertebral-osteomyelitis-discitis", 0.03)));
        Assert.Equal(["nonspecific-low-back-pain"], plan.LikelyConditions);
        var antibiotics = Assert.Single(plan.Treatments, t => t.Id == "antibiotics");
        Assert.Equal(["spinal-infection"], antibiotics.ForConditions);
        var alone = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 0.9), ("spinal-epidural-abscess", 0.03)));
        Assert.DoesNotContain(alone.Treatments, t => t.Id == "antibiotics");
    }

    [Fact]
    public void A_likely_child_brings_its_grouping_into_the_likely_set()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("spinal-epidural-abscess", 0.6), ("nonspecific-low-back-pain", 0.4)));
        Assert.Contains(plan.Treatments, t => t.Id == "antibiotics" && t.ForConditions.Contains("spinal-infection"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_zero_to_one_is_rejected(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)), new PlannerOptions { Threshold = threshold }));

    [Fact]
    public void A_threshold_of_one_and_zero_exercises_are_allowed_and_a_negative_count_and_nulls_are_rejected()
    {
        var c = Case.For(40, Sex.Male).Build();
        var d = Likely(("nonspecific-low-back-pain", 1.0));
        Assert.NotEmpty(Planner.Plan(c, Triage(), d, new PlannerOptions { Threshold = 1.0 }).Exercises);
        var none = Planner.Plan(c, Triage(), d, new PlannerOptions { MaxExercises = 0 });
        Assert.Empty(none.Exercises);
        Assert.Empty(none.Progression);
        Assert.Throws<ArgumentOutOfRangeException>(() => Planner.Plan(c, Triage(), d, new PlannerOptions { MaxExercises = -1 }));
        Assert.Throws<ArgumentNullException>(() => new ExercisePlanner(null!));
        Assert.Throws<ArgumentNullException>(() => Planner.Plan(null!, Triage(), d));
        Assert.Throws<ArgumentNullException>(() => Planner.Plan(c, null!, d));
        Assert.Throws<ArgumentNullException>(() => Planner.Plan(c, Triage(), null!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void The_session_holds_at_most_the_maximum_the_best_indicated_first_in_session_order(int max)
    {
        var c = Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build();
        var d = Likely(("nonspecific-low-back-pain", 0.6), ("hip-osteoarthritis", 0.4));
        var all = Planner.Plan(c, Triage(), d, new PlannerOptions { MaxExercises = 100 });
        var plan = Planner.Plan(c, Triage(), d, new PlannerOptions { MaxExercises = max });
        Assert.True(all.Exercises.Length > max);
        Assert.Equal(max, plan.Exercises.Length);
        Assert.Equal(Enumerable.Range(1, max), plan.Exercises.Select(p => p.Order));
        ExerciseCategory[] order = [ExerciseCategory.Mobility, ExerciseCategory.Stretch, ExerciseCategory.MotorControl, ExerciseCategory.Strength, ExerciseCategory.Aerobic];
        var positions = plan.Exercises.Select(p => Array.IndexOf(order, Ex(p.ExerciseId).Category)).ToList();
        Assert.Equal(positions.Order(), positions);

        double Score(string id) => Ex(id).Indications.Where(i => i.ConditionId is "nonspecific-low-back-pain" or "hip-osteoarthritis").Sum(i => i.ConditionId == "hip-osteoarthritis" ? 0.4 : 0.6);
        var worstChosen = plan.Exercises.Min(p => Score(p.ExerciseId));
        var left = all.Exercises.Where(p => plan.Exercises.All(x => x.ExerciseId != p.ExerciseId)).Select(p => Ex(p.ExerciseId)).ToList();
        Assert.All(left, e => Assert.True(Score(e.Id) <= worstChosen, e.Id));
        // Among equally indicated exercises the easier one, then the lower id, is chosen first.
        var tiedChosen = plan.Exercises.Select(p => Ex(p.ExerciseId)).Where(e => Score(e.Id) == worstChosen).ToList();
        Assert.All(left.Where(e => Score(e.Id) == worstChosen), e => Assert.All(tiedChosen, c =>
            Assert.True(c.Level < e.Level || (c.Level == e.Level && string.CompareOrdinal(c.Id, e.Id) < 0), $"{c.Id} before {e.Id}")));
        var sameCategory = plan.Exercises.Select(p => Ex(p.ExerciseId)).GroupBy(e => e.Category);
        Assert.All(sameCategory, g => Assert.Equal(g.Select(e => e.Id).Order(StringComparer.Ordinal), g.Select(e => e.Id)));
    }

    [Fact]
    public void A_planned_exercise_names_its_conditions_reason_dose_and_sources()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(), Likely(("hip-osteoarthritis", 1.0)));
        Assert.NotEmpty(plan.Exercises);
        Assert.All(plan.Exercises, p =>
        {
            var e = Ex(p.ExerciseId);
            Assert.Equal(e.Name, p.Name);
            Assert.Equal(e.Dose, p.Dose);
            Assert.Equal(["hip-osteoarthritis"], p.ForConditions);
            Assert.Equal($"Indicated for {Kb.GetCondition("hip-osteoarthritis").Name}.", p.Reason);
            var expected = e.Indications.Where(i => i.ConditionId == "hip-osteoarthritis").Select(i => i.SourceKey).Concat(e.SourceKeys).Distinct(StringComparer.Ordinal);
            Assert.Equal(expected, p.SourceKeys);
        });
    }

    [Fact]
    public void Indicated_exercises_outside_the_phase_are_listed_as_not_suited_yet()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Present("duration-under-2-weeks").Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        var notYet = plan.Excluded.Where(x => x.Reason == "Not suited to the acute phase yet.").ToList();
        Assert.NotEmpty(notYet);
        Assert.All(notYet, x => Assert.DoesNotContain(PainPhase.Acute, Ex(x.ExerciseId).Phases));
        Assert.Equal(plan.Excluded.Select(x => x.ExerciseId).Order(StringComparer.Ordinal), plan.Excluded.Select(x => x.ExerciseId));
    }

    [Fact]
    public void Progression_names_harder_versions_that_are_allowed()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)), new PlannerOptions { MaxExercises = 100 });
        Assert.Equal(["1-2", "3-4", "5-6"], plan.Progression.Select(s => s.Weeks));
        Assert.All(plan.Progression, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
        var withNext = plan.Exercises.Select(p => Ex(p.ExerciseId)).Where(e => e.ProgressionId is not null && plan.Excluded.All(x => x.ExerciseId != e.ProgressionId || x.RuleId is null && x.Reason.StartsWith("Not suited", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(withNext);
        Assert.StartsWith("Move on to harder versions: ", plan.Progression[2].Text, StringComparison.Ordinal);
        Assert.Contains($"{withNext[0].Name} → {Ex(withNext[0].ProgressionId!).Name}", plan.Progression[2].Text, StringComparison.Ordinal);

        var single = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)), new PlannerOptions { MaxExercises = 1 });
        if (Ex(single.Exercises[0].ExerciseId).ProgressionId is null)
        {
            Assert.Equal("Keep the session going at the higher dose; review with a physiotherapist if progress stalls.", single.Progression[2].Text);
        }
    }

    [Fact]
    public void Advice_says_whom_it_is_for()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("kidney-stone", 0.9), ("nonspecific-low-back-pain", 0.1)));
        Assert.Equal($"For {Kb.GetCondition("kidney-stone").Name}.", Assert.Single(plan.SelfCare, s => s.Id == "hydration").Reason);
        Assert.Equal("For the likely causes of your pain.", Assert.Single(plan.SelfCare, s => s.Id == "keep-moving").Reason);
        Assert.DoesNotContain(plan.SelfCare, s => s.Id == "pregnancy-safe-activity");
    }

    [Fact]
    public void Treatments_list_the_strongest_support_first_and_say_what_each_guideline_says()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("lumbar-spinal-stenosis", 1.0)));
        var epidural = Assert.Single(plan.Treatments, t => t.Id == "epidural-steroid-injection");
        Assert.Equal(["lumbar-spinal-stenosis"], epidural.ForConditions);
        var stance = Assert.Single(epidural.Stances);
        Assert.Equal(GuidelineStance.DoNotOffer, stance.Stance);
        Assert.StartsWith($"Mentioned for {Kb.GetCondition("lumbar-spinal-stenosis").Name}; discuss it with a clinician. What guidelines say: {stance.Jurisdiction}: do not offer — ", epidural.Reason, StringComparison.Ordinal);
        var orders = plan.Treatments.Select(t => t.Stances.Min(x => x.Stance switch { GuidelineStance.Recommend => 0, GuidelineStance.Consider => 1, GuidelineStance.NoGuideline => 2, _ => 3 })).ToList();
        Assert.Equal(orders.Order(), orders);
        Assert.All(plan.Treatments, t => Assert.Equal(t.Stances.OrderBy(x => x.Stance switch { GuidelineStance.Recommend => 0, GuidelineStance.Consider => 1, GuidelineStance.NoGuideline => 2, _ => 3 }), t.Stances));

        var nsLbp = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        var acupuncture = Assert.Single(nsLbp.Treatments, t => t.Id == "acupuncture");
        Assert.Contains(": recommend — ", acupuncture.Reason, StringComparison.Ordinal);
        Assert.Contains(": do not offer — ", acupuncture.Reason, StringComparison.Ordinal);
        var acuStances = acupuncture.Stances;
        Assert.Equal([GuidelineStance.Recommend, GuidelineStance.DoNotOffer], acuStances.Select(x => x.Stance));
        Assert.Equal(
            $"Mentioned for {Kb.GetCondition("nonspecific-low-back-pain").Name}; discuss it with a clinician. What guidelines say: {acuStances[0].Jurisdiction}: recommend — {acuStances[0].Scope}. {acuStances[1].Jurisdiction}: do not offer — {acuStances[1].Scope}.",
            acupuncture.Reason);
        Assert.Equal(nsLbp.Treatments.Select(t => t.Id), nsLbp.Treatments
            .OrderBy(t => t.Stances.Min(x => x.Stance switch { GuidelineStance.Recommend => 0, GuidelineStance.Consider => 1, GuidelineStance.NoGuideline => 2, _ => 3 }))
            .ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Id));
        var massage = Assert.Single(nsLbp.Treatments, t => t.Id == "massage");
        Assert.Contains(": consider — ", massage.Reason, StringComparison.Ordinal);
        var stone = Assert.Single(Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("kidney-stone", 1.0))).Treatments, t => t.Id == "stone-treatment");
        Assert.EndsWith("What guidelines say: No guideline position — " + stone.Stances.Single().Scope + ".", stone.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_treatment_for_two_likely_conditions_names_both_and_a_guideline_without_a_position_says_so()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("lumbar-disc-herniation", 0.6), ("hip-osteoarthritis", 0.4)));
        var nsaids = Assert.Single(plan.Treatments, t => t.Id == "prescription-anti-inflammatories");
        Assert.Equal(["lumbar-disc-herniation", "hip-osteoarthritis"], nsaids.ForConditions);
        Assert.StartsWith($"Mentioned for {Kb.GetCondition("lumbar-disc-herniation").Name}, {Kb.GetCondition("hip-osteoarthritis").Name}; ", nsaids.Reason, StringComparison.Ordinal);
        var nice = nsaids.Stances.Single(x => x.Stance == GuidelineStance.NoGuideline && x.Jurisdiction is not null);
        Assert.Contains($"{nice.Jurisdiction}: no recommendation — {nice.Scope}.", nsaids.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grouping_exactly_at_the_threshold_is_likely()
    {
        var (a, b) = (0.03, 0.02);
        var options = new PlannerOptions { Threshold = a + b };
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 0.9), ("spinal-epidural-abscess", a), ("vertebral-osteomyelitis-discitis", b)), options);
        Assert.Contains(plan.Treatments, t => t.Id == "antibiotics");
        var above = options with { Threshold = Math.BitIncrement(a + b) };
        Assert.DoesNotContain(Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 0.9), ("spinal-epidural-abscess", a), ("vertebral-osteomyelitis-discitis", b)), above).Treatments, t => t.Id == "antibiotics");
    }

    private static ExercisePlanner PlannerWith(Action<JsonArray> editContraindications)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Exercises])!;
        var exercise = node["exercises"]!.AsArray().Single(e => (string?)e!["id"] == "walking-programme")!;
        var list = new JsonArray();
        editContraindications(list);
        exercise["contraindications"] = list;
        return new ExercisePlanner(KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Exercises, node.ToJsonString())));
    }

    private static JsonObject Contra(string key, JsonNode value) => new()
    {
        [key] = value, ["reason"] = "Probe reason.", ["source"] = "NICE-NG59", ["grade"] = "estimate", ["rationale"] = "A probe for the planner's own contraindications.",
    };

    [Fact]
    public void An_exercise_contraindicated_by_a_present_finding_or_by_pregnancy_is_kept_out()
    {
        var byFinding = PlannerWith(l => l.Add(Contra("finding", "recent-hip-surgery")));
        var d = Likely(("nonspecific-low-back-pain", 1.0));
        var x = Assert.Single(byFinding.Plan(Case.For(40, Sex.Male).Present("recent-hip-surgery").Build(), Triage(), d).Excluded, e => e.ExerciseId == "walking-programme");
        Assert.Equal("recent-hip-surgery", x.FindingId);
        Assert.Equal("Probe reason.", x.Reason);
        Assert.Equal("NICE-NG59", x.SourceKey);
        Assert.Contains(byFinding.Plan(Case.For(40, Sex.Male).Absent("recent-hip-surgery").Build(), Triage(), d, new PlannerOptions { MaxExercises = 100 }).Exercises, p => p.ExerciseId == "walking-programme");

        var byPregnancy = PlannerWith(l => l.Add(Contra("pregnant", true)));
        Assert.Contains(byPregnancy.Plan(Case.For(30, Sex.Female).Pregnant().Build(), Triage(), d).Excluded, e => e.ExerciseId == "walking-programme" && e.Reason == "Probe reason.");
        Assert.Contains(byPregnancy.Plan(Case.For(30, Sex.Female).Build(), Triage(), d, new PlannerOptions { MaxExercises = 100 }).Exercises, p => p.ExerciseId == "walking-programme");
    }

    [Theory]
    [InlineData(TriageLevel.Consultation24, Clinician.Gp, "Do not start an exercise programme until a doctor has seen you; rest as comfort allows and keep this appointment within 24 hours.")]
    [InlineData(TriageLevel.Emergency, Clinician.EmergencyDepartment, "Do not wait and do not start any exercises: get help now as described above.")]
    [InlineData(TriageLevel.EmergencyAmbulance, Clinician.EmergencyDepartment, "Do not wait and do not start any exercises: get help now as described above.")]
    public void Urgent_triage_says_what_to_do_now_and_refers_to_the_right_place(TriageLevel level, Clinician clinician, string last)
    {
        var triage = Triage(level, Fired("Go now.", level)) with { Escalations = ["raised"], SeriousConditionsNotExcluded = ["cauda-equina-syndrome", "not-a-condition"] };
        var plan = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), triage, Likely(("nonspecific-low-back-pain", 1.0)));
        // The escalation is told by the serious conditions' names (unknown ids dropped), not by its rationale.
        var escalated = DisplayText.Default.Phrase("doNowEscalated").Replace("{conditions}", Kb.GetCondition("cauda-equina-syndrome").Name, StringComparison.Ordinal);
        Assert.Equal(["Go now.", escalated, last], plan.DoNow);
        Assert.Equal(level, plan.TriageLevel);
        Assert.Equal(PainPhase.Chronic, plan.Phase);
        Assert.Equal(["nonspecific-low-back-pain"], plan.LikelyConditions);
        Assert.Empty(plan.Progression);
        Assert.Empty(plan.StopRules);
        var referral = Assert.Single(plan.Referrals);
        Assert.Equal(clinician, referral.Clinician);
        Assert.Equal($"Because of the warning signs above; possible {Kb.GetCondition("cauda-equina-syndrome").Name}, not-a-condition.", referral.Reason);
        var none = DisplayText.Default.Phrase("noExerciseAtLevel").Replace("{level}", DisplayText.Default.TriageLabel(level), StringComparison.Ordinal);
        Assert.All(plan.Excluded, x => Assert.Equal(none, x.Reason));
    }

    [Fact]
    public void Urgent_triage_without_serious_conditions_refers_because_of_the_warning_signs()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(TriageLevel.Consultation24), Likely(("kidney-stone", 1.0)));
        Assert.Equal("Because of the warning signs above.", Assert.Single(plan.Referrals).Reason);
    }

    [Fact]
    public void A_consultation_triage_books_an_appointment_with_the_rule_messages_and_still_plans_exercise()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(TriageLevel.Consultation, Fired("See a doctor about the night pain.", TriageLevel.Consultation)), Likely(("nonspecific-low-back-pain", 1.0)));
        Assert.NotEmpty(plan.Exercises);
        Assert.Equal(["See a doctor about the night pain."], plan.DoNow);
        var gp = Assert.Single(plan.Referrals, r => r.Clinician == Clinician.Gp);
        Assert.Equal("Book an appointment: See a doctor about the night pain.", gp.Reason);
        Assert.Equal(TriageLevel.Consultation, gp.Urgency);

        var selfCare = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        Assert.Empty(selfCare.DoNow);
        Assert.Equal("See a doctor if the pain lasts more than two weeks, gets worse, or new symptoms appear.", Assert.Single(selfCare.Referrals, r => r.Clinician == Clinician.Gp).Reason);
    }

    [Fact]
    public void The_usual_specialist_of_the_leading_condition_is_suggested_once_with_its_source()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("axial-spondyloarthritis", 0.7), ("nonspecific-low-back-pain", 0.3)));
        var rheum = Assert.Single(plan.Referrals, r => r.Clinician == Clinician.Rheumatologist);
        Assert.Equal($"The usual specialist for {Kb.GetCondition("axial-spondyloarthritis").Name}; a referral usually comes through your doctor.", rheum.Reason);
        Assert.Equal([Kb.Care.Referrals.First(r => r.Reason is null && r.ConditionIds.Contains("axial-spondyloarthritis")).SourceKey], rheum.SourceKeys);
        Assert.Equal(TriageLevel.Consultation, rheum.Urgency);
        Assert.Equal(plan.Referrals.Length, plan.Referrals.Select(r => r.Clinician).Distinct().Count());
    }

    [Fact]
    public void A_phase_bound_referral_appears_only_in_its_phase()
    {
        var chronic = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        var pain = Assert.Single(chronic.Referrals, r => r.Clinician == Clinician.PainSpecialist);
        Assert.Equal(Kb.Care.Referrals.Single(r => r.Clinician == Clinician.PainSpecialist && r.Reason is not null).Reason, pain.Reason);
        var acute = Planner.Plan(Case.For(40, Sex.Male).Present("duration-under-2-weeks").Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        Assert.DoesNotContain(acute.Referrals, r => r.Clinician == Clinician.PainSpecialist);
        Assert.Contains(acute.Referrals, r => r.Clinician == Clinician.MentalHealthProfessional);
    }

    private static StartBackResponses StartBack(int physical, int psychological, Bothersomeness bother) => new()
    {
        ReferredLegPain = physical > 0, ComorbidPain = physical > 1, WalksShortDistances = physical > 2, DressesSlowly = physical > 3,
        Fear = psychological > 0, Anxiety = psychological > 1, Catastrophising = psychological > 2, LowMood = psychological > 3, Bothersomeness = bother,
    };

    [Theory]
    [InlineData(3, 0, Bothersomeness.Moderately, "low risk (STarT Back): advice, reassurance and self-management", null)]
    [InlineData(2, 1, Bothersomeness.VeryMuch, "medium risk (STarT Back): physiotherapy", "STarT Back medium risk: a course of physiotherapy is recommended (stratified care; S60, S58b).")]
    [InlineData(0, 3, Bothersomeness.Extremely, "high risk (STarT Back): psychologically informed physiotherapy", "STarT Back high risk: physiotherapy with a psychologically informed approach is recommended (stratified care; S60, S58b).")]
    public void Start_back_risk_stratifies_care(int physical, int psychological, Bothersomeness bother, string stratification, string? physio)
    {
        var c = Case.For(40, Sex.Male).Build().WithInstruments(new InstrumentResponses { StartBack = StartBack(physical, psychological, bother) });
        var plan = Planner.Plan(c, Triage(), Likely(("lumbar-spinal-stenosis", 1.0)));
        Assert.Equal(stratification, plan.Stratification);
        var referrals = plan.Referrals.Where(r => r.Clinician == Clinician.Physiotherapist).Select(r => r.Reason).ToList();
        Assert.Equal(physio is null ? [] : [physio], referrals);
    }

    [Fact]
    public void No_or_incomplete_start_back_answers_give_no_stratification()
    {
        Assert.Null(Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0))).Stratification);
        var incomplete = Case.For(40, Sex.Male).Build().WithInstruments(new InstrumentResponses { StartBack = StartBack(1, 1, Bothersomeness.Slightly) with { Fear = null } });
        Assert.Null(Planner.Plan(incomplete, Triage(), Likely(("nonspecific-low-back-pain", 1.0))).Stratification);
    }

    [Fact]
    public void Pregnancy_warning_signs_are_stop_rules_only_in_pregnancy()
    {
        var pregnancyRules = Kb.Care.StopRules.Where(r => r.Pregnant).Select(r => r.Id).ToList();
        Assert.NotEmpty(pregnancyRules);
        var pregnant = Planner.Plan(Case.For(30, Sex.Female).Pregnant().Build(), Triage(), Likely(("pregnancy-pelvic-girdle-pain", 1.0)));
        Assert.Equal(Kb.Care.StopRules.Select(r => r.Id), pregnant.StopRules.Select(r => r.Id));
        var other = Planner.Plan(Case.For(30, Sex.Female).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)));
        Assert.Equal(Kb.Care.StopRules.Where(r => !r.Pregnant).Select(r => r.Id), other.StopRules.Select(r => r.Id));
    }

    [Fact]
    public void Every_planned_exercise_is_allowed_in_phase_indicated_and_within_the_dose_limit() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var differential = new DifferentialEngine(Kb).Score(c);
            var plan = Planner.Plan(c, Triage(), differential, new PlannerOptions { MaxExercises = 4 });
            var phase = ExercisePlanner.PhaseOf(c);
            return plan.Exercises.Length <= 4
                && plan.Exercises.All(p => Ex(p.ExerciseId).Phases.Contains(phase) && p.ForConditions.Length > 0 && plan.Excluded.All(x => x.ExerciseId != p.ExerciseId))
                && plan.Exercises.Select(p => p.Order).SequenceEqual(Enumerable.Range(1, plan.Exercises.Length))
                && (plan.Exercises.IsEmpty == plan.Progression.IsEmpty);
        }), maxTest: 100);
}
