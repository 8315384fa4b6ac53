using System.Collections.Immutable;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Tests.Exercises;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Taxonomy;

/// <summary>A grouping (spinal malignancy, spinal infection, a problem with a hip replacement) is not scored, but an
/// answer, rule or precaution naming it still counts for each of its children.</summary>
public sealed class ConditionGroupingTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static readonly string[] Groupings = [.. Kb.Conditions.Where(c => c.IsGrouping).Select(c => c.Id)];

    private static readonly (string Grouping, string Child)[] Pairs =
        [.. Groupings.SelectMany(g => Kb.ScoredConditionsFor(g).Select(c => (g, c)))];

    /// <summary>Returns a fixed differential whatever the case.</summary>
    private sealed class FixedEngine(RankedDifferential differential) : IDifferentialEngine
    {
        public RankedDifferential Score(Case patientCase) => differential;

        public ConditionExplanation Explain(Case patientCase, string conditionId) => throw new NotSupportedException();

        public ConditionComparison Compare(Case patientCase, string first, string second) => throw new NotSupportedException();
    }

    private static RankedCondition Ranked(string id, double p, double prior = 0.001, params double[] lrs) => new()
    {
        ConditionId = id, Probability = p, Prior = prior, LogOdds = 0,
        Contributions = [.. lrs.Select((lr, i) => new Contribution { FindingId = "f" + i, State = EvidenceState.Present, LikelihoodRatio = lr, SourceKey = "BH-TEAM", Grade = EvidenceGrade.Estimate })],
    };

    [Fact]
    public void Every_grouping_has_scored_children_and_every_child_points_back()
    {
        Assert.Contains("spinal-malignancy", Groupings);
        Assert.Contains("spinal-infection", Groupings);
        Assert.All(Groupings, g => Assert.NotEmpty(Kb.ScoredConditionsFor(g)));
        Assert.All(Pairs, x => Assert.Contains(x.Grouping, Kb.GroupingsOf(x.Child)));
        Assert.Empty(Kb.ScoredConditionsFor("no-such-condition"));
    }

    [Fact]
    public void A_childs_rank_and_probability_count_for_its_grouping_in_evaluation()
    {
        var engine = new FixedEngine(new RankedDifferential
        {
            Ranked = [Ranked("nonspecific-low-back-pain", 0.55), Ranked("vertebral-osteomyelitis-discitis", 0.25), Ranked("spinal-epidural-abscess", 0.2)],
            NotApplicable = [],
        });
        var cases = new[] { new LabelledCase { Name = "infection", Case = Case.For(50, Sex.Male).Build(), ExpectedConditionId = "spinal-infection" } };

        var grouped = DifferentialEvaluation.Run(engine, cases, Kb);
        Assert.Equal(1.0, grouped.Top3);
        Assert.Equal(0.5, grouped.MeanReciprocalRank, 10); // 0.25 + 0.2 does not beat 0.55: rank 2
        Assert.Equal((0.55 * 0.55) + (0.55 * 0.55), grouped.BrierScore, 10); // 0.55² for the leader, (0.25 + 0.2 − 1)² for the group
        Assert.Equal(2, Assert.Single(grouped.Misses).Rank);

        // Children that together outweigh the leader rank the grouping first, though neither does alone.
        var together = new FixedEngine(new RankedDifferential
        {
            Ranked = [Ranked("nonspecific-low-back-pain", 0.4), Ranked("vertebral-osteomyelitis-discitis", 0.35), Ranked("spinal-epidural-abscess", 0.25)],
            NotApplicable = [],
        });
        Assert.Equal(1.0, DifferentialEvaluation.Run(together, cases, Kb).Top1);

        var exact = DifferentialEvaluation.Run(engine, cases);
        Assert.Equal(0.0, exact.Top5);
        Assert.Equal(0, Assert.Single(exact.Misses).Rank);

        // A child expected by name is still matched exactly; its sibling does not count for it.
        var child = DifferentialEvaluation.Run(engine, [cases[0] with { ExpectedConditionId = "spinal-epidural-abscess" }], Kb);
        Assert.Equal(1.0 / 3, child.MeanReciprocalRank, 10);
    }

    [Fact]
    public void A_care_item_written_for_a_grouping_applies_to_each_likely_child()
    {
        var planner = new ExercisePlanner(Kb);
        var forGroupings = Kb.Care.Treatments.Where(t => t.ConditionIds.Any(Groupings.Contains)).ToList();
        Assert.Contains(forGroupings, t => t.ConditionIds.Contains("spinal-infection"));
        var gen = Gen.Elements(Pairs).SelectMany(x => Gen.Choose(10, 100).Select(p => (x.Grouping, x.Child, P: p / 100.0)));
        Properties.Check(Prop.ForAll(Arb.From(gen), x =>
        {
            var plan = planner.Plan(Case.For(55, Sex.Male).Build(), CarePrecautionTests.SelfCare(),
                CarePrecautionTests.Likely((x.Child, x.P), ("nonspecific-low-back-pain", 1 - x.P)));
            var expected = forGroupings.Where(t => t.ConditionIds.Contains(x.Grouping)).Select(t => t.Id);
            return x.P < PlannerOptions.Default.Threshold || expected.All(id => plan.Treatments.Any(t => t.Id == id));
        }));
    }

    [Fact]
    public void A_contraindication_written_for_a_grouping_excludes_for_each_child()
    {
        var rule = new ContraindicationRule { Id = "test", ConditionIds = ["spinal-infection"], Reason = "test", SourceKey = "BH-TEAM", Grade = EvidenceGrade.Estimate };
        Assert.All(Kb.ScoredConditionsFor("spinal-infection"), child =>
        {
            var likely = new HashSet<string>([child, .. Kb.GroupingsOf(child)], StringComparer.Ordinal);
            Assert.True(ExercisePlanner.Applies(rule, Case.For(50, Sex.Male).Build(), likely, out var condition, out _), child);
            Assert.Equal("spinal-infection", condition);
        });
    }

    [Fact]
    public void A_grouping_escalates_at_least_as_strongly_as_any_of_its_children() =>
        Properties.Check(Prop.ForAll(
            Arb.From(Gen.ListOf(Gen.Choose(1, 200).SelectMany(prior => Gen.Choose(1, 400).Select(lr => (Prior: prior / 100000.0, Lr: lr / 10.0)))).Where(l => l.Count is > 0 and < 6)),
            children =>
            {
                var ranked = children.Select((c, i) => Ranked("child" + i, 0.1, c.Prior, c.Lr)).ToList();
                var group = TriageCombiner.GroupEscalationProbability(ranked);
                return ranked.All(r => group >= TriageCombiner.EscalationProbability(r) - 1e-12) && group <= 1;
            }));

    [Fact]
    public void Children_that_together_reach_the_threshold_raise_triage_to_the_groupings_level()
    {
        var children = Kb.ScoredConditionsFor("spinal-infection");
        var threshold = CareLevelThresholds.Default.Emergency;

        // Each child alone stays just under the emergency threshold; together they pass it.
        var ranked = children.Select(id => Ranked(id, 0.1, 0.0001, threshold * 0.9 / 0.0001)).ToImmutableArray();
        Assert.All(ranked, r => Assert.True(TriageCombiner.EscalationProbability(r) < threshold));
        var triage = CarePrecautionTests.SelfCare();
        var combined = TriageCombiner.Combine(triage, new RankedDifferential { Ranked = ranked, NotApplicable = [] }, Kb);
        Assert.Equal(Kb.GetCondition("spinal-infection").CareLevel.Level, combined.Level);
        Assert.Contains("spinal-infection", combined.SeriousConditionsNotExcluded);
    }

    [Theory]
    [InlineData("spinal-epidural-abscess")]
    [InlineData("vertebral-osteomyelitis-discitis")]
    [InlineData("spinal-tuberculosis")]
    [InlineData("spinal-metastasis")]
    [InlineData("multiple-myeloma")]
    public void Each_child_keeps_at_least_its_parents_triage_level(string child)
    {
        var condition = Kb.GetCondition(child);
        var parent = Kb.GetCondition(condition.ParentId!);
        Assert.True(condition.CareLevel.Level >= parent.CareLevel.Level);

        // A child certain enough to escalate on its own raises triage at least to the parent's level.
        var ranked = Ranked(child, 0.9, 0.001, 1000);
        var combined = TriageCombiner.Combine(CarePrecautionTests.SelfCare(), new RankedDifferential { Ranked = [ranked], NotApplicable = [] }, Kb);
        Assert.True(combined.Level >= parent.CareLevel.Level);
    }
}
