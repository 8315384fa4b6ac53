using BackHip.Domain.Differential;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>Laws of the scoring model over generated cases.</summary>
public sealed class DifferentialPropertyTests
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    [Fact]
    public void Probabilities_are_in_range_and_sum_to_one() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var d = Engine.Score(c);
            return d.Ranked.All(r => r.Probability is >= 0 and <= 1) && Math.Abs(d.Ranked.Sum(r => r.Probability) - 1) < 1e-9;
        }));

    [Fact]
    public void Result_is_bit_identical_whatever_the_evidence_order() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Choose(0, 1000)), (c, seed) =>
        {
            var a = Engine.Score(c);
            var b = Engine.Score(Generators.Shuffle(c, seed));
            return a.Ranked.Select(r => (r.ConditionId, r.Probability, r.LogOdds)).SequenceEqual(b.Ranked.Select(r => (r.ConditionId, r.Probability, r.LogOdds)));
        }));

    [Fact]
    public void Unknown_answers_are_the_same_as_not_asking() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(Generators.StatableFindings)), (c, finding) =>
        {
            if (c.Evidence.Any(e => e.FindingId == finding))
            {
                return true;
            }

            var a = Engine.Score(c);
            var b = Engine.Score(c.WithEvidence(new Evidence { FindingId = finding, State = EvidenceState.Unknown }));
            return a.Ranked.Select(r => (r.ConditionId, r.Probability)).SequenceEqual(b.Ranked.Select(r => (r.ConditionId, r.Probability)));
        }));

    [Fact]
    public void A_present_finding_with_lr_above_one_never_lowers_that_conditions_log_odds() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(KnowledgeBase.Default.Likelihoods.Pairs.Where(p => p.LrPositive > 1 && !KnowledgeBase.Default.GetFinding(p.FindingId).IsComposite).ToArray())), (c, pair) =>
        {
            if (!Generators.CanAddPresent(c, pair.FindingId) || !KnowledgeBase.Default.GetCondition(pair.ConditionId).Applicability.Admits(c.Profile))
            {
                return true;
            }

            var before = Engine.Score(c).Ranked.Single(r => r.ConditionId == pair.ConditionId).LogOdds;
            var after = Engine.Score(c.WithEvidence(new Evidence { FindingId = pair.FindingId, State = EvidenceState.Present })).Ranked.Single(r => r.ConditionId == pair.ConditionId).LogOdds;
            return after >= before;
        }));

    [Fact]
    public void Conditions_outside_their_applicability_are_not_ranked()
    {
        var man = Engine.Score(Case.For(40, Sex.Male).Present("pain-lower-back").Build());
        Assert.Contains("pregnancy-pelvic-girdle-pain", man.NotApplicable);
        Assert.Contains("menstrual-related-pain", man.NotApplicable);
        Assert.Equal(0, man.ProbabilityOf("pregnancy-pelvic-girdle-pain"));
        var pregnant = Engine.Score(Case.For(30, Sex.Female).Pregnant().Present("pain-pubic").Build());
        Assert.Equal("pregnancy-pelvic-girdle-pain", pregnant.Ranked[0].ConditionId);
    }

    [Fact]
    public void Contributions_explain_the_score_with_sources()
    {
        var d = Engine.Score(Case.For(42, Sex.Male).Present("pain-below-knee", "slr-positive").Build());
        var disc = d.Ranked.Single(r => r.ConditionId == "lumbar-disc-herniation");
        var slr = Assert.Single(disc.Contributions, c => c.FindingId == "slr-positive");
        Assert.Equal("S17", slr.SourceKey);
        Assert.Equal(0.92 / (1 - 0.28), slr.LikelihoodRatio, 12);
        var priorOdds = Math.Log(disc.Prior / (1 - disc.Prior));
        Assert.Equal(priorOdds + disc.Contributions.Sum(c => c.LogLikelihoodRatio), disc.LogOdds, 12);
    }
}
