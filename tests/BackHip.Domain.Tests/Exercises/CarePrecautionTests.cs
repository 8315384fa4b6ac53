using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Exercises;

/// <summary>The precautions that protect fragile bones, new hips, gluteal tendons, fresh strains and young growth plates.</summary>
public sealed class CarePrecautionTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly ExercisePlanner Planner = new(Kb);

    private static readonly string[] ApproachFindings =
        ["hip-replacement-posterior-approach", "hip-replacement-anterior-approach", "hip-replacement-lateral-approach", "hip-replacement-approach-unknown"];

    private static readonly string[] YoungPainSites = ["pain-hip", "pain-groin", "pain-thigh", "pain-lateral-hip", "pain-knee"];

    internal static RankedDifferential Likely(params (string Id, double P)[] conditions) => new()
    {
        Ranked = [.. conditions.Select(c => new RankedCondition { ConditionId = c.Id, Probability = c.P, Prior = c.P, LogOdds = 0, Contributions = [] })],
        NotApplicable = [],
    };

    internal static TriageResult SelfCare() => new() { Level = TriageLevel.SelfCare, FiredRules = [], SeriousConditionsNotExcluded = [], OpenQuestions = [] };

    private static CarePlan PlanFor(Case c, params (string Id, double P)[] conditions) => Planner.Plan(c, SelfCare(), Likely(conditions));

    private static Exercise Ex(string id) => Kb.Care.Catalog.Get(id);

    private static void AssertExcluded(CarePlan plan, string exerciseId, string ruleOrSource, string reasonFragment)
    {
        Assert.DoesNotContain(plan.Exercises, p => p.ExerciseId == exerciseId);
        var x = Assert.Single(plan.Excluded, x => x.ExerciseId == exerciseId);
        Assert.True(x.RuleId == ruleOrSource || x.SourceKey == ruleOrSource, $"{exerciseId} was excluded by {x.RuleId ?? x.SourceKey}: {x.Reason}");
        Assert.Contains(reasonFragment, x.Reason, StringComparison.Ordinal);
    }

    private static readonly (string, double)[] BackPain = [("nonspecific-low-back-pain", 0.6), ("lumbar-muscle-strain", 0.4)];

    [Theory]
    [InlineData("osteoporosis")]
    [InlineData("long-term-corticosteroids")]
    public void Fragile_bones_get_no_end_range_flexion_or_rotation(string finding)
    {
        var baseline = PlanFor(Case.For(60, Sex.Female).Build(), BackPain);
        Assert.Contains(baseline.Exercises, p => p.ExerciseId is "knee-to-chest" or "cat-camel" or "lower-trunk-rotation");
        var plan = PlanFor(Case.For(60, Sex.Female).Present(finding).Build(), BackPain);
        foreach (var id in new[] { "knee-to-chest", "double-knee-to-chest", "cat-camel", "childs-pose", "seated-hamstring-stretch", "curl-up" })
        {
            AssertExcluded(plan, id, "no-end-range-flexion-with-fragile-bones", "fragile bones");
        }

        AssertExcluded(plan, "lower-trunk-rotation", "no-end-range-rotation-with-fragile-bones", "twisting");
        Assert.NotEmpty(plan.Exercises);
        Assert.Equal("BrookeWavell2022", plan.Excluded.Single(x => x.ExerciseId == "cat-camel").SourceKey);
    }

    [Fact]
    public void Women_over_70_get_the_fragile_bone_precautions_by_age_and_younger_women_and_men_do_not()
    {
        var older = PlanFor(Case.For(75, Sex.Female).Build(), BackPain);
        AssertExcluded(older, "knee-to-chest", "no-end-range-flexion-for-older-women", "(age 75)");
        AssertExcluded(older, "lower-trunk-rotation", "no-end-range-rotation-for-older-women", "twisting");
        Assert.DoesNotContain(PlanFor(Case.For(70, Sex.Female).Build(), BackPain).Excluded, x => x.RuleId?.EndsWith("for-older-women", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(PlanFor(Case.For(75, Sex.Male).Build(), BackPain).Excluded, x => x.RuleId?.EndsWith("for-older-women", StringComparison.Ordinal) == true);
    }

    private static readonly (string, double)[] HipPain = [("hip-osteoarthritis", 0.5), ("piriformis-syndrome", 0.3), ("nonspecific-low-back-pain", 0.2)];

    [Fact]
    public void Posterior_hip_replacement_gets_no_deep_flexion_crossing_or_inward_turning()
    {
        var plan = PlanFor(Case.For(70, Sex.Male).Present("hip-replacement-posterior-approach", "duration-over-12-weeks").Build(), HipPain);
        AssertExcluded(plan, "knee-to-chest", "posterior-hip-replacement-no-deep-flexion", "past a right angle");
        AssertExcluded(plan, "seated-piriformis-stretch", "posterior-hip-replacement-no-deep-flexion", "from the back");
        AssertExcluded(plan, "lower-trunk-rotation", "posterior-hip-replacement-no-adduction", "crossing the leg");
        var inward = Kb.Care.ContraindicationRules.Single(r => r.Id == "posterior-hip-replacement-no-internal-rotation");
        Assert.True(ExercisePlanner.Applies(inward, Case.For(70, Sex.Male).Present("hip-replacement-posterior-approach").Build(), new HashSet<string>(), out _, out var finding));
        Assert.Equal("hip-replacement-posterior-approach", finding);
        Assert.DoesNotContain(plan.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.HipInternalRotation));
        Assert.Contains(plan.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.HipAbduction));
        Assert.DoesNotContain(plan.Excluded, x => x.RuleId?.StartsWith("hip-replacement-unknown-approach", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Anterior_hip_replacement_gets_no_extension_but_keeps_hip_flexion()
    {
        var plan = PlanFor(Case.For(65, Sex.Female).Present("hip-replacement-anterior-approach", "duration-over-12-weeks").Build(), ("hip-flexor-strain", 0.5), ("sacroiliac-joint-dysfunction", 0.5));
        AssertExcluded(plan, "kneeling-hip-flexor-stretch", "anterior-hip-replacement-no-extension", "behind you");
        AssertExcluded(plan, "prone-hip-extension", "anterior-hip-replacement-no-extension", "from the front");
        Assert.DoesNotContain(plan.Excluded, x => x.ExerciseId == "seated-piriformis-stretch" && x.RuleId?.Contains("hip-replacement", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Lateral_hip_replacement_gets_no_active_abduction()
    {
        var plan = PlanFor(Case.For(68, Sex.Female).Present("hip-replacement-lateral-approach", "duration-over-12-weeks").Build(), ("hip-osteoarthritis", 0.7), ("greater-trochanteric-pain-syndrome", 0.3));
        AssertExcluded(plan, "standing-hip-abduction", "lateral-hip-replacement-no-active-abduction", "out to the side");
        AssertExcluded(plan, "clamshell", "lateral-hip-replacement-no-active-abduction", "from the side");
        Assert.DoesNotContain(plan.Excluded, x => x.ExerciseId == "knee-to-chest" && x.RuleId?.Contains("hip-replacement", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("hip-prosthesis")]
    [InlineData("hip-replacement-approach-unknown")]
    public void Hip_replacement_of_unknown_approach_gets_every_approach_precaution(string finding)
    {
        var plan = PlanFor(Case.For(72, Sex.Male).Present(finding, "duration-over-12-weeks").Build(), HipPain);
        AssertExcluded(plan, "knee-to-chest", "hip-replacement-unknown-approach-no-deep-flexion", "not known");
        AssertExcluded(plan, "lower-trunk-rotation", "hip-replacement-unknown-approach-no-adduction", "crossing the leg");
        AssertExcluded(plan, "prone-hip-extension", "hip-replacement-unknown-approach-no-extension", "behind you");
        AssertExcluded(plan, "clamshell", "hip-replacement-unknown-approach-no-active-abduction", "out to the side");
        LoadTag[] banned = [LoadTag.DeepHipFlexion, LoadTag.HipAdduction, LoadTag.HipInternalRotation, LoadTag.HipExtension, LoadTag.HipAbduction];
        Assert.DoesNotContain(plan.Exercises, p => Ex(p.ExerciseId).LoadTags.Any(banned.Contains));
        Assert.NotEmpty(plan.Exercises);
    }

    [Fact]
    public void Gluteal_tendinopathy_gets_no_adduction_stretches()
    {
        var piriformis = PlanFor(Case.For(50, Sex.Female).Build(), ("piriformis-syndrome", 1.0));
        Assert.Contains(piriformis.Exercises, p => p.ExerciseId == "supine-figure-four-stretch");
        var plan = PlanFor(Case.For(50, Sex.Female).Present("duration-over-12-weeks").Build(), ("greater-trochanteric-pain-syndrome", 0.6), ("piriformis-syndrome", 0.4));
        foreach (var id in new[] { "pigeon-pose", "supine-figure-four-stretch", "seated-piriformis-stretch", "lower-trunk-rotation" })
        {
            AssertExcluded(plan, id, "no-adduction-in-gluteal-tendinopathy", "gluteal tendons");
        }
    }

    [Fact]
    public void A_fresh_hip_flexor_strain_is_not_stretched_until_the_subacute_phase()
    {
        var acute = PlanFor(Case.For(25, Sex.Male).Present("duration-under-2-weeks").Build(), ("hip-flexor-strain", 1.0));
        AssertExcluded(acute, "kneeling-hip-flexor-stretch", "DuboisEsculier2020", "freshly strained");
        var subacute = PlanFor(Case.For(25, Sex.Male).Present("duration-6-to-12-weeks").Build(), ("hip-flexor-strain", 1.0));
        Assert.Contains(subacute.Exercises, p => p.ExerciseId == "kneeling-hip-flexor-stretch");
    }

    [Theory]
    [InlineData("pain-hip")]
    [InlineData("pain-groin")]
    [InlineData("pain-thigh")]
    [InlineData("pain-knee")]
    public void Children_with_hip_groin_thigh_or_knee_pain_get_no_weight_bearing_exercise(string site)
    {
        var adult = PlanFor(Case.For(30, Sex.Male).Present(site, "duration-over-12-weeks").Build(), ("hip-osteoarthritis", 0.7), ("nonspecific-low-back-pain", 0.3));
        Assert.Contains(adult.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.WeightBearing));
        var child = PlanFor(Case.For(12, Sex.Male).Present(site, "duration-over-12-weeks").Build(), ("hip-osteoarthritis", 0.7), ("nonspecific-low-back-pain", 0.3));
        Assert.NotEmpty(child.Exercises);
        Assert.DoesNotContain(child.Exercises, p => Ex(p.ExerciseId).LoadTags.Contains(LoadTag.WeightBearing));
        AssertExcluded(child, "walking-programme", "no-weight-bearing-for-young-hip-or-knee-pain", "growth plate");
        var backOnly = PlanFor(Case.For(12, Sex.Male).Present("pain-lower-back").Build(), BackPain);
        Assert.DoesNotContain(backOnly.Excluded, x => x.RuleId == "no-weight-bearing-for-young-hip-or-knee-pain");
    }

    [Fact]
    public void Pregnancy_shows_its_warning_signs_and_safe_activity_advice()
    {
        var pregnant = PlanFor(Case.For(30, Sex.Female).Pregnant().Build(), ("pregnancy-pelvic-girdle-pain", 1.0));
        var stop = Assert.Single(pregnant.StopRules, r => r.Id == "stop-pregnancy-warning-signs");
        Assert.Contains("ACOG2020", stop.SourceKeys);
        Assert.Contains(pregnant.SelfCare, s => s.Id == "pregnancy-safe-activity");
        Assert.DoesNotContain(PlanFor(Case.For(30, Sex.Female).Build(), BackPain).StopRules, r => r.Pregnant);
    }

    [Fact]
    public void Every_precaution_rule_cites_a_resolving_source_a_grade_and_a_rationale_for_estimates() =>
        Assert.All(Kb.Care.ContraindicationRules, r =>
        {
            Assert.True(Kb.Sources.ContainsKey(r.SourceKey), r.Id);
            Assert.True(r.Grade != EvidenceGrade.Estimate || !string.IsNullOrWhiteSpace(r.Rationale), r.Id);
        });

    private static Case WithPresent(Case c, params string[] ids) =>
        Case.Create(c.Profile, c.Evidence.Where(e => !ids.Contains(e.FindingId) && !ApproachFindings.Contains(e.FindingId))
            .Concat(ids.Select(id => new Evidence { FindingId = id, State = EvidenceState.Present })));

    /// <summary>Any differential at all: one to six conditions with random weights, normalized.</summary>
    internal static Gen<RankedDifferential> Differentials =>
        from n in Gen.Choose(1, 6)
        from ids in Gen.ArrayOf(Gen.Elements(Kb.Conditions.Select(c => c.Id).ToArray()), n)
        from weights in Gen.ArrayOf(Gen.Choose(1, 100), n)
        select Normalize(ids, weights);

    private static RankedDifferential Normalize(string[] ids, int[] weights)
    {
        var byId = ids.Zip(weights).GroupBy(x => x.First, StringComparer.Ordinal).Select(g => (Id: g.Key, W: (double)g.Sum(x => x.Second))).ToList();
        var total = byId.Sum(x => x.W);
        return Likely([.. byId.Select(x => (x.Id, x.W / total)).OrderByDescending(x => x.Item2)]);
    }

    private static bool Avoids(CarePlan plan, params LoadTag[] tags) => !plan.Exercises.Any(p => Ex(p.ExerciseId).LoadTags.Any(tags.Contains));

    [Fact]
    public void Reported_fragile_bones_never_yield_end_range_flexion_or_rotation_whatever_the_differential() =>
        Properties.Check(Prop.ForAll(Arb.From(
            from c in Generators.Cases
            from finding in Gen.Elements("osteoporosis", "long-term-corticosteroids")
            from d in Differentials
            select (Case: WithPresent(c, finding), Differential: d)), x =>
            Avoids(Planner.Plan(x.Case, SelfCare(), x.Differential), LoadTag.SpinalFlexion, LoadTag.LoadedSpinalFlexion, LoadTag.SpinalRotation)), maxTest: 150);

    [Fact]
    public void A_hip_replacement_never_yields_an_exercise_its_approach_forbids_whatever_the_differential() =>
        Properties.Check(Prop.ForAll(Arb.From(
            from c in Generators.Cases
            from approach in Gen.Elements("hip-prosthesis", "hip-replacement-approach-unknown", "hip-replacement-posterior-approach", "hip-replacement-anterior-approach", "hip-replacement-lateral-approach")
            from d in Differentials
            select (Case: WithPresent(c, approach), Approach: approach, Differential: d)), x =>
        {
            var plan = Planner.Plan(x.Case, SelfCare(), x.Differential);
            return x.Approach switch
            {
                "hip-replacement-posterior-approach" => Avoids(plan, LoadTag.DeepHipFlexion, LoadTag.HipAdduction, LoadTag.HipInternalRotation),
                "hip-replacement-anterior-approach" => Avoids(plan, LoadTag.HipExtension),
                "hip-replacement-lateral-approach" => Avoids(plan, LoadTag.HipAbduction),
                _ => Avoids(plan, LoadTag.DeepHipFlexion, LoadTag.HipAdduction, LoadTag.HipInternalRotation, LoadTag.HipExtension, LoadTag.HipAbduction),
            };
        }), maxTest: 150);

    [Fact]
    public void A_child_with_hip_groin_thigh_or_knee_pain_never_gets_weight_bearing_exercise_whatever_the_differential() =>
        Properties.Check(Prop.ForAll(Arb.From(
            from c in Generators.Cases
            from age in Gen.Choose(8, 18)
            from site in Gen.Elements(YoungPainSites)
            from d in Differentials
            select (Case: WithPresent(c.WithProfile(c.Profile with { Age = age, IsPregnant = false }), site), Differential: d)), x =>
            Avoids(Planner.Plan(x.Case, SelfCare(), x.Differential), LoadTag.WeightBearing)), maxTest: 150);

    [Fact]
    public void Every_planned_treatment_carries_a_guideline_stance_whatever_the_differential() =>
        Properties.Check(Prop.ForAll(Arb.From(
            from c in Generators.Cases
            from d in Differentials
            select (Case: c, Differential: d)), x =>
            Planner.Plan(x.Case, SelfCare(), x.Differential).Treatments.All(t =>
                !t.Stances.IsEmpty
                && t.Stances.All(s => Kb.Sources.ContainsKey(s.SourceKey) && (s.Stance == GuidelineStance.NoGuideline || !string.IsNullOrWhiteSpace(s.Jurisdiction)))
                && t.Stances.All(s => s.ConditionIds.IsEmpty || s.ConditionIds.Any(t.ForConditions.Contains))
                && t.Reason.Contains("What guidelines say", StringComparison.Ordinal))), maxTest: 150);
}

/// <summary>Treatments are shown with each guideline's position and jurisdiction, never as a plain endorsement.</summary>
public sealed class TreatmentStanceTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly ExercisePlanner Planner = new(Kb);

    private static CarePlan PlanFor(Case c, params (string Id, double P)[] conditions) => Planner.Plan(c, CarePrecautionTests.SelfCare(), CarePrecautionTests.Likely(conditions));

    private static PlannedTreatment Treatment(CarePlan plan, string id) => Assert.Single(plan.Treatments, t => t.Id == id);

    [Fact]
    public void Every_treatment_has_a_stance_for_every_condition_it_is_listed_for() =>
        Assert.All(Kb.Care.Treatments, t =>
        {
            Assert.NotEmpty(t.Stances);
            Assert.All(t.ConditionIds, c => Assert.Contains(t.Stances, s => s.ConditionIds.IsEmpty || s.ConditionIds.Contains(c)));
            Assert.All(t.Stances, s =>
            {
                Assert.True(Kb.Sources.ContainsKey(s.SourceKey), $"{t.Id}: {s.SourceKey}");
                Assert.True(s.Stance == GuidelineStance.NoGuideline || !string.IsNullOrWhiteSpace(s.Jurisdiction), t.Id);
                Assert.True(s.Grade != EvidenceGrade.Estimate || !string.IsNullOrWhiteSpace(s.Rationale), t.Id);
            });
        });

    [Fact]
    public void Acupuncture_shows_that_nice_does_not_offer_it_and_the_acp_recommends_it()
    {
        var acupuncture = Treatment(PlanFor(Case.For(40, Sex.Male).Build(), ("nonspecific-low-back-pain", 1.0)), "acupuncture");
        Assert.Contains(acupuncture.Stances, s => s.Stance == GuidelineStance.DoNotOffer && s.SourceKey == "NICE-NG59" && s.Jurisdiction!.StartsWith("England", StringComparison.Ordinal));
        Assert.Contains(acupuncture.Stances, s => s.Stance == GuidelineStance.Recommend && s.SourceKey == "Qaseem2017" && s.Jurisdiction!.StartsWith("United States", StringComparison.Ordinal));
        Assert.Contains("do not offer", acupuncture.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("may offer", acupuncture.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sacroiliac_injection_is_not_offered_and_epidural_injection_depends_on_the_condition()
    {
        var si = Treatment(PlanFor(Case.For(45, Sex.Female).Build(), ("sacroiliac-joint-dysfunction", 1.0)), "steroid-injection");
        Assert.Equal(GuidelineStance.DoNotOffer, Assert.Single(si.Stances).Stance);
        var sciatica = Treatment(PlanFor(Case.For(45, Sex.Female).Build(), ("lumbar-disc-herniation", 1.0)), "epidural-steroid-injection");
        Assert.Equal(GuidelineStance.Consider, Assert.Single(sciatica.Stances).Stance);
        Assert.Contains("acute and severe sciatica", sciatica.Reason, StringComparison.Ordinal);
        var stenosis = Treatment(PlanFor(Case.For(70, Sex.Female).Build(), ("lumbar-spinal-stenosis", 1.0)), "epidural-steroid-injection");
        Assert.Equal(GuidelineStance.DoNotOffer, Assert.Single(stenosis.Stances).Stance);
        Assert.DoesNotContain(PlanFor(Case.For(50, Sex.Female).Build(), ("greater-trochanteric-pain-syndrome", 1.0)).Treatments, t => t.Id == "steroid-injection");
    }

    [Fact]
    public void Medicines_the_seeds_mention_come_with_nice_ng59_positions()
    {
        var plan = PlanFor(Case.For(40, Sex.Male).Build(), ("nonspecific-low-back-pain", 0.6), ("lumbar-disc-herniation", 0.4));
        Assert.Contains(Treatment(plan, "opioids").Stances, s => s.Stance == GuidelineStance.DoNotOffer && s.Scope.Contains("chronic low back pain", StringComparison.Ordinal));
        Assert.Contains(Treatment(plan, "opioids").Stances, s => s.Stance == GuidelineStance.DoNotOffer && s.Scope.Contains("chronic sciatica", StringComparison.Ordinal));
        Assert.Contains(Treatment(plan, "antidepressants").Stances, s => s.Stance == GuidelineStance.DoNotOffer && s.SourceKey == "NICE-NG59");
        Assert.Equal(GuidelineStance.DoNotOffer, Assert.Single(Treatment(plan, "oral-corticosteroids").Stances).Stance);
        Assert.Equal(GuidelineStance.DoNotOffer, Assert.Single(Treatment(plan, "back-brace-or-strapping").Stances).Stance);
        Assert.Contains(Treatment(plan, "group-exercise-mind-body").Stances, s => s.Stance == GuidelineStance.Consider && s.SourceKey == "NICE-NG59");
        Assert.Equal(GuidelineStance.NoGuideline, Assert.Single(Treatment(plan, "prescription-topicals").Stances).Stance);
        Assert.All(plan.Treatments[^1].Stances, s => Assert.Equal(GuidelineStance.DoNotOffer, s.Stance));
        Assert.NotEqual(GuidelineStance.DoNotOffer, plan.Treatments[0].Stances[0].Stance);
    }

    [Fact]
    public void Seed_advice_is_in_the_plan_lifting_diet_fluids_walking_and_referrals()
    {
        var acute = PlanFor(Case.For(40, Sex.Male).Present("duration-under-2-weeks").Build(), ("nonspecific-low-back-pain", 1.0));
        Assert.Contains(acute.SelfCare, s => s.Id == "lifting" && s.Text.Contains("close to your body", StringComparison.Ordinal));
        Assert.Contains(acute.SelfCare, s => s.Id == "diet-and-fluids");
        Assert.Contains(acute.SelfCare, s => s.Id == "walk-daily" && s.Text.Contains("an hour a day", StringComparison.Ordinal));
        Assert.Contains(acute.Referrals, r => r.Clinician == Clinician.MentalHealthProfessional && r.SourceKeys.Contains("000_c4d13c660b9ca94f.txt"));
        Assert.DoesNotContain(acute.Referrals, r => r.Clinician == Clinician.PainSpecialist);
        var chronic = PlanFor(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), ("nonspecific-low-back-pain", 1.0));
        Assert.Contains(chronic.Referrals, r => r.Clinician == Clinician.PainSpecialist);
    }

    [Fact]
    public void Exercise_indications_grade_the_nice_summary_no_higher_than_consensus_and_the_hip_oa_review_as_study_only_for_hip_oa()
    {
        var indications = Kb.Care.Catalog.Exercises.SelectMany(e => e.Indications).ToList();
        Assert.Contains(indications, i => i.SourceKey == "S60");
        Assert.DoesNotContain(indications, i => i.SourceKey == "S60" && i.Grade is EvidenceGrade.Guideline or EvidenceGrade.Study);
        Assert.All(indications.Where(i => i.SourceKey == "Fransen2014" && i.Grade == EvidenceGrade.Study), i => Assert.Equal("hip-osteoarthritis", i.ConditionId));
        Assert.Contains(indications, i => i.SourceKey == "Fransen2014" && i.ConditionId == "greater-trochanteric-pain-syndrome" && i.Grade == EvidenceGrade.Estimate);
        Assert.All(indications.Where(i => i.Grade == EvidenceGrade.Estimate), i => Assert.False(string.IsNullOrWhiteSpace(i.Rationale), i.ConditionId));
    }

    private static BackHipValidationException CareFails(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Care])!;
        edit(node);
        return Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Care, node.ToJsonString())));
    }

    private static JsonNode TreatmentNode(JsonNode care, string id) => care["treatments"]!.AsArray().Single(t => (string?)t!["id"] == id)!;

    [Fact]
    public void A_treatment_without_a_stance_is_rejected() =>
        Assert.Contains(CareFails(n => TreatmentNode(n, "acupuncture")["stances"] = new JsonArray()).Problems, p => p.Code == "missing-stance" && p.Id == "acupuncture");

    [Fact]
    public void A_condition_no_stance_covers_is_rejected() =>
        Assert.Contains(CareFails(n => TreatmentNode(n, "epidural-steroid-injection")["stances"]!.AsArray().RemoveAt(1)).Problems,
            p => p.Code == "missing-stance" && p.Id == "epidural-steroid-injection" && p.Message.Contains("lumbar-spinal-stenosis", StringComparison.Ordinal));

    [Fact]
    public void A_guideline_stance_without_its_jurisdiction_is_rejected() =>
        Assert.Contains(CareFails(n => TreatmentNode(n, "acupuncture")["stances"]![0]!.AsObject().Remove("jurisdiction")).Problems,
            p => p.Code == "missing-field" && p.Id == "acupuncture" && p.Path!.EndsWith(".jurisdiction", StringComparison.Ordinal));

    [Fact]
    public void An_estimated_indication_without_a_rationale_is_rejected()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Exercises])!;
        var pelvicTilt = node["exercises"]!.AsArray().Single(e => (string?)e!["id"] == "pelvic-tilt")!;
        pelvicTilt["indications"]!.AsArray().Single(i => (string?)i!["condition"] == "pregnancy-pelvic-girdle-pain")!.AsObject().Remove("rationale");
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Exercises, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Code == "missing-rationale" && p.Id == "pelvic-tilt");
    }
}
