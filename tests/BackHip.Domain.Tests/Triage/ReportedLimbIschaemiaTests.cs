using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// A leg that has gone cold or pale is a sign a person can see (public patient information lists it with the six Ps of
/// acute limb ischaemia): the interview asks it in the vascular checklist, and with back, side or belly pain it calls an
/// ambulance, as the examined sign does. Only the examined sign carries likelihood pairs.
/// </summary>
public sealed class ReportedLimbIschaemiaTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly RedFlagEvaluator Evaluator = new(Kb);
    private static readonly string[] PainSites = ["pain-lower-back", "pain-flank", "pain-abdomen", "pain-thigh"];

    [Fact]
    public void The_reported_finding_is_a_person_symptom_with_a_resolving_source_and_no_likelihood_pair()
    {
        var finding = Kb.GetFinding("leg-cold-pale-reported");
        Assert.Equal(Respondent.Person, finding.AnsweredBy);
        Assert.All(finding.SourceKeys, k => Assert.True(Kb.Sources.ContainsKey(k), k));
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.FindingId == "leg-cold-pale-reported");
        Assert.Contains(Kb.QuestionGroups.Single(g => g.Id == "checklist-aneurysm-collapse").Options, o => o.FindingId == "leg-cold-pale-reported");
    }

    [Theory]
    [InlineData("pain-lower-back")]
    [InlineData("pain-flank")]
    [InlineData("onset-sudden-severe")]
    public void With_back_side_or_belly_pain_it_calls_an_ambulance_and_alone_it_does_not(string with)
    {
        var both = Case.For(46, Sex.Male).Present("leg-cold-pale-reported", with).Build();
        var result = Evaluator.Evaluate(both);
        Assert.Equal(TriageLevel.EmergencyAmbulance, result.Level);
        Assert.Contains(result.FiredRules, r => r.RuleId == "limb-ischaemia-with-pain");
        Assert.DoesNotContain(Evaluator.Evaluate(Case.For(46, Sex.Male).Present("leg-cold-pale-reported").Build()).FiredRules, r => r.RuleId == "limb-ischaemia-with-pain");
    }

    [Fact]
    public void Any_case_with_a_rule_pain_site_and_a_reported_cold_pale_leg_reaches_the_ambulance() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(PainSites)), (c, site) =>
        {
            var withSite = Generators.CanAddPresent(c, site) ? c.WithEvidence(new Evidence { FindingId = site, State = EvidenceState.Present }) : c;
            if (!Generators.CanAddPresent(withSite, "leg-cold-pale-reported") || withSite.StateOf(site) != EvidenceState.Present)
            {
                return true;
            }

            var both = withSite.WithEvidence(new Evidence { FindingId = "leg-cold-pale-reported", State = EvidenceState.Present });
            return Evaluator.EvaluateLevel(both) == TriageLevel.EmergencyAmbulance;
        }));

    [Fact]
    public void An_interview_for_sudden_severe_back_pain_offers_it_in_the_vascular_checklist_and_a_yes_calls_an_ambulance()
    {
        var interview = Interview.Start(Kb, Case.For(62, Sex.Male).Initial("pain-lower-back").Present("onset-sudden-severe").Build());
        var offered = false;
        while (interview.Next() is { } q && !offered)
        {
            if (q.Options.Any(o => o.FindingId == "leg-cold-pale-reported"))
            {
                offered = true;
                interview = interview.Answer(q, QuestionAnswer.Select(["leg-cold-pale-reported"]));
                break;
            }

            interview = interview.Answer(q, q.Type == QuestionType.Single ? QuestionAnswer.ForSingle(q.FindingId, EvidenceState.Absent) : QuestionAnswer.NoneOfThese);
        }

        Assert.True(offered, "the reported cold, pale leg was never offered");
        Assert.Equal(TriageLevel.EmergencyAmbulance, Evaluator.Evaluate(interview.Case).Level);
    }
}
