using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Triage;

/// <summary>Every rule fires on a minimal case built from its own logic, and stays silent on a near miss.</summary>
public sealed class RedFlagRuleTests
{
    private static KnowledgeBase Kb => KnowledgeBase.Default;

    public static TheoryData<string> RuleIds => new(Kb.RedFlagRules.Select(r => r.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_fires_on_its_witness_and_not_on_a_near_miss(string ruleId)
    {
        var rule = Kb.RedFlagRules.Single(r => r.Id == ruleId);
        var witness = Witness.For(rule.When);
        var evaluator = new RedFlagEvaluator(Kb);
        var hit = evaluator.Evaluate(witness.ToCase());
        Assert.Contains(hit.FiredRules, f => f.RuleId == ruleId);
        Assert.True(hit.Level >= rule.Level);

        var miss = witness.NearMiss(c => evaluator.Evaluate(c).FiredRules.All(f => f.RuleId != ruleId));
        Assert.NotNull(miss);
        Assert.DoesNotContain(evaluator.Evaluate(miss).FiredRules, f => f.RuleId == ruleId);
    }

    [Fact]
    public void Age_threshold_boundaries_are_exact()
    {
        var evaluator = new RedFlagEvaluator(Kb);
        Assert.Contains(evaluator.Evaluate(Case.For(70, Sex.Female).Present("pain-lower-back").Build()).FiredRules, f => f.RuleId == "fracture-older-age");
        Assert.DoesNotContain(evaluator.Evaluate(Case.For(69, Sex.Female).Present("pain-lower-back").Build()).FiredRules, f => f.RuleId == "fracture-older-age");
        Assert.Contains(evaluator.Evaluate(Case.For(50, Sex.Male).Present("duration-2-to-6-weeks").Build()).FiredRules, f => f.RuleId == "malignancy-age-over-50-new-pain");
        Assert.DoesNotContain(evaluator.Evaluate(Case.For(49, Sex.Male).Present("duration-2-to-6-weeks").Build()).FiredRules, f => f.RuleId == "malignancy-age-over-50-new-pain");
    }

    [Fact]
    public void Duration_threshold_boundary_is_two_weeks()
    {
        var evaluator = new RedFlagEvaluator(Kb);
        Assert.Contains(evaluator.Evaluate(Case.For(30, Sex.Male).Present("duration-2-to-6-weeks").Build()).FiredRules, f => f.RuleId == "pain-over-two-weeks");
        Assert.DoesNotContain(evaluator.Evaluate(Case.For(30, Sex.Male).Present("duration-under-2-weeks").Build()).FiredRules, f => f.RuleId == "pain-over-two-weeks");
    }

    [Fact]
    public void A_weak_flag_alone_leads_to_a_consultation_not_an_emergency()
    {
        var evaluator = new RedFlagEvaluator(Kb);
        Assert.Equal(TriageLevel.Consultation, evaluator.Evaluate(Case.For(55, Sex.Male).Present("duration-under-2-weeks").Build()).Level);
        Assert.Equal(TriageLevel.Consultation, evaluator.Evaluate(Case.For(35, Sex.Male).Present("night-pain").Build()).Level);
        Assert.Equal(TriageLevel.Consultation, evaluator.Evaluate(Case.For(35, Sex.Male).Present("duration-over-12-weeks").Build()).Level);
    }

    [Fact]
    public void Combination_escalates_only_together()
    {
        var evaluator = new RedFlagEvaluator(Kb);
        Assert.Equal(TriageLevel.Consultation24, evaluator.Evaluate(Case.For(40, Sex.Male).Present("fever-or-chills").Absent("leg-weakness", "leg-numbness").Build()).Level);
        Assert.Equal(TriageLevel.Emergency, evaluator.Evaluate(Case.For(40, Sex.Male).Present("fever-or-chills", "leg-weakness").Build()).Level);
    }

    [Fact]
    public void Result_lists_messages_rationale_sources_and_conditions_not_excluded()
    {
        var result = new RedFlagEvaluator(Kb).Evaluate(Case.For(45, Sex.Male).Present("saddle-numbness").Build());
        Assert.Equal(TriageLevel.Emergency, result.Level);
        Assert.True(result.HasEmergencyEvidence);
        var fired = Assert.Single(result.FiredRules, f => f.RuleId == "ces-saddle-numbness");
        Assert.False(string.IsNullOrWhiteSpace(fired.Message));
        Assert.False(string.IsNullOrWhiteSpace(fired.Rationale));
        Assert.NotEmpty(fired.SourceKeys);
        Assert.Contains("cauda-equina-syndrome", result.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void Open_questions_name_unanswered_findings_that_could_raise_the_level()
    {
        var result = new RedFlagEvaluator(Kb).Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back").Build());
        Assert.Equal(TriageLevel.SelfCare, result.Level);
        Assert.Contains(result.OpenQuestions, q => q.FindingId == "bladder-dysfunction" && q.CouldRaiseTo == TriageLevel.Emergency);
        var answered = new RedFlagEvaluator(Kb).Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back").Absent("bladder-dysfunction", "bowel-dysfunction").Build());
        Assert.DoesNotContain(answered.OpenQuestions, q => q.FindingId == "bladder-dysfunction");
    }

    [Fact]
    public void Raise_never_lowers_and_records_why()
    {
        var result = new RedFlagEvaluator(Kb).Evaluate(Case.For(45, Sex.Male).Present("saddle-numbness").Build());
        Assert.Equal(TriageLevel.Emergency, result.RaiseTo(TriageLevel.Consultation, "probe").Level);
        Assert.Empty(result.RaiseTo(TriageLevel.Consultation, "probe").Escalations);
        var raised = result.RaiseTo(TriageLevel.EmergencyAmbulance, "probe", "abdominal-aortic-aneurysm");
        Assert.Equal(TriageLevel.EmergencyAmbulance, raised.Level);
        Assert.Equal(["probe"], raised.Escalations);
        Assert.Contains("abdominal-aortic-aneurysm", raised.SeriousConditionsNotExcluded);
    }

    /// <summary>A minimal assignment that makes a criterion true, and ways to break it by one step.</summary>
    private sealed class Witness
    {
        private readonly Dictionary<string, EvidenceState> _states = new(StringComparer.Ordinal);
        private int _minAge = 30;
        private int _maxAgeExclusive = 121;
        private Sex? _sex;
        private bool _pregnant;

        public static Witness For(Criterion criterion)
        {
            var w = new Witness();
            w.Satisfy(criterion);
            return w;
        }

        private void Satisfy(Criterion criterion)
        {
            switch (criterion)
            {
                case FindingCriterion f when Kb.GetFinding(f.FindingId).Composite is { } composite:
                    foreach (var item in composite.Of.Take(composite.AtLeast))
                    {
                        _states[item] = EvidenceState.Present;
                    }

                    break;
                case FindingCriterion f:
                    _states[f.FindingId] = EvidenceState.Present;
                    break;
                case AtLeastCriterion a:
                    foreach (var part in a.Parts.Take(a.Count))
                    {
                        Satisfy(part);
                    }

                    break;
                case AgeCriterion age:
                    if (age.Min is int min)
                    {
                        _minAge = Math.Max(_minAge == 30 ? 0 : _minAge, min);
                    }

                    if (age.Below is int below)
                    {
                        _maxAgeExclusive = Math.Min(_maxAgeExclusive, below);
                        if (_minAge >= below)
                        {
                            _minAge = below - 1;
                        }
                    }

                    break;
                case SexCriterion s:
                    _sex = s.Sex;
                    break;
                case PregnancyCriterion p:
                    _pregnant = p.IsPregnant;
                    _sex = p.IsPregnant ? Sex.Female : _sex;
                    break;
                default:
                    throw new InvalidOperationException(criterion.GetType().Name);
            }
        }

        public Case ToCase(int? age = null, IReadOnlyDictionary<string, EvidenceState>? states = null) => Case.Create(
            new PatientProfile { Age = age ?? _minAge, Sex = _sex ?? Sex.Female, IsPregnant = _pregnant },
            (states ?? _states).Select(kv => new Evidence { FindingId = kv.Key, State = kv.Value }));

        /// <summary>The first one-step change (an age just across a threshold, or one finding absent) that stops the rule.</summary>
        public Case? NearMiss(Func<Case, bool> misses)
        {
            var candidates = new List<Case>();
            if (_minAge > 0 && _minAge != 30)
            {
                candidates.Add(ToCase(age: _minAge - 1));
            }

            if (_maxAgeExclusive <= 120)
            {
                candidates.Add(ToCase(age: _maxAgeExclusive));
            }

            foreach (var key in _states.Keys)
            {
                var flipped = new Dictionary<string, EvidenceState>(_states, StringComparer.Ordinal) { [key] = EvidenceState.Absent };
                candidates.Add(ToCase(states: flipped));
            }

            return candidates.FirstOrDefault(misses);
        }
    }
}

public sealed class TriageCombinerTests
{
    [Fact]
    public void A_likely_aneurysm_raises_triage_to_its_care_level_and_says_why()
    {
        var kb = KnowledgeBase.Default;
        var c = Case.For(70, Sex.Male).Present("pain-lower-back", "pulsatile-abdominal-mass", "smoking", "onset-sudden-severe").Build();
        var triage = new RedFlagEvaluator(kb).Evaluate(c) with { Level = TriageLevel.SelfCare };
        var differential = new BackHip.Domain.Differential.DifferentialEngine(kb).Score(c);
        var aneurysm = differential.Ranked.Single(r => r.ConditionId == "abdominal-aortic-aneurysm");
        Assert.True(TriageCombiner.EscalationProbability(aneurysm) >= CareLevelThresholds.Default.Emergency);
        var combined = Through(new TriageCombiner(kb), triage, differential);
        Assert.Equal(kb.GetCondition("abdominal-aortic-aneurysm").CareLevel.Level, combined.Level);
        Assert.Equal(TriageLevel.EmergencyAmbulance, combined.Level);
        Assert.Contains(combined.Escalations, e => e.Contains("abdominal-aortic-aneurysm", StringComparison.Ordinal));
        Assert.Contains("abdominal-aortic-aneurysm", combined.SeriousConditionsNotExcluded);
    }

    [Fact]
    public void A_condition_below_its_threshold_raises_nothing()
    {
        var kb = KnowledgeBase.Default;
        var c = Case.For(30, Sex.Male).Present("pain-lower-back", "onset-sudden-lifting").Build();
        var triage = new RedFlagEvaluator(kb).Evaluate(c);
        var differential = new BackHip.Domain.Differential.DifferentialEngine(kb).Score(c);
        var strict = new CareLevelThresholds { Emergency = 1, Consultation24 = 1, Consultation = 1 };
        var combined = TriageCombiner.Combine(triage, differential, kb, strict);
        Assert.Equal(triage.Level, combined.Level);
        Assert.Empty(combined.Escalations);
    }

    [Fact]
    public void Escalation_probability_ignores_present_evidence_against_and_counts_absent_evidence()
    {
        static BackHip.Domain.Differential.Contribution C(EvidenceState state, double lr) =>
            new() { FindingId = "f", State = state, LikelihoodRatio = lr, SourceKey = "S1", Grade = EvidenceGrade.Study };
        var baseline = new BackHip.Domain.Differential.RankedCondition { ConditionId = "c", Probability = 0.1, Prior = 0.1, LogOdds = 0, Contributions = [] };
        var against = baseline with { Contributions = [C(EvidenceState.Present, 0.2)] };
        var absent = baseline with { Contributions = [C(EvidenceState.Absent, 0.2)] };
        var supporting = baseline with { Contributions = [C(EvidenceState.Present, 4)] };
        Assert.Equal(0.1, TriageCombiner.EscalationProbability(baseline), 9);
        Assert.Equal(0.1, TriageCombiner.EscalationProbability(against), 9);
        Assert.Equal(0.1 * 0.2 / ((0.1 * 0.2) + 0.9), TriageCombiner.EscalationProbability(absent), 9);
        Assert.Equal(0.4 / 1.3, TriageCombiner.EscalationProbability(supporting), 9);
    }

    private static TriageResult Through(ITriageCombiner combiner, TriageResult triage, BackHip.Domain.Differential.RankedDifferential differential) =>
        combiner.Combine(triage, differential);

    [Theory]
    [InlineData(0.0, 0.05, 0.25)]
    [InlineData(1.5, 0.05, 0.25)]
    [InlineData(double.NaN, 0.05, 0.25)]
    [InlineData(0.1, 0.05, 0.25)]
    [InlineData(0.02, 0.3, 0.25)]
    public void Thresholds_outside_zero_to_one_or_rising_with_urgency_are_rejected(double emergency, double consultation24, double consultation)
    {
        var thresholds = new CareLevelThresholds { Emergency = emergency, Consultation24 = consultation24, Consultation = consultation };
        Assert.NotEmpty(thresholds.Problems());
        Assert.Throws<ArgumentException>(() => new TriageCombiner(KnowledgeBase.Default, thresholds));
    }

    [Fact]
    public void Default_thresholds_are_valid_and_fall_with_urgency()
    {
        Assert.Empty(CareLevelThresholds.Default.Problems());
        Assert.Equal(0.02, CareLevelThresholds.Default.For(TriageLevel.EmergencyAmbulance));
        Assert.Equal(0.02, CareLevelThresholds.Default.For(TriageLevel.Emergency));
        Assert.Equal(0.05, CareLevelThresholds.Default.For(TriageLevel.Consultation24));
        Assert.Equal(0.25, CareLevelThresholds.Default.For(TriageLevel.Consultation));
        Assert.Null(CareLevelThresholds.Default.For(TriageLevel.SelfCare));
    }
}
