using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Exercises;

public sealed class ExerciseCatalogTests
{
    private static ExerciseCatalog Catalog => KnowledgeBase.Default.Care.Catalog;

    [Fact]
    public void Catalog_has_at_least_30_exercises_including_the_seed_stretches_and_staples()
    {
        Assert.True(Catalog.Exercises.Length >= 30, $"{Catalog.Exercises.Length} exercises");
        string[] required = ["knee-to-chest", "seated-piriformis-stretch", "cat-camel", "childs-pose", "seated-hamstring-stretch", "prone-press-up", "glute-bridge", "clamshell", "pigeon-pose",
            "pelvic-tilt", "bird-dog", "dead-bug", "side-plank", "curl-up", "kneeling-hip-flexor-stretch", "standing-hip-abduction", "sit-to-stand", "walking-programme"];
        Assert.All(required, id => Catalog.Get(id));
    }

    [Theory]
    [InlineData("knee-to-chest", 20, true)]
    [InlineData("seated-piriformis-stretch", 20, true)]
    [InlineData("childs-pose", 20, false)]
    [InlineData("prone-press-up", 30, false)]
    public void Seed_hold_times_are_kept(string id, int seconds, bool eachSide)
    {
        var dose = Catalog.Get(id).Dose;
        Assert.Equal(DoseType.Hold, dose.Type);
        Assert.True(dose.HoldSeconds >= seconds);
        Assert.Equal(eachSide, dose.EachSide);
    }

    [Theory]
    [InlineData("cat-camel", 5, 10)]
    [InlineData("glute-bridge", 5, 30)]
    [InlineData("clamshell", 5, 30)]
    public void Seed_hold_ranges_are_kept(string id, int min, int max) =>
        Assert.InRange(Catalog.Get(id).Dose.HoldSeconds!.Value, min, max);

    [Fact]
    public void Every_exercise_has_complete_instructions_dosage_sources_and_licence() =>
        Assert.All(Catalog.Exercises, e =>
        {
            Assert.True(e.Instructions.Length >= 2, e.Id);
            Assert.All(e.Instructions, s => Assert.False(string.IsNullOrWhiteSpace(s)));
            Assert.False(string.IsNullOrWhiteSpace(e.Dose.ToString()));
            Assert.NotEmpty(e.PrimaryMuscles);
            Assert.NotEmpty(e.Phases);
            Assert.NotEmpty(e.Indications);
            Assert.NotEmpty(e.SourceKeys);
            Assert.False(string.IsNullOrWhiteSpace(e.Licence));
            Assert.All(e.Indications, i => Assert.True(KnowledgeBase.Default.Sources.ContainsKey(i.SourceKey)));
        });

    [Fact]
    public void Query_filters_by_category_position_muscle_equipment_level_and_tags()
    {
        var stretches = Catalog.Query(new ExerciseQuery { Category = ExerciseCategory.Stretch, WithoutTags = [LoadTag.SpinalFlexion] });
        Assert.NotEmpty(stretches);
        Assert.All(stretches, e => Assert.True(e.Category == ExerciseCategory.Stretch && !e.LoadTags.Contains(LoadTag.SpinalFlexion)));
        var medius = Catalog.Query(new ExerciseQuery { Muscle = Muscle.GluteusMedius, Position = BodyPosition.SideLying, MaxLevel = ExerciseLevel.Beginner });
        Assert.Contains(medius, e => e.Id == "clamshell");
        Assert.DoesNotContain(medius, e => e.Level > ExerciseLevel.Beginner);
        var chair = Catalog.Query(new ExerciseQuery { Equipment = Equipment.Chair, IndicatedFor = "hip-osteoarthritis" });
        Assert.Contains(chair, e => e.Id == "sit-to-stand");
        Assert.All(Catalog.Query(new ExerciseQuery { WithTags = [LoadTag.SpinalExtension] }), e => Assert.Contains(LoadTag.SpinalExtension, e.LoadTags));
    }

    private static BackHipValidationException LoadFails(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Exercises])!;
        edit(node);
        return Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Exercises, node.ToJsonString())));
    }

    [Fact]
    public void Unknown_condition_in_an_indication_is_rejected_with_the_exercise_id() =>
        Assert.Contains(LoadFails(n => n["exercises"]![0]!["indications"]![0]!["condition"] = "tennis-elbow").Problems, p => p.Code == "dangling-reference" && p.Id == "knee-to-chest");

    [Fact]
    public void Empty_instructions_are_rejected_with_the_exercise_id() =>
        Assert.Contains(LoadFails(n => n["exercises"]![2]!["instructions"] = new JsonArray()).Problems, p => p.Code == "empty-instructions" && p.Id == "seated-piriformis-stretch");

    [Fact]
    public void Zero_dosage_is_rejected_with_the_exercise_id() =>
        Assert.Contains(LoadFails(n => n["exercises"]![0]!["dose"]!["holdSeconds"] = 0).Problems, p => p.Code == "zero-dosage" && p.Id == "knee-to-chest" && p.Path == "$.exercises[0].dose.holdSeconds");

    [Fact]
    public void Dangling_progression_is_rejected() =>
        Assert.Contains(LoadFails(n => n["exercises"]![0]!["progression"] = "moon-walk").Problems, p => p.Code == "dangling-reference" && p.Id == "knee-to-chest");
}

