using System.Collections.Immutable;
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

        // The other detail questions, single and grouped, still follow by expected gain.
        Assert.Contains(details.Skip(raising.Count), q => q.Options.Length == 1 && q.ExpectedGain > 0);
        Assert.Contains(details.Skip(raising.Count), q => q.Options.Length > 1 && q.ExpectedGain > 0);

        // Asked and answered no, the lookahead closes; the stop rule no longer waits on it.
        var stop = Selector.ShouldStop(c, 4);
        Assert.False(stop.ShouldStop);
        var answered = Case.Create(c.Profile, [.. c.Evidence, new Evidence { FindingId = "onset-after-exertion", State = EvidenceState.Absent }]);
        Assert.DoesNotContain(Selector.Rank(answered, QuestionOptions.Default with { MaxProposals = 60 }), q => Raises(q) && OptionsOf(q).Contains("onset-after-exertion"));
    }

    [Fact]
    public void An_interview_asks_the_raising_question_before_stopping_and_ends_at_the_raised_level()
    {
        // A person with exertional hip pain and a limp who would say yes to "did it start after exertion" and does not know
        // the rest: the interview keeps going for that question (its stop reason says why), asks it, and ends at 24-hour
        // review.
        var truth = new Dictionary<string, EvidenceState>(StringComparer.Ordinal)
        {
            ["pain-hip"] = EvidenceState.Present, ["pain-lower-back"] = EvidenceState.Present, ["duration-under-2-weeks"] = EvidenceState.Present,
            ["limp"] = EvidenceState.Present, ["onset-after-exertion"] = EvidenceState.Present,
        };
        var interview = Interview.Start(Kb, Case.Create(new PatientProfile { Age = 40, Sex = Sex.Male }, []));
        var reasons = new List<string>();
        var askedExertion = false;
        while (interview.Next() is { } question)
        {
            var status = interview.Status();
            reasons.Add(status.Reason);
            var options = OptionsOf(question).ToList();
            if (options.Contains("onset-after-exertion"))
            {
                askedExertion = true;
                Assert.Equal(TriageLevel.Consultation24, question.CouldRaiseTo);
            }

            // A literal respondent: yes to what is true, "don't know" to everything else (a chosen one-of option settles
            // its siblings).
            var selected = options.Where(o => truth.GetValueOrDefault(o) == EvidenceState.Present).Take(question.Type == QuestionType.OneOf ? 1 : int.MaxValue).ToImmutableArray();
            var unsure = question.Type == QuestionType.OneOf && selected.Length == 1 ? [] : options.Where(o => !selected.Contains(o)).ToImmutableArray();
            interview = interview.Answer(question, new QuestionAnswer { Selected = selected, Unsure = unsure });
        }

        Assert.True(askedExertion, string.Join("\n", interview.Case.Evidence.Select(e => e.FindingId + " " + e.State)) + "\n" + string.Join("\n", reasons));
        Assert.Contains(reasons, r => r.Contains("could raise triage through the differential", StringComparison.Ordinal));
        Assert.True(interview.Case.StateOf("onset-after-exertion") == EvidenceState.Present);
        Assert.True(Combined(interview.Case) >= TriageLevel.Consultation24);
        // It stops by its rule once the raising question is answered, well within the budget.
        Assert.True(interview.Status().ShouldStop);
        Assert.InRange(interview.QuestionsAsked, 5, QuestionOptions.Default.MaxQuestions - 5);
    }

    [Fact]
    public void A_grouping_that_one_answer_takes_over_its_threshold_is_looked_ahead_as_a_group()
    {
        // Thoracic back pain at 70 with a weakened immune system: no spinal infection alone would reach the emergency
        // threshold with a tuberculosis exposure, but the three together (the spinal-infection grouping, mixed by their
        // priors) would; the question is marked for the grouping.
        var c = Case.For(70, Sex.Male).Initial("pain-lower-back").Present("pain-thoracic-back", "immunosuppression").Build();
        var before = TriageCombiner.Combine(Evaluator.Evaluate(c), Engine.Score(c), Kb);
        Assert.True(before.Level < TriageLevel.Emergency, before.Level.ToString());
        var after = TriageCombiner.Combine(Evaluator.Evaluate(With(c, "tuberculosis-risk")), Engine.Score(With(c, "tuberculosis-risk")), Kb);
        Assert.Equal(TriageLevel.Emergency, after.Level);
        Assert.All(after.Escalations.Where(e => e.Contains("Emergency", StringComparison.Ordinal)), e => Assert.StartsWith("spinal-infection (its conditions together)", e, StringComparison.Ordinal));

        var proposals = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 400 });
        var tb = Assert.Single(proposals, q => OptionsOf(q).Contains("tuberculosis-risk"));
        Assert.True(Raises(tb));
        Assert.Equal(TriageLevel.Emergency, tb.CouldRaiseTo);
        Assert.Contains("spinal-infection", tb.Rationale, StringComparison.Ordinal);

        // A grouping threshold no answer can reach marks nothing for the grouping.
        var strict = QuestionOptions.Default with { MaxProposals = 400, EscalationThresholds = CareLevelThresholds.Default with { Emergency = 0.049 } };
        Assert.DoesNotContain(Selector.Rank(c, strict), q => Raises(q) && q.Rationale.Contains("spinal-infection", StringComparison.Ordinal));
    }

    private static double Odds(double p) => p / (1 - p);

    private static double FromOdds(double o) => o / (1 + o);

    private static bool MarkedFor(Case c, QuestionOptions options, string findingId, string conditionId) =>
        Selector.Rank(c, options with { MaxProposals = 400 }).Any(q => Raises(q) && OptionsOf(q).Contains(findingId) && q.Rationale.Contains(conditionId, StringComparison.Ordinal));

    [Fact]
    public void The_one_answer_threshold_is_the_escalation_odds_times_the_ratio_exactly()
    {
        // Just below the threshold the yes would reach, the question is marked; just above it, it is not.
        var c = ExertionalHip();
        var p = TriageCombiner.EscalationProbability(Engine.Score(c).Ranked.Single(r => r.ConditionId == "femoral-neck-stress-fracture"));
        var lr = Kb.Likelihoods.Pairs.Single(x => x.ConditionId == "femoral-neck-stress-fracture" && x.FindingId == "onset-after-exertion").LrPositive;
        var reach = FromOdds(Odds(p) * lr);
        Assert.InRange(reach, 0.05, 0.2);
        MarkedJustBelow(c, reach, t => CareLevelThresholds.Default with { Consultation24 = t }, "onset-after-exertion", "femoral-neck-stress-fracture");
    }

    // Marked with the threshold a millionth below what the yes would reach, not marked a millionth above it.
    private static void MarkedJustBelow(Case c, double reach, Func<double, CareLevelThresholds> thresholds, string findingId, string conditionId)
    {
        Assert.True(MarkedFor(c, QuestionOptions.Default with { EscalationThresholds = thresholds(reach * (1 - 1e-6)) }, findingId, conditionId));
        Assert.False(MarkedFor(c, QuestionOptions.Default with { EscalationThresholds = thresholds(reach * (1 + 1e-6)) }, findingId, conditionId));
    }

    [Fact]
    public void The_one_answer_threshold_of_a_grouping_is_its_mixture_with_the_yes_exactly()
    {
        var c = Case.For(70, Sex.Male).Initial("pain-lower-back").Present("pain-thoracic-back", "immunosuppression").Build();
        var after = Engine.Score(With(c, "tuberculosis-risk")).Ranked.Where(r => Kb.GroupingsOf(r.ConditionId).Contains("spinal-infection"));
        var reach = TriageCombiner.GroupEscalationProbability(after);
        Assert.InRange(reach, 0.02, 0.05);
        MarkedJustBelow(c, reach, t => CareLevelThresholds.Default with { Emergency = t }, "tuberculosis-risk", "spinal-infection");
    }

    [Fact]
    public void An_answer_that_would_raise_two_conditions_names_the_more_urgent_level()
    {
        // Hip pain at 60 with diabetes and vomiting: feeling generally unwell would take kidney infection to its 24-hour
        // threshold and septic arthritis to its emergency threshold; the question names the emergency.
        var c = Case.For(60, Sex.Female).Initial("pain-hip").Present("diabetes", "nausea-vomiting").Build();
        var after = TriageCombiner.Combine(Evaluator.Evaluate(With(c, "malaise")), Engine.Score(With(c, "malaise")), Kb);
        Assert.Contains(after.Escalations, e => e.StartsWith("kidney-infection", StringComparison.Ordinal) && e.Contains("(Consultation24)", StringComparison.Ordinal));
        Assert.Contains(after.Escalations, e => e.StartsWith("septic-arthritis-hip", StringComparison.Ordinal) && e.Contains("(Emergency)", StringComparison.Ordinal));
        Assert.True(Combined(c) < TriageLevel.Consultation24);
        var malaise = Assert.Single(Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 400 }), q => OptionsOf(q).Contains("malaise"));
        Assert.True(Raises(malaise));
        Assert.Equal(TriageLevel.Emergency, malaise.CouldRaiseTo);
        Assert.Contains("septic-arthritis-hip", malaise.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_whose_care_level_the_triage_already_gives_is_not_looked_ahead()
    {
        // A cancer history already sends exertional hip pain to 24-hour review by a red-flag rule: the stress fracture's
        // 24 hours would raise nothing, so its question is not marked; nothing marked names 24 hours or less.
        var c = Case.For(40, Sex.Male).Initial("pain-hip")
            .Present("pain-lower-back", "duration-under-2-weeks", "limp", "history-of-cancer")
            .Absent("duration-2-to-6-weeks", "duration-6-to-12-weeks", "duration-over-12-weeks").Build();
        Assert.Equal(TriageLevel.Consultation24, Evaluator.Evaluate(c).Level);
        var proposals = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 400 });
        Assert.DoesNotContain(proposals, q => Raises(q) && q.CouldRaiseTo <= TriageLevel.Consultation24);
        Assert.False(MarkedFor(c, QuestionOptions.Default, "onset-after-exertion", "femoral-neck-stress-fracture"));
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

    // Findings whose "yes" scores exactly its pairs' LR+: in no variable of restated answers, no nesting, no implied
    // pairs and no cluster, so one answer ahead is exact for them and a marked one must raise triage.
    private static readonly HashSet<string> Related =
    [
        .. Kb.Likelihoods.Variables.SelectMany(v => v.FindingIds),
        .. Kb.Likelihoods.Nested.SelectMany(n => n.NarrowerIds.Append(n.BroadId)),
        .. Kb.Likelihoods.Pairs.Where(p => p.ImpliedFrom is not null).SelectMany(p => new[] { p.FindingId, p.ImpliedFrom! }),
        .. Kb.Findings.Where(f => f.IsComposite).SelectMany(f => f.Composite!.Of),
    ];

    [Fact]
    public void A_marked_answer_without_related_findings_does_raise_triage_to_the_level_it_names() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var level = Combined(c);
            var wrong = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 400 })
                .Where(Raises)
                .Where(q => q.Options.Length == 1 && !Related.Contains(q.FindingId))
                .Where(q => Combined(With(c, q.FindingId)) < q.CouldRaiseTo || q.CouldRaiseTo <= level)
                .Select(q => $"{q.FindingId} names {q.CouldRaiseTo}, reaches {Combined(With(c, q.FindingId))} from {level}")
                .ToList();
            return wrong.Count == 0 ? true : throw new Xunit.Sdk.XunitException(string.Join("; ", wrong));
        }), maxTest: 60);

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
            // Each marked question names at least the most urgent level one of its options actually reaches.
            var understated = proposals.Where(Raises)
                .Where(q => OptionsOf(q).Select(f => Combined(With(c, f))).Where(l => l > level).DefaultIfEmpty(TriageLevel.SelfCare).Max() > q.CouldRaiseTo)
                .Select(q => q.Id).ToList();
            var beyond = proposals.Where(q => Raises(q) && q.CouldRaiseTo <= level).Select(q => q.Id + " (already " + level + ")");
            understated.AddRange(beyond);
            missed.AddRange(understated);

            // Detail questions: the raising ones first, then by expected gain, then by id.
            var details = proposals.Where(q => q.Stage == QuestionStage.Detail).ToList();
            var ordered = details.Zip(details.Skip(1)).All(x => (Raises(x.First) && !Raises(x.Second))
                || (Raises(x.First) == Raises(x.Second) && (x.First.ExpectedGain > x.Second.ExpectedGain
                || (x.First.ExpectedGain == x.Second.ExpectedGain && string.CompareOrdinal(x.First.Id, x.Second.Id) < 0))));
            var stop = Selector.ShouldStop(c, 0);
            var gaining = details.All(q => q.ExpectedGain > 0 || Raises(q));
            return missed.Count == 0 && ordered && gaining && (marked.Count == 0 || !stop.ShouldStop)
                ? true
                : throw new Xunit.Sdk.XunitException($"not marked or understated: {string.Join(", ", missed)}; ordered {ordered}; gaining {gaining}; marked {marked.Count}, stop '{stop.Reason}'");
        }), maxTest: 60);
}
