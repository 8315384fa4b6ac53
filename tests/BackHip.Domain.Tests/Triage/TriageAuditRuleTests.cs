using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// The rules the guideline audit of the triage rules changed (Knowledge/Research/triage-audit.md), at their boundaries:
/// back pain while systemically unwell reaches same-day review without a fever, and nothing else.
/// </summary>
public sealed class TriageAuditRuleTests
{
    private const string Unwell = "infection-systemically-unwell";
    private static readonly RedFlagEvaluator Evaluator = new(KnowledgeBase.Default);

    private static bool Fires(CaseBuilder builder) => Evaluator.Evaluate(builder.Build()).FiredRules.Any(f => f.RuleId == Unwell);

    [Theory]
    [InlineData("feels-very-unwell", "pain-lower-back")]
    [InlineData("appears-unwell", "pain-lower-back")]
    [InlineData("feels-very-unwell", "pain-thoracic-back")]
    [InlineData("appears-unwell", "pain-thoracic-back")]
    public void Back_pain_while_systemically_unwell_without_fever_is_same_day(string unwell, string site)
    {
        var c = Case.For(45, Sex.Male).Present(site, unwell).Absent("fever-or-chills", "fever", "fever-measured", "rigors");
        Assert.True(Fires(c));
        Assert.Equal(TriageLevel.Consultation24, Evaluator.Evaluate(c.Build()).Level);
    }

    [Fact]
    public void Thoracic_pain_is_a_site_of_the_where_does_it_hurt_question_so_an_interview_can_reach_the_rule()
    {
        var kb = KnowledgeBase.Default;
        Assert.Equal(BodyRegion.ThoracicBack, kb.GetFinding("pain-thoracic-back").Site);
        var location = kb.QuestionGroups.Single(g => g.Id == "pain-location");
        Assert.Equal(QuestionStage.Complaint, location.Stage);
        Assert.Contains(location.Options, o => o.FindingId == "pain-thoracic-back");
    }

    [Fact]
    public void Feeling_generally_run_down_is_not_feeling_systemically_unwell()
    {
        Assert.False(Fires(Case.For(45, Sex.Male).Present("pain-lower-back", "malaise")));
        Assert.Equal(TriageLevel.SelfCare, Evaluator.Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back", "malaise").Build()).Level);
    }

    [Theory]
    [InlineData("pain-hip")]
    [InlineData("pain-groin")]
    [InlineData("pain-knee")]
    public void Feeling_unwell_without_back_pain_does_not_fire_the_back_pain_rule(string site) =>
        Assert.False(Fires(Case.For(45, Sex.Female).Present(site, "feels-very-unwell")));

    [Fact]
    public void Back_pain_without_feeling_unwell_does_not_fire_it() =>
        Assert.False(Fires(Case.For(45, Sex.Female).Present("pain-lower-back").Absent("feels-very-unwell", "appears-unwell")));

    [Fact]
    public void A_high_risk_sepsis_sign_still_calls_an_ambulance() =>
        Assert.Equal(TriageLevel.EmergencyAmbulance, Evaluator.Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back", "feels-very-unwell", "new-confusion").Build()).Level);

    [Fact]
    public void Severe_pain_with_a_spinal_infection_risk_factor_stays_an_emergency() =>
        Assert.Equal(TriageLevel.Emergency, Evaluator.Evaluate(Case.For(40, Sex.Male).Present("pain-lower-back", "feels-very-unwell", "iv-drug-use", "pain-severe").Build()).Level);

    [Fact]
    public void The_rule_cites_guideline_sources_that_resolve()
    {
        var rule = KnowledgeBase.Default.RedFlagRules.Single(r => r.Id == Unwell);
        Assert.Equal(TriageLevel.Consultation24, rule.Level);
        Assert.Equal(EvidenceGrade.Guideline, rule.Grade);
        Assert.Contains("S67b", rule.SourceKeys);
        Assert.All(rule.SourceKeys, k => Assert.True(KnowledgeBase.Default.Sources.ContainsKey(k), k));
    }

    [Fact]
    public void Any_case_with_back_pain_and_feeling_very_unwell_is_at_least_same_day() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements("pain-lower-back", "pain-thoracic-back")), Arb.From(Gen.Elements("feels-very-unwell", "appears-unwell")), (c, site, unwell) =>
        {
            var withSite = Generators.CanAddPresent(c, site) ? c.WithEvidence(new Evidence { FindingId = site, State = EvidenceState.Present }) : c;
            if (!Generators.CanAddPresent(withSite, unwell))
            {
                return true;
            }

            var both = withSite.WithEvidence(new Evidence { FindingId = unwell, State = EvidenceState.Present });
            var present = both.Evidence.Where(e => e.State == EvidenceState.Present).Select(e => e.FindingId).ToHashSet(StringComparer.Ordinal);
            return !present.Contains(site) || Evaluator.EvaluateLevel(both) >= TriageLevel.Consultation24;
        }));
}