public sealed class ExercisePlannerTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly ExercisePlanner Planner = new(Kb);

    private static RankedDifferential Likely(params (string Id, double P)[] conditions) => new()
    {
        Ranked = [.. conditions.Select(c => new RankedCondition { ConditionId = c.Id, Probability = c.P, Prior = c.P, LogOdds = 0, Contributions = [] })],
        NotApplicable = [],
    };

    private static TriageResult Triage(TriageLevel level = TriageLevel.SelfCare) => new() { Level = level, FiredRules = [], SeriousConditionsNotExcluded = [], OpenQuestions = [] };

    private static CarePlan PlanFor(Case c, params (string Id, double P)[] conditions) => Planner.Plan(c, Triage(), Likely(conditions));

    private static Exercise Ex(string id) => Kb.Care.Catalog.Get(id);

    [Fact]
    public void Disc_herniation_gets_no_forward_bending()
    {
        var plan = PlanFor(Case.For(40, Sex.Male).Build(), ("lumbar-disc-herniation", 0.7), ("nonspecific-low-back-pain", 0.3));
        Assert.NotEmpty(plan.Exercises);
        Assert.DoesNotContain(plan.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.SpinalFlexion));
        Assert.Contains(plan.Excluded, x => x.ExerciseId == "knee-to-chest" && x.ConditionId == "lumbar-disc-herniation" && x.SourceKey == "001_691c1fa0f35887de.txt");
    }

    [Theory]
    [InlineData("lumbar-spinal-stenosis")]
    [InlineData("spondylolisthesis")]
    [InlineData("lumbar-facet-osteoarthritis")]
    public void Stenosis_spondylolisthesis_and_facet_pain_get_no_extension(string condition)
    {
        var plan = PlanFor(Case.For(68, Sex.Female).Build(), (condition, 0.6), ("nonspecific-low-back-pain", 0.4));
        Assert.DoesNotContain(plan.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.SpinalExtension));
        Assert.Contains(plan.Excluded, x => x.ExerciseId == "prone-press-up" && x.ConditionId == condition);
    }

    [Fact]
    public void Fai_and_recent_hip_surgery_get_no_deep_hip_flexion()
    {
        var fai = PlanFor(Case.For(28, Sex.Female).Build(), ("femoroacetabular-impingement", 0.8), ("hip-flexor-strain", 0.2));
        Assert.DoesNotContain(fai.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.DeepHipFlexion));
        var surgery = PlanFor(Case.For(70, Sex.Female).Present("recent-hip-surgery").Build(), ("hip-osteoarthritis", 0.9), ("piriformis-syndrome", 0.1));
        Assert.DoesNotContain(surgery.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.DeepHipFlexion));
        Assert.Contains(surgery.Excluded, x => x.FindingId == "recent-hip-surgery");
    }

    [Fact]
    public void Pregnancy_gets_no_prone_and_no_supine_unless_late_pregnancy_is_ruled_out()
    {
        var pregnant = Case.For(30, Sex.Female).Pregnant().Build();
        var plan = PlanFor(pregnant, ("pregnancy-pelvic-girdle-pain", 1.0));
        Assert.NotEmpty(plan.Exercises);
        Assert.DoesNotContain(plan.Exercises, p => Ex(p.ExerciseId).Position is BodyPosition.Prone or BodyPosition.Supine);
        var early = PlanFor(Case.For(30, Sex.Female).Pregnant().Absent("pregnancy-late").Build(), ("pregnancy-pelvic-girdle-pain", 1.0));
        Assert.DoesNotContain(early.Exercises, p => Ex(p.ExerciseId).Position == BodyPosition.Prone);
        Assert.Contains(early.Exercises, p => Ex(p.ExerciseId).Position == BodyPosition.Supine);
    }

    [Fact]
    public void Likely_vertebral_fracture_gets_no_loaded_flexion() =>
        Assert.Contains(PlanFor(Case.For(75, Sex.Female).Present("duration-over-12-weeks").Build(), ("osteoporotic-vertebral-fracture", 0.1), ("nonspecific-low-back-pain", 0.9)).Excluded,
            x => x.ExerciseId == "curl-up" && x.ConditionId == "osteoporotic-vertebral-fracture");

    [Theory]
    [InlineData(TriageLevel.Consultation24)]
    [InlineData(TriageLevel.Emergency)]
    [InlineData(TriageLevel.EmergencyAmbulance)]
    public void Urgent_triage_plans_only_what_to_do_now(TriageLevel level)
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(level), Likely(("nonspecific-low-back-pain", 1.0)));
        Assert.Empty(plan.Exercises);
        Assert.Empty(plan.SelfCare);
        Assert.Empty(plan.Treatments);
        Assert.NotEmpty(plan.DoNow);
        Assert.Equal(level, Assert.Single(plan.Referrals).Urgency);
        Assert.Equal(Kb.Care.Catalog.Exercises.Length, plan.Excluded.Length);
    }

    [Fact]
    public void Plan_items_say_why_and_cite_sources_and_follow_the_phase()
    {
        var acute = PlanFor(Case.For(40, Sex.Male).Present("duration-under-2-weeks").Build(), ("nonspecific-low-back-pain", 0.6), ("lumbar-muscle-strain", 0.4));
        Assert.Equal(PainPhase.Acute, acute.Phase);
        Assert.InRange(acute.Exercises.Length, 1, PlannerOptions.Default.MaxExercises);
        Assert.All(acute.Exercises, p => { Assert.False(string.IsNullOrWhiteSpace(p.Reason)); Assert.NotEmpty(p.SourceKeys); Assert.Contains(PainPhase.Acute, Ex(p.ExerciseId).Phases); });
        Assert.Equal(Enumerable.Range(1, acute.Exercises.Length), acute.Exercises.Select(p => p.Order));
        Assert.NotEmpty(acute.SelfCare);
        Assert.All(acute.SelfCare, s => Assert.NotEmpty(s.SourceKeys));
        Assert.NotEmpty(acute.StopRules);
        Assert.Equal(3, acute.Progression.Length);
        Assert.Contains(acute.Referrals, r => r.Clinician == Clinician.Gp);
        var chronic = PlanFor(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), ("nonspecific-low-back-pain", 1.0));
        Assert.Equal(PainPhase.Chronic, chronic.Phase);
    }

    [Fact]
    public void Kidney_stone_gets_hydration_and_urology_but_no_exercise()
    {
        var plan = PlanFor(Case.For(40, Sex.Male).Build(), ("kidney-stone", 0.9), ("nonspecific-low-back-pain", 0.1));
        Assert.Contains(plan.SelfCare, s => s.Id == "hydration");
        Assert.Contains(plan.Treatments, t => t.Id == "stone-treatment");
        Assert.Contains(plan.Referrals, r => r.Clinician == Clinician.Urologist);
    }

    [Fact]
    public void Contraindicated_exercises_are_never_planned_for_likely_conditions() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var differential = new DifferentialEngine(Kb).Score(c);
            var triage = new RedFlagEvaluator(Kb).Evaluate(c) with { Level = TriageLevel.SelfCare };
            var plan = Planner.Plan(c, triage, differential);
            var likely = differential.Ranked.Where(r => r.Probability >= PlannerOptions.Default.Threshold).Select(r => r.ConditionId).ToHashSet();
            foreach (var planned in plan.Exercises)
            {
                var e = Ex(planned.ExerciseId);
                foreach (var rule in Kb.Care.ContraindicationRules)
                {
                    var hits = (rule.ExcludesTag is { } t && e.LoadTags.Contains(t)) || (rule.ExcludesPosition is { } p && e.Position == p);
                    var gated = (rule.MinAge is null || c.Profile.Age >= rule.MinAge) && (rule.MaxAge is null || c.Profile.Age <= rule.MaxAge)
                        && (rule.Sex is null || c.Profile.Sex == rule.Sex) && !rule.UnlessPresentFindingIds.Any(f => c.StateOf(f) == EvidenceState.Present);
                    var triggerless = rule.ConditionIds.IsEmpty && rule.FindingIds.IsEmpty && !rule.Pregnant;
                    var applies = gated && (triggerless || rule.ConditionIds.Any(likely.Contains) || rule.FindingIds.Any(f => c.StateOf(f) == EvidenceState.Present)
                        || (rule.Pregnant && c.Profile.IsPregnant && (rule.UnlessAbsentFindingId is null || c.StateOf(rule.UnlessAbsentFindingId) != EvidenceState.Absent)));
                    if (hits && applies)
                    {
                        return false;
                    }
                }
            }

            return plan.Exercises.All(p => !plan.Excluded.Any(x => x.ExerciseId == p.ExerciseId));
        }), maxTest: 150);

    [Fact]
    public void Urgent_triage_never_yields_exercises_and_plans_are_deterministic() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var differential = new DifferentialEngine(Kb).Score(c);
            var triage = TriageCombiner.Combine(new RedFlagEvaluator(Kb).Evaluate(c), differential, Kb);
            var a = Planner.Plan(c, triage, differential);
            var b = Planner.Plan(Generators.Shuffle(c, 7), triage, differential);
            return (triage.Level < TriageLevel.Consultation24 || a.Exercises.IsEmpty)
                && a.Exercises.Select(p => p.ExerciseId).SequenceEqual(b.Exercises.Select(p => p.ExerciseId))
                && a.Excluded.Select(x => x.ExerciseId).SequenceEqual(b.Excluded.Select(x => x.ExerciseId));
        }), maxTest: 150);

    [Fact]
    public void Invalid_options_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(), Likely(("nonspecific-low-back-pain", 1.0)), new PlannerOptions { Threshold = 0 }));
}
