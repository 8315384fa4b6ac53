using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>The optional care setting of a case and the setting-specific priors of likelihoods.json.</summary>
public sealed class CareSettingTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly DifferentialEngine Engine = new(Kb);

    private static readonly Case Backache = Case.For(72, Sex.Female).Initial("pain-lower-back").Present("duration-under-2-weeks").Build();

    private static JsonNode Likelihoods() => JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;

    private static JsonObject PriorOf(JsonNode node, string conditionId) =>
        node["priors"]!.AsArray().Single(p => p!["condition"]!.GetValue<string>() == conditionId)!.AsObject();

    private static BackHipValidationException LoadFails(JsonNode node) =>
        Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));

    private static double[] Probabilities(DifferentialEngine engine, Case patientCase)
    {
        var buffer = new double[engine.ConditionOrder.Length];
        engine.ScoreInto(patientCase, buffer);
        return buffer;
    }

    [Fact]
    public void The_file_carries_sourced_setting_priors_for_the_emergency_department()
    {
        var withSettings = Kb.Likelihoods.Priors.Where(p => !p.Settings.IsEmpty).ToList();
        Assert.Contains(withSettings, p => p.InSetting(CareSetting.EmergencyDepartment) is not null);
        foreach (var item in withSettings.SelectMany(p => p.Settings))
        {
            Assert.True(Kb.Sources.ContainsKey(item.SourceKey), item.SourceKey);
            Assert.InRange(item.Prevalence, double.Epsilon, 1 - double.Epsilon);
            Assert.False(item.Grade == EvidenceGrade.Estimate && string.IsNullOrWhiteSpace(item.Rationale));
        }
    }

    [Fact]
    public void Setting_errors_are_reported_with_file_id_and_path()
    {
        var node = Likelihoods();
        var prior = PriorOf(node, "lumbar-spinal-stenosis");
        prior["settings"] = new JsonArray(
            new JsonObject { ["setting"] = "hospitalWard", ["prevalence"] = 0.1, ["source"] = "S14", ["grade"] = "study" },
            new JsonObject { ["setting"] = "emergencyDepartment", ["prevalence"] = 0.1, ["source"] = "S14", ["grade"] = "study" },
            new JsonObject { ["setting"] = "emergencyDepartment", ["prevalence"] = 0.2, ["source"] = "S14", ["grade"] = "study" },
            new JsonObject { ["setting"] = "specialistClinic", ["prevalence"] = 1.5, ["source"] = "S14", ["grade"] = "study" },
            new JsonObject { ["setting"] = "selfCheck", ["prevalence"] = 0.1, ["source"] = "NO-SUCH-SOURCE", ["grade"] = "estimate" },
            new JsonObject { ["prevalence"] = 0.1, ["source"] = "S14", ["grade"] = "study" });
        var index = node["priors"]!.AsArray().IndexOf(prior);
        var ex = LoadFails(node);
        var at = $"$.priors[{index}].settings";
        bool Has(string code, string path) => ex.Problems.Any(p => p.Code == code && p.Path == path && p.File == KnowledgeFiles.Likelihoods && p.Id == "lumbar-spinal-stenosis");
        Assert.True(Has("unknown-value", at + "[0].setting"), string.Join("\n", ex.Problems.Select(p => $"{p.Code} {p.Path} {p.Id}")));
        Assert.True(Has("duplicate-id", at + "[2].setting"));
        Assert.True(Has("out-of-range", at + "[3].prevalence"));
        Assert.Contains(ex.Problems, p => p.Path!.StartsWith(at + "[4]", StringComparison.Ordinal) && p.Id == "lumbar-spinal-stenosis");
        Assert.True(Has("missing-rationale", at + "[4].rationale"));
        Assert.True(Has("missing-field", at + "[5].setting"));
    }

    [Fact]
    public void A_stated_setting_uses_the_setting_prevalence_and_keeps_the_age_curve_and_modifiers()
    {
        var prior = Kb.Likelihoods.Priors.Single(p => p.ConditionId == "osteoporotic-vertebral-fracture");
        var ed = prior.InSetting(CareSetting.EmergencyDepartment)!;
        var unstated = Engine.Score(Backache).Ranked.Single(r => r.ConditionId == prior.ConditionId).Prior;
        var stated = Engine.Score(Backache.WithSetting(CareSetting.EmergencyDepartment)).Ranked.Single(r => r.ConditionId == prior.ConditionId).Prior;
        Assert.Equal(ed.Prevalence / prior.Prevalence, stated / unstated, 9);

        // A condition without an emergency-department prevalence keeps its default prior to the last bit.
        var hipOa = Kb.Likelihoods.Priors.Single(p => p.ConditionId == "hip-osteoarthritis");
        Assert.Null(hipOa.InSetting(CareSetting.EmergencyDepartment));
        Assert.Equal(
            Engine.Score(Backache).Ranked.Single(r => r.ConditionId == hipOa.ConditionId).Prior,
            Engine.Score(Backache.WithSetting(CareSetting.EmergencyDepartment)).Ranked.Single(r => r.ConditionId == hipOa.ConditionId).Prior);

        // The same case, stated in the emergency department, ranks the fracture higher.
        Assert.True(
            Engine.Score(Backache.WithSetting(CareSetting.EmergencyDepartment)).ProbabilityOf(prior.ConditionId)
            > Engine.Score(Backache).ProbabilityOf(prior.ConditionId));
    }

    [Fact]
    public void Explanations_say_which_prior_was_used()
    {
        var prior = Kb.Likelihoods.Priors.Single(p => p.ConditionId == "osteoporotic-vertebral-fracture");
        var unstated = Engine.Explain(Backache, prior.ConditionId);
        Assert.Null(unstated.PriorSetting);
        Assert.Equal(prior.SourceKey, unstated.PriorSourceKey);
        var stated = Engine.Explain(Backache.WithSetting(CareSetting.EmergencyDepartment), prior.ConditionId);
        Assert.Equal(CareSetting.EmergencyDepartment, stated.PriorSetting);
        Assert.Equal(prior.InSetting(CareSetting.EmergencyDepartment)!.SourceKey, stated.PriorSourceKey);

        // A setting the condition has no prevalence for falls back to the default, and says so.
        var selfCheck = Engine.Explain(Backache.WithSetting(CareSetting.SelfCheck), prior.ConditionId);
        Assert.Null(selfCheck.PriorSetting);
        Assert.Equal(prior.SourceKey, selfCheck.PriorSourceKey);
    }

    [Fact]
    public void An_unstated_setting_reproduces_the_model_without_setting_priors_exactly()
    {
        var node = Likelihoods();
        foreach (var prior in node["priors"]!.AsArray())
        {
            prior!.AsObject().Remove("settings");
        }

        var plain = new DifferentialEngine(KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        var settings = Enum.GetValues<CareSetting>();
        var unusedSettings = settings.Where(s => Kb.Likelihoods.Priors.All(p => p.InSetting(s) is null)).ToArray();
        Assert.Contains(CareSetting.SelfCheck, unusedSettings);
        Assert.Contains(CareSetting.PrimaryCare, unusedSettings);
        var gen = from c in Generators.Cases from s in Gen.Elements(settings) select (c, s);
        Properties.Check(Prop.ForAll(Arb.From(gen), x =>
        {
            var expected = Probabilities(plain, x.c);
            var ok = expected.AsSpan().SequenceEqual(Probabilities(Engine, x.c))
                && expected.AsSpan().SequenceEqual(Probabilities(plain, x.c.WithSetting(x.s)));
            foreach (var unused in unusedSettings)
            {
                ok &= expected.AsSpan().SequenceEqual(Probabilities(Engine, x.c.WithSetting(unused)));
            }

            return ok;
        }));
    }

    [Fact]
    public void A_stated_setting_changes_only_the_priors_of_conditions_with_a_prevalence_for_it()
    {
        var gen = from c in Generators.Cases from s in Gen.Elements(Enum.GetValues<CareSetting>()) select (c, s);
        Properties.Check(Prop.ForAll(Arb.From(gen), x =>
        {
            var unstated = Engine.Score(x.c);
            var stated = Engine.Score(x.c.WithSetting(x.s));
            foreach (var r in unstated.Ranked)
            {
                var prior = Kb.Likelihoods.Priors.Single(p => p.ConditionId == r.ConditionId);
                var other = stated.Ranked.Single(o => o.ConditionId == r.ConditionId).Prior;
                var expected = prior.InSetting(x.s) is { } sp ? Math.Min(r.Prior * sp.Prevalence / prior.Prevalence, 0.999) : r.Prior;
                if (Math.Abs(other - expected) > 1e-12 * Math.Max(1, expected) && !(prior.InSetting(x.s) is not null && r.Prior >= 0.999))
                {
                    return false;
                }
            }

            return unstated.NotApplicable.SequenceEqual(stated.NotApplicable);
        }), maxTest: 100);
    }

    [Fact]
    public void In_any_setting_the_combined_level_never_falls_below_the_red_flag_rules()
    {
        // The care-level escalation reads the differential, so a setting prior can move it; the rules' level is a floor.
        var evaluator = new RedFlagEvaluator(Kb);
        var gen = from c in Generators.Cases from s in Gen.Elements(Enum.GetValues<CareSetting>()) select c.WithSetting(s);
        Properties.Check(Prop.ForAll(Arb.From(gen), c =>
        {
            var rules = evaluator.Evaluate(c);
            return TriageCombiner.Combine(rules, Engine.Score(c), Kb).Level >= rules.Level;
        }));
    }

    [Fact]
    public void The_builder_create_and_with_setting_carry_the_setting_and_equality_sees_it()
    {
        var built = Case.For(50, Sex.Male).In(CareSetting.EmergencyDepartment).Present("pain-lower-back").WithId("r1").Build();
        Assert.Equal(CareSetting.EmergencyDepartment, built.Setting);
        Assert.Equal(CareSetting.EmergencyDepartment, built.WithEvidence(new Evidence { FindingId = "fever-or-chills", State = EvidenceState.Absent }).Setting);
        Assert.Equal(CareSetting.EmergencyDepartment, built.WithId(null).Setting);
        var created = Case.Create(built.Profile, built.Evidence, setting: CareSetting.EmergencyDepartment).WithId("r1");
        Assert.Equal(built, created);
        Assert.Equal(built.GetHashCode(), created.GetHashCode());
        Assert.NotEqual(built, built.WithSetting(null));
        Assert.NotEqual(built, built.WithSetting(CareSetting.SpecialistClinic));
        Assert.Null(Case.For(50, Sex.Male).Build().Setting);
        var invalid = Kb.Validate(built.WithSetting((CareSetting)42));
        Assert.Contains(invalid.Problems, p => p.Code == "unknown-value" && p.Path == "$.setting");
        Assert.Throws<BackHipValidationException>(() => Engine.ScoreInto(built.WithSetting((CareSetting)42), new double[Engine.ConditionOrder.Length]));
    }

    [Fact]
    public void The_setting_round_trips_through_json_and_unknown_values_are_rejected()
    {
        foreach (var setting in Enum.GetValues<CareSetting>())
        {
            var original = Backache.WithSetting(setting);
            var json = BackHipJson.WriteCase(original);
            Assert.Equal(original, BackHipJson.ReadCase(json, Kb));
        }

        var ed = BackHipJson.WriteCase(Backache.WithSetting(CareSetting.EmergencyDepartment));
        Assert.Contains("\"setting\":\"emergencyDepartment\"", ed.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\"setting\"", BackHipJson.WriteCase(Backache), StringComparison.Ordinal);
        Assert.Null(BackHipJson.ReadCase(BackHipJson.WriteCase(Backache), Kb).Setting);

        var bad = JsonNode.Parse(ed)!;
        bad["setting"] = "hospitalWard";
        var ex = Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(bad.ToJsonString(), Kb));
        Assert.Contains(ex.Problems, p => p.Code == "unknown-value" && p.Path == "$.setting");
        bad["setting"] = "EmergencyDepartment";
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(bad.ToJsonString(), Kb)).Problems, p => p.Path == "$.setting");
    }

    [Fact]
    public void ScoreInto_allocates_nothing_for_a_stated_setting()
    {
        var patientCase = Backache.WithSetting(CareSetting.EmergencyDepartment);
        var buffer = new double[Engine.ConditionOrder.Length];
        for (var i = 0; i < 50; i++)
        {
            Engine.ScoreInto(patientCase, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Engine.ScoreInto(patientCase, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
