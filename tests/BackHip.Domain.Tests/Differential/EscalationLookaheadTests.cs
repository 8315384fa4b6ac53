using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The interview looks one answer ahead of the triage combiner: a question whose yes would take a condition that needs a
/// doctor within 24 hours or sooner to its escalation threshold is asked before any other detail question, and the
/// interview does not stop while one is open.
/// </summary>
public sealed class EscalationLookaheadTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly QuestionSelector Selector = new(Kb);
    private static readonly RedFlagEvaluator Evaluator = new(Kb);
    private static readonly DifferentialEngine Engine = new(Kb);

    private static bool Raises(ProposedQuestion q) => q.Rationale.StartsWith("A yes could take ", StringComparison.Ordinal);

    private static IEnumerable<string> OptionsOf(ProposedQuestion q) =>
        q.Options.IsDefaultOrEmpty ? [q.FindingId] : q.Options.Select(o => o.FindingId);

    private static TriageLevel Combined(Case c) => TriageCombiner.Combine(Evaluator.Evaluate(c), Engine.Score(c), Kb).Level;

    private static Case With(Case c, string findingId) =>
        Case.Create(c.Profile, [.. c.Evidence, new Evidence { FindingId = findingId, State = EvidenceState.Present }], c.Instruments, c.Setting);

    // Exertional hip pain with a limp, under two weeks: a femoral neck stress fracture (care within 24 hours) sits below
    // its 5% threshold, and a yes to "did it start after exertion" (LR+ about 4.7) would take it over.
    private static Case ExertionalHip() => Case.For(40, Sex.Male).Initial("pain-hip")
        .Present("pain-lower-back", "duration-under-2-weeks", "limp")
        .Absent("duration-2-to-6-weeks", "duration-6-to-12-weeks", "duration-over-12-weeks").Build();

    [Fact]
    public void An_answer_that_would_raise_triage_through_the_differential_is_asked_first_and_keeps_the_interview_going()
    {
        var c = ExertionalHip();
        var before = Combined(c);
        Assert.True(before < TriageLevel.Consultation24, before.ToString());
        Assert.True(Combined(With(c, "onset-after-exertion")) >= TriageLevel.Consultation24);

        var details = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 60 }).Where(q => q.Stage == QuestionStage.Detail).ToList();
        var raising = details.TakeWhile(Raises).ToList();
        var exertion = Assert.Single(raising, q => OptionsOf(q).Contains("onset-after-exertion"));
        Assert.Equal(TriageLevel.Consultation24, exertion.CouldRaiseTo);
        Assert.Contains("femoral-neck-stress-fracture", exertion.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain(details.Skip(raising.Count), Raises);

        // Asked and answered no, the lookahead closes; the stop rule no longer waits on it.
        var stop = Selector.ShouldStop(c, 4);
        Assert.False(stop.ShouldStop);
        var answered = Case.Create(c.Profile, [.. c.Evidence, new Evidence { FindingId = "onset-after-exertion", State = EvidenceState.Absent }]);
        Assert.DoesNotContain(Selector.Rank(answered, QuestionOptions.Default with { MaxProposals = 60 }), q => Raises(q) && OptionsOf(q).Contains("onset-after-exertion"));
    }

    [Fact]
    public void The_lookahead_uses_the_thresholds_it_is_given()
    {
        // With a 24-hour threshold no answer can reach, nothing is marked and the stop rule does not wait on it.
        var c = ExertionalHip();
        var strict = QuestionOptions.Default with { MaxProposals = 60, EscalationThresholds = CareLevelThresholds.Default with { Consultation24 = 0.99, Consultation = 0.99 } };
        Assert.DoesNotContain(Selector.Rank(c, strict), q => Raises(q) && q.CouldRaiseTo == TriageLevel.Consultation24);
        Assert.Contains(Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 60 }), q => Raises(q) && q.CouldRaiseTo == TriageLevel.Consultation24);
    }

    [Fact]
    public void Every_detail_answer_that_would_raise_triage_to_24_hours_or_sooner_through_the_differential_is_marked_and_keeps_the_interview_going() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var level = Combined(c);
            var proposals = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 400 });
            var marked = proposals.Where(Raises).SelectMany(OptionsOf).ToHashSet(StringComparer.Ordinal);
            var missed = proposals.Where(q => q.Stage == QuestionStage.Detail).SelectMany(OptionsOf)
                .Where(f => !marked.Contains(f))
                .Where(f =>
                {
                    var after = With(c, f);
                    var combined = Combined(after);
                    return combined > level && combined >= TriageLevel.Consultation24 && combined > Evaluator.Evaluate(after).Level;
                })
                .ToList();
            var stop = Selector.ShouldStop(c, 0);
            return missed.Count == 0 && (marked.Count == 0 || !stop.ShouldStop)
                ? true
                : throw new Xunit.Sdk.XunitException($"not marked: {string.Join(", ", missed)}; marked {marked.Count}, stop '{stop.Reason}'");
        }), maxTest: 60);
}
