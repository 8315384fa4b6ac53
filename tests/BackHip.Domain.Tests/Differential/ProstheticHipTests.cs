using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The hip-replacement gate of the three prosthetic labels: reporting a replaced hip raises them by the inverse of the
/// population share living with one (they were left at the all-presenter prior before), pain placed outside the replaced
/// hip counts against them, and the triage of a painful replaced hip follows the sourced mapping: orthopaedic review when
/// walking without signs, the emergency department with signs of infection, deformity or inability to bear weight.
/// </summary>
public sealed class ProstheticHipTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly DifferentialEngine Engine = new(Kb);
    private static readonly RedFlagEvaluator Evaluator = new(Kb);

    public static TheoryData<string> ProstheticLabels => new() { "prosthetic-hip-dislocation", "prosthetic-hip-infection", "prosthetic-hip-loosening" };

    [Theory]
    [MemberData(nameof(ProstheticLabels))]
    public void Reporting_a_hip_replacement_raises_each_prosthetic_label_by_the_inverse_of_its_population_share(string condition)
    {
        var pair = Profiles.Pair(condition, "hip-prosthesis");
        var background = Kb.Likelihoods.BackgroundRateOf("hip-prosthesis");
        Assert.Equal(0.0083, background, 4);
        Assert.InRange(pair.LrPositive, 100, 130);
        Assert.InRange(pair.LrNegative, 0.04, 0.06);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
    }

    [Theory]
    [InlineData("prosthetic-hip-dislocation", "ACI-ECI-prosthetic-hip-dislocation", 0.04, 0.06)]
    [InlineData("prosthetic-hip-infection", "JCM-2018-PJI-vs-aseptic", 0.1, 0.14)]
    [InlineData("prosthetic-hip-loosening", "BH-TEAM", 0.04, 0.06)]
    public void Pain_outside_the_replaced_hip_counts_against_a_prosthetic_label_and_pain_in_it_adds_nothing_twice(string condition, string source, double low, double high) =>
        Profiles.SourcedPair(condition, "pain-hip-replacement", source, (1, 1), (low, high));

    [Fact]
    public void A_dislocated_replaced_hip_cannot_bear_weight() =>
        Profiles.SourcedSensitivityPair("prosthetic-hip-dislocation", "cannot-bear-weight", "ACI-ECI-prosthetic-hip-dislocation", (15, 25), (0.04, 0.07));

    [Fact]
    public void A_painful_replaced_hip_makes_the_prosthetic_causes_together_the_likeliest_explanation()
    {
        // The replaced hip's own causes (loosening, dislocation, infection) share the probability a prosthesis adds, so
        // together they outweigh any single other cause; one of them is near the top. Trochanteric pain, common after a
        // hip replacement, may stand beside them.
        var c = Case.For(72, Sex.Female).Present("pain-hip", "hip-prosthesis", "pain-hip-replacement").Absent("fever-or-chills").Build();
        var ranked = Engine.Score(c).Ranked;
        var prosthetic = ranked.Where(r => r.ConditionId.StartsWith("prosthetic-hip-", StringComparison.Ordinal)).Sum(r => r.Probability);
        var otherBest = ranked.Where(r => !r.ConditionId.StartsWith("prosthetic-hip-", StringComparison.Ordinal)).Max(r => r.Probability);
        Assert.True(prosthetic > 1.2 * otherBest, $"prosthetic causes {prosthetic:0.###} against {otherBest:0.###}");
        Assert.Contains(ranked.Take(4), r => r.ConditionId.StartsWith("prosthetic-hip-", StringComparison.Ordinal));

        var without = Case.For(72, Sex.Female).Present("pain-hip").Absent("hip-prosthesis", "fever-or-chills").Build();
        Assert.DoesNotContain(Engine.Score(without).Ranked.Take(10), r => r.ConditionId.StartsWith("prosthetic-hip-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_painful_replaced_hip_walking_without_signs_goes_to_orthopaedic_review_not_the_emergency_department()
    {
        var c = Case.For(72, Sex.Female).Present("pain-hip", "hip-prosthesis", "pain-hip-replacement")
            .Absent("fever-or-chills", "cannot-bear-weight", "visible-deformity", "fall-or-trauma", "sudden-hip-swelling").Build();
        var level = TriageCombiner.Combine(Evaluator.Evaluate(c), Engine.Score(c), Kb).Level;
        Assert.Equal(TriageLevel.Consultation, level);
        Assert.Equal(TriageLevel.Consultation, Kb.GetCondition("prosthetic-hip-infection").CareLevel.Level);
        Assert.Equal(TriageLevel.Emergency, Kb.GetCondition("prosthetic-hip-dislocation").CareLevel.Level);
    }

    [Theory]
    [InlineData("local-redness-warmth")]
    [InlineData("feels-very-unwell")]
    [InlineData("appears-unwell")]
    [InlineData("sudden-hip-swelling")]
    [InlineData("fever-or-chills")]
    [InlineData("cannot-bear-weight")]
    public void A_replaced_hip_with_a_sign_of_infection_or_dislocation_goes_to_the_emergency_department(string sign)
    {
        Assert.Equal(TriageLevel.Emergency, Evaluator.Evaluate(Case.For(70, Sex.Male).Present("pain-hip-replacement", sign).Build()).Level);
        Assert.Equal(TriageLevel.Emergency, Evaluator.Evaluate(Case.For(70, Sex.Male).Present("hip-prosthesis", "pain-groin", sign).Build()).Level);
    }

    [Fact]
    public void A_replaced_hip_without_hip_pain_does_not_fire_the_prosthetic_emergency_rule()
    {
        var c = Case.For(70, Sex.Male).Present("hip-prosthesis", "pain-lower-back", "feels-very-unwell").Absent("pain-hip-replacement").Build();
        Assert.DoesNotContain(Evaluator.Evaluate(c).FiredRules, f => f.RuleId == "prosthetic-hip-emergency");
    }

    [Fact]
    public void Any_case_with_pain_in_a_replaced_hip_and_a_sign_of_infection_is_at_least_an_emergency() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements("local-redness-warmth", "feels-very-unwell", "appears-unwell", "sudden-hip-swelling")), (c, sign) =>
        {
            if (!Generators.CanAddPresent(c, "pain-hip-replacement"))
            {
                return true;
            }

            var painful = c.WithEvidence(new Evidence { FindingId = "pain-hip-replacement", State = EvidenceState.Present });
            if (!Generators.CanAddPresent(painful, sign))
            {
                return true;
            }

            var both = painful.WithEvidence(new Evidence { FindingId = sign, State = EvidenceState.Present });
            return Evaluator.EvaluateLevel(both) >= TriageLevel.Emergency;
        }));
}
