using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Triage;

/// <summary>Safety invariants of triage, checked over generated cases.</summary>
public sealed class TriagePropertyTests
{
    private static readonly RedFlagEvaluator Evaluator = new(KnowledgeBase.Default);

    [Fact]
    public void Any_fired_red_flag_is_never_self_care() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var result = Evaluator.Evaluate(c);
            return result.FiredRules.IsEmpty || result.Level > TriageLevel.SelfCare;
        }));

    [Fact]
    public void Adding_a_present_red_flag_finding_never_lowers_the_level() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(KnowledgeBase.Default.RedFlagFindingIds.Where(id => !KnowledgeBase.Default.GetFinding(id).IsComposite).ToArray())), (c, finding) =>
        {
            if (!Generators.CanAddPresent(c, finding))
            {
                return true;
            }

            var before = Evaluator.Evaluate(c).Level;
            var after = Evaluator.Evaluate(c.WithEvidence(new Evidence { FindingId = finding, State = EvidenceState.Present })).Level;
            return after >= before;
        }));

    private static TriageLevel Combined(Case c) =>
        TriageCombiner.Combine(Evaluator.Evaluate(c), new DifferentialEngine(KnowledgeBase.Default).Score(c), KnowledgeBase.Default).Level;

    private static Property AddingNeverLowersCombined(string[] candidates) =>
        Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(candidates)), (c, finding) =>
        {
            if (!Generators.CanAddPresent(c, finding))
            {
                return true;
            }

            return Combined(c.WithEvidence(new Evidence { FindingId = finding, State = EvidenceState.Present })) >= Combined(c);
        });

    [Fact]
    public void Adding_a_present_red_flag_finding_never_lowers_the_combined_level() =>
        Properties.Check(AddingNeverLowersCombined([.. KnowledgeBase.Default.RedFlagFindingIds.Where(id => !KnowledgeBase.Default.GetFinding(id).IsComposite)]), 300);

    [Fact]
    public void Adding_a_present_finding_that_bears_on_no_serious_condition_never_lowers_the_combined_level()
    {
        var kb = KnowledgeBase.Default;
        var serious = kb.Conditions.Where(c => c.IsSerious).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var bearing = kb.Likelihoods.Pairs.Where(p => serious.Contains(p.ConditionId)).Select(p => p.FindingId).ToHashSet(StringComparer.Ordinal);
        var candidates = Generators.StatableFindings.Where(f => !bearing.Contains(f)).ToArray();
        Assert.NotEmpty(candidates);
        Properties.Check(AddingNeverLowersCombined(candidates), 300);
    }

    [Fact]
    public void Adding_any_present_finding_never_lowers_the_combined_level() =>
        Properties.Check(AddingNeverLowersCombined(Generators.StatableFindings), 300);

    [Fact]
    public void Level_and_fired_rules_do_not_depend_on_evidence_order() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Choose(0, 1000)), (c, seed) =>
        {
            var a = Evaluator.Evaluate(c);
            var b = Evaluator.Evaluate(Generators.Shuffle(c, seed));
            return a.Level == b.Level && a.FiredRules.SequenceEqual(b.FiredRules, FiredRuleComparer.Instance) && a.OpenQuestions.SequenceEqual(b.OpenQuestions, OpenQuestionComparer.Instance);
        }));

    [Fact]
    public void Unanswered_findings_of_undecided_higher_rules_are_always_listed() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var result = Evaluator.Evaluate(c);
            var facts = CaseFacts.From(KnowledgeBase.Default, c);
            var listed = result.OpenQuestions.Select(q => q.FindingId).ToHashSet(StringComparer.Ordinal);
            return KnowledgeBase.Default.RedFlagRules
                .Where(r => r.Level > result.Level && r.When.Evaluate(facts) == Truth.Unknown)
                .SelectMany(r => r.FindingIds)
                .Where(f => facts.StateOf(f) == EvidenceState.Unknown)
                .All(listed.Contains);
        }));

    [Fact]
    public void The_differential_never_lowers_a_level_set_by_a_red_flag() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(Enum.GetValues<TriageLevel>())), (c, level) =>
        {
            var triage = Evaluator.Evaluate(c);
            var differential = new DifferentialEngine(KnowledgeBase.Default).Score(c);
            var combined = TriageCombiner.Combine(triage, differential, KnowledgeBase.Default);
            return combined.Level >= triage.Level && triage.RaiseTo(level, "probe").Level >= triage.Level;
        }));

    private sealed class FiredRuleComparer : IEqualityComparer<FiredRule>
    {
        public static readonly FiredRuleComparer Instance = new();

        public bool Equals(FiredRule? x, FiredRule? y) => x?.RuleId == y?.RuleId && x?.Level == y?.Level;

        public int GetHashCode(FiredRule obj) => obj.RuleId.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class OpenQuestionComparer : IEqualityComparer<OpenQuestion>
    {
        public static readonly OpenQuestionComparer Instance = new();

        public bool Equals(OpenQuestion? x, OpenQuestion? y) => x?.FindingId == y?.FindingId && x?.CouldRaiseTo == y?.CouldRaiseTo && x!.RuleIds.SequenceEqual(y!.RuleIds);

        public int GetHashCode(OpenQuestion obj) => obj.FindingId.GetHashCode(StringComparison.Ordinal);
    }
}
