using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// The triage combiner at its edges: escalation probabilities computed exactly, thresholds reached with equality,
/// group escalation of split conditions, and the rule that nothing lowers the level.
/// </summary>
public sealed class TriageCombinerBoundaryTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static Contribution C(EvidenceState state, double lr) =>
        new() { FindingId = "f", State = state, LikelihoodRatio = lr, SourceKey = "S1", Grade = EvidenceGrade.Study };

    private static RankedCondition R(string id, double prior, params Contribution[] contributions) =>
        new() { ConditionId = id, Probability = prior, Prior = prior, LogOdds = 0, Contributions = [.. contributions] };

    private static RankedDifferential D(params RankedCondition[] ranked) => new() { Ranked = [.. ranked], NotApplicable = [] };

    private static TriageResult Triage(TriageLevel level) => new() { Level = level, FiredRules = [], SeriousConditionsNotExcluded = [], OpenQuestions = [] };

    [Fact]
    public void Escalation_probability_is_the_posterior_against_every_other_explanation()
    {
        // Prior odds 0.2/0.8 = 0.25; a present LR 3 and an absent LR 0.5 give odds 0.375.
        Assert.Equal(0.375 / 1.375, TriageCombiner.EscalationProbability(R("c", 0.2, C(EvidenceState.Present, 3), C(EvidenceState.Absent, 0.5))), 12);
        // A prior of 1 is capped at 0.999 on the other side of the odds: odds 1 / 0.001.
        Assert.Equal(1000.0 / 1001.0, TriageCombiner.EscalationProbability(R("c", 1.0)), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_condition_without_a_positive_prior_never_escalates(double prior)
    {
        // Even unbounded evidence (an infinite likelihood ratio) must not bring such a condition in.
        var c = R("c", prior, C(EvidenceState.Present, double.PositiveInfinity));
        Assert.Equal(0.0, TriageCombiner.EscalationProbability(c));
        Assert.Equal(0.0, TriageCombiner.GroupEscalationProbability([c]));
        Assert.Equal(0.1, TriageCombiner.GroupEscalationProbability([R("a", 0.1), c]), 12);
    }

    [Fact]
    public void Group_escalation_mixes_members_by_prior_and_counts_evidence_conservatively()
    {
        // weighted = 0.1 * 4 + 0.2 * 0.5 = 0.5 (the present LR 0.2 against the first member is ignored); the rest of
        // the probability mass is 1 - 0.3 = 0.7.
        var members = new[]
        {
            R("a", 0.1, C(EvidenceState.Present, 4), C(EvidenceState.Present, 0.2)),
            R("b", 0.2, C(EvidenceState.Absent, 0.5)),
            R("skipped", 0.0, C(EvidenceState.Present, 1000)),
        };
        Assert.Equal(0.5 / 1.2, TriageCombiner.GroupEscalationProbability(members), 12);
        Assert.Equal(0.0, TriageCombiner.GroupEscalationProbability([]));
        Assert.Throws<ArgumentNullException>(() => TriageCombiner.GroupEscalationProbability(null!));
        Assert.Throws<ArgumentNullException>(() => TriageCombiner.EscalationProbability(null!));
    }

    [Fact]
    public void Group_escalation_keeps_a_floor_for_other_explanations_when_priors_sum_past_one() =>
        Assert.Equal(1.2 / 1.201, TriageCombiner.GroupEscalationProbability([R("a", 0.6), R("b", 0.6)]), 12);

    [Fact]
    public void A_probability_exactly_at_the_threshold_raises_triage()
    {
        var stone = R("kidney-stone", 0.3);
        var p = TriageCombiner.EscalationProbability(stone);
        var at = new CareLevelThresholds { Emergency = 0.01, Consultation24 = p, Consultation = 0.9 };
        var combined = TriageCombiner.Combine(Triage(TriageLevel.SelfCare), D(stone), Kb, at);
        Assert.Equal(TriageLevel.Consultation24, combined.Level);
        var why = Assert.Single(combined.Escalations);
        Assert.StartsWith("kidney-stone reaches ", why, StringComparison.Ordinal);
        Assert.EndsWith("threshold for its care level (Consultation24).", why, StringComparison.Ordinal);
        Assert.Empty(combined.SeriousConditionsNotExcluded); // kidney stone is not a serious condition

        var above = at with { Consultation24 = Math.BitIncrement(p) };
        Assert.Equal(TriageLevel.SelfCare, TriageCombiner.Combine(Triage(TriageLevel.SelfCare), D(stone), Kb, above).Level);
    }

    [Fact]
    public void A_serious_condition_at_its_threshold_is_named_even_when_triage_is_already_at_its_level()
    {
        var ces = R("cauda-equina-syndrome", 0.5);
        var combined = TriageCombiner.Combine(Triage(TriageLevel.Emergency), D(ces), Kb);
        Assert.Equal(TriageLevel.Emergency, combined.Level);
        Assert.Empty(combined.Escalations);
        Assert.Equal(["cauda-equina-syndrome"], combined.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void A_self_care_condition_never_raises_whatever_its_probability()
    {
        var combined = TriageCombiner.Combine(Triage(TriageLevel.SelfCare), D(R("nonspecific-low-back-pain", 0.99, C(EvidenceState.Present, 50))), Kb);
        Assert.Equal(TriageLevel.SelfCare, combined.Level);
        Assert.Empty(combined.Escalations);
    }

    [Fact]
    public void Split_conditions_escalate_together_through_their_grouping()
    {
        // Each child alone stays below 2% (1.5%); together they reach 3% against every other explanation.
        var children = D(R("spinal-epidural-abscess", 0.015), R("vertebral-osteomyelitis-discitis", 0.015), R("nonspecific-low-back-pain", 0.9));
        Assert.All(children.Ranked.Take(2), r => Assert.True(TriageCombiner.EscalationProbability(r) < 0.02));
        var combined = TriageCombiner.Combine(Triage(TriageLevel.SelfCare), children, Kb);
        Assert.Equal(TriageLevel.Emergency, combined.Level);
        var why = Assert.Single(combined.Escalations);
        Assert.StartsWith("spinal-infection (its conditions together) reaches ", why, StringComparison.Ordinal);
        Assert.EndsWith("threshold for its care level (Emergency).", why, StringComparison.Ordinal);
        Assert.Equal(["spinal-infection"], combined.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void A_grouping_exactly_at_its_threshold_raises_and_one_just_below_does_not()
    {
        var children = D(R("spinal-metastasis", 0.01), R("multiple-myeloma", 0.01));
        var p = TriageCombiner.GroupEscalationProbability(children.Ranked);
        var at = new CareLevelThresholds { Emergency = 0.001, Consultation24 = p, Consultation = 0.9 };
        Assert.Equal(TriageLevel.Consultation24, TriageCombiner.Combine(Triage(TriageLevel.Consultation), children, Kb, at).Level);
        var above = at with { Consultation24 = Math.BitIncrement(p) };
        var below = TriageCombiner.Combine(Triage(TriageLevel.Consultation), children, Kb, above);
        Assert.Equal(TriageLevel.Consultation, below.Level);
        Assert.Empty(below.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void A_grouping_is_not_named_when_triage_already_reaches_its_care_level()
    {
        var children = D(R("spinal-epidural-abscess", 0.015), R("vertebral-osteomyelitis-discitis", 0.015));
        var combined = TriageCombiner.Combine(Triage(TriageLevel.Emergency), children, Kb);
        Assert.Equal(TriageLevel.Emergency, combined.Level);
        Assert.Empty(combined.Escalations);
        Assert.Empty(combined.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void A_grouping_that_is_not_serious_raises_without_being_named()
    {
        var children = D(R("scoliosis", 0.2), R("hyperkyphosis", 0.2));
        var combined = TriageCombiner.Combine(Triage(TriageLevel.SelfCare), children, Kb, new CareLevelThresholds { Emergency = 0.35, Consultation24 = 0.35, Consultation = 0.35 });
        Assert.Equal(TriageLevel.Consultation, combined.Level);
        Assert.Contains(combined.Escalations, e => e.StartsWith("spinal-curvature (its conditions together)", StringComparison.Ordinal));
        Assert.Empty(combined.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void The_combiner_uses_the_thresholds_it_was_built_with_and_defaults_without_them()
    {
        var stone = D(R("kidney-stone", 0.3));
        var strict = new CareLevelThresholds { Emergency = 1, Consultation24 = 1, Consultation = 1 };
        Assert.Equal(TriageLevel.SelfCare, new TriageCombiner(Kb, strict).Combine(Triage(TriageLevel.SelfCare), stone).Level);
        Assert.Equal(TriageLevel.Consultation24, new TriageCombiner(Kb).Combine(Triage(TriageLevel.SelfCare), stone).Level);
        Assert.Equal(TriageLevel.Consultation24, new TriageCombiner(Kb, null).Combine(Triage(TriageLevel.SelfCare), stone).Level);
        Assert.Equal(TriageLevel.Consultation24, TriageCombiner.Combine(Triage(TriageLevel.SelfCare), stone, Kb, null).Level);
    }

    [Fact]
    public void Null_arguments_and_bad_thresholds_are_rejected_by_every_entry_point()
    {
        var d = D(R("kidney-stone", 0.3));
        Assert.Throws<ArgumentNullException>(() => new TriageCombiner(null!));
        Assert.Throws<ArgumentNullException>(() => TriageCombiner.Combine(null!, d, Kb));
        Assert.Throws<ArgumentNullException>(() => TriageCombiner.Combine(Triage(TriageLevel.SelfCare), null!, Kb));
        Assert.Throws<ArgumentNullException>(() => TriageCombiner.Combine(Triage(TriageLevel.SelfCare), d, null!));
        var bad = new CareLevelThresholds { Emergency = 0 };
        var ex = Assert.Throws<ArgumentException>(() => TriageCombiner.Combine(Triage(TriageLevel.SelfCare), d, Kb, bad));
        Assert.Equal("thresholds", ex.ParamName);
        Assert.Contains("The Emergency threshold must be in (0, 1] (found 0).", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.05, 0.25, "Emergency")]
    [InlineData(0.02, double.NaN, 0.25, "Consultation24")]
    [InlineData(0.02, 0.05, 1.5, "Consultation")]
    public void Each_threshold_is_checked_on_its_own(double emergency, double consultation24, double consultation, string name)
    {
        var problem = Assert.Single(new CareLevelThresholds { Emergency = emergency, Consultation24 = consultation24, Consultation = consultation }.Problems());
        Assert.StartsWith($"The {name} threshold must be in (0, 1]", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_thresholds_and_a_threshold_of_one_are_valid_and_rising_ones_are_named()
    {
        Assert.Empty(new CareLevelThresholds { Emergency = 1, Consultation24 = 1, Consultation = 1 }.Problems());
        Assert.Empty(new CareLevelThresholds { Emergency = 0.1, Consultation24 = 0.1, Consultation = 0.1 }.Problems());
        Assert.Equal(["Thresholds must not rise with urgency: Emergency <= Consultation24 <= Consultation."], new CareLevelThresholds { Emergency = 0.1, Consultation24 = 0.05 }.Problems());
    }

    [Fact]
    public void Raising_to_the_same_level_records_nothing_and_a_condition_is_named_once()
    {
        var t = Triage(TriageLevel.Consultation24);
        var same = t.RaiseTo(TriageLevel.Consultation24, "probe", "kidney-infection");
        Assert.Equal(TriageLevel.Consultation24, same.Level);
        Assert.Empty(same.Escalations);
        Assert.Equal(["kidney-infection"], same.SeriousConditionsNotExcluded);
        Assert.Equal(["kidney-infection"], same.RaiseTo(TriageLevel.Emergency, "again", "kidney-infection").SeriousConditionsNotExcluded);
        Assert.Empty(t.RaiseTo(TriageLevel.Emergency, "probe").SeriousConditionsNotExcluded);
    }

    [Theory]
    [InlineData(TriageLevel.Consultation24, false)]
    [InlineData(TriageLevel.Emergency, true)]
    [InlineData(TriageLevel.EmergencyAmbulance, true)]
    public void Emergency_evidence_means_a_fired_rule_at_emergency_or_above(TriageLevel level, bool expected)
    {
        var fired = new FiredRule { RuleId = "r", Pathology = RedFlagPathology.Sepsis, Level = level, Message = "m", Rationale = "r", Grade = EvidenceGrade.Guideline, SourceKeys = [] };
        Assert.Equal(expected, (Triage(level) with { FiredRules = [fired] }).HasEmergencyEvidence);
    }
    [Fact]
    public void Group_escalation_stays_a_probability_when_a_member_has_contradictory_infinite_evidence()
    {
        // An infinite likelihood ratio for and a zero one against make the member's evidence undefined (NaN): the group
        // must still report a probability in [0, 1], not NaN.
        var p = TriageCombiner.GroupEscalationProbability([R("a", 0.1, C(EvidenceState.Present, double.PositiveInfinity), C(EvidenceState.Absent, 0))]);
        Assert.InRange(p, 0.0, 1.0);
    }

    [Fact]
    public void Bad_thresholds_are_rejected_naming_every_problem_in_one_sentence_each()
    {
        var bad = new CareLevelThresholds { Emergency = 0, Consultation24 = 2 };
        var problems = bad.Problems();
        Assert.Equal(3, problems.Count);
        var ex = Assert.Throws<ArgumentException>(() => new TriageCombiner(Kb, bad));
        Assert.StartsWith(string.Join(" ", problems), ex.Message, StringComparison.Ordinal);
    }
}
