using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>Safety invariants of the typed interview, as properties over random cases.</summary>
public sealed class InterviewPropertyTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly QuestionSelector Selector = new(Kb);
    private static readonly RedFlagEvaluator Evaluator = new(Kb);

    private static readonly string[] PersonRedFlags =
        [.. Kb.RedFlagFindingIds.Where(f => Kb.GetFinding(f) is { IsComposite: false, AnsweredBy: Respondent.Person })];

    private static IEnumerable<string> OptionsOf(ProposedQuestion q) =>
        q.Options.IsDefaultOrEmpty ? [q.FindingId] : q.Options.Select(o => o.FindingId);

    [Fact]
    public void Answering_a_checklist_never_loses_a_red_flag()
    {
        var truths = Gen.ArrayOf(Gen.Elements(PersonRedFlags)).Select(a => a.ToHashSet(StringComparer.Ordinal));
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(truths), (c, present) =>
        {
            var before = Evaluator.Evaluate(c);
            foreach (var q in Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 50 }).Where(q => q.Stage == QuestionStage.Checklist))
            {
                var ticked = OptionsOf(q).Where(present.Contains).ToArray();
                if (q.Type != QuestionType.AnyOf && ticked.Length > 1)
                {
                    ticked = [ticked[0]];
                }

                var after = q.Apply(c, QuestionAnswer.Select(ticked));
                var result = Evaluator.Evaluate(after);
                var withOnlyTicks = Evaluator.Evaluate(ticked.Aggregate(c, (x, f) => x.WithEvidence(new Evidence { FindingId = f, State = EvidenceState.Present })));
                var fired = result.FiredRules.Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal);
                if (result.Level < before.Level || before.FiredRules.Any(r => !fired.Contains(r.RuleId)) || withOnlyTicks.FiredRules.Any(r => !fired.Contains(r.RuleId))
                    || ticked.Any(f => after.StateOf(f) != EvidenceState.Present))
                {
                    return false;
                }

                // "Not sure" leaves every option unknown and never lowers the level either.
                var unsure = q.Apply(c, QuestionAnswer.DontKnow);
                if (Evaluator.Evaluate(unsure).Level < before.Level || OptionsOf(q).Any(f => unsure.StateOf(f) != EvidenceState.Unknown))
                {
                    return false;
                }
            }

            return true;
        }), maxTest: 60);
    }

    [Fact]
    public void The_interview_never_asks_an_answered_finding_nor_a_follow_up_before_its_parent()
    {
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var answered = c.Evidence.Select(e => e.FindingId).ToHashSet(StringComparer.Ordinal);
            return Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 100 }).All(q => OptionsOf(q).All(f =>
                !answered.Contains(f)
                && Kb.GetFinding(f).Requires.All(p => c.StateOf(p) == EvidenceState.Present)));
        }), maxTest: 100);
    }

    [Fact]
    public void A_simulated_interview_finds_every_red_flag_the_person_could_report_and_respects_dependencies()
    {
        var profiles = Generators.Profiles;
        var truths = Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(PersonRedFlags), n)).Select(a => a.Distinct(StringComparer.Ordinal).ToArray());
        var assessor = BackHipAssessor.CreateDefault();
        Properties.Check(Prop.ForAll(Arb.From(profiles), Arb.From(truths), (profile, present) =>
        {
            // The truth: the chosen red flags present (with their parents), every other red-flag finding absent.
            var builder = new Dictionary<string, EvidenceState>(StringComparer.Ordinal);
            foreach (var f in PersonRedFlags)
            {
                builder[f] = EvidenceState.Absent;
            }

            var stack = new Stack<string>(present);
            while (stack.Count > 0)
            {
                var f = stack.Pop();
                builder[f] = EvidenceState.Present;
                foreach (var p in Kb.GetFinding(f).Requires)
                {
                    stack.Push(p);
                }
            }

            foreach (var group in Kb.QuestionGroups.Where(g => g.Mode == SelectionMode.OneOf))
            {
                foreach (var extra in group.Options.Where(o => builder.GetValueOrDefault(o.FindingId) == EvidenceState.Present).Skip(1))
                {
                    builder[extra.FindingId] = EvidenceState.Absent;
                }
            }

            var truth = Case.Create(profile, builder.Select(kv => new Evidence { FindingId = kv.Key, State = kv.Value }));
            var run = InterviewSimulator.Run(assessor, truth);

            // Every step: no follow-up asked before its parent was answered present (checked on the final order of evidence).
            var order = run.Final.Evidence.Select((e, i) => (e, i)).ToDictionary(x => x.e.FindingId, x => x.i, StringComparer.Ordinal);
            var dependenciesHold = run.Final.Evidence.All(e => Kb.GetFinding(e.FindingId).Requires.All(p =>
                order.TryGetValue(p, out var pi) && pi < order[e.FindingId] && run.Final.StateOf(p) == EvidenceState.Present));
            return run.LostUrgentRules.IsEmpty && run.InterviewLevel >= run.PersonLevel && dependenciesHold
                ? true
                : throw new Xunit.Sdk.XunitException($"lost {string.Join(",", run.LostUrgentRules)}; level {run.InterviewLevel} vs {run.PersonLevel}; dependencies {dependenciesHold}");
        }), maxTest: 25);
    }

    [Fact]
    public void A_shorter_proposal_list_is_a_prefix_of_a_longer_one_and_detail_questions_come_by_triage_then_gain()
    {
        // The selector ranks every candidate by expected gain and builds only the questions it returns; asking for fewer
        // must return the same questions in the same order, and the stop decision must not depend on how many were asked for.
        Properties.Check(Prop.ForAll(Generators.CaseArb, Gen.Choose(0, 12).ToArbitrary(), (c, k) =>
        {
            var all = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 60 });
            var some = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = k });
            var details = all.Where(q => q.Stage == QuestionStage.Detail).ToList();
            // A question whose yes could take a condition to its triage threshold comes first (its rationale says so).
            static bool Raises(ProposedQuestion q) => q.Rationale.StartsWith("A yes could take ", StringComparison.Ordinal);
            var ordered = details.Zip(details.Skip(1)).All(x => (Raises(x.First) && !Raises(x.Second))
                || (Raises(x.First) == Raises(x.Second) && (x.First.ExpectedGain > x.Second.ExpectedGain
                || (x.First.ExpectedGain == x.Second.ExpectedGain && string.CompareOrdinal(x.First.Id, x.Second.Id) < 0))));
            var prefix = some.Length == Math.Min(k, all.Length) && some.Select(q => (q.Id, q.ExpectedGain, q.Question, q.Rationale))
                .SequenceEqual(all.Take(k).Select(q => (q.Id, q.ExpectedGain, q.Question, q.Rationale)));
            var stopAll = Selector.ShouldStop(c, 0, QuestionOptions.Default with { MaxProposals = 60 });
            var stopSome = Selector.ShouldStop(c, 0, QuestionOptions.Default with { MaxProposals = k });
            return ordered && prefix && details.All(q => q.ExpectedGain > 0 || Raises(q))
                && stopAll.ShouldStop == stopSome.ShouldStop && stopAll.Reason == stopSome.Reason && stopAll.UrgentRedFlagQuestionsOpen == stopSome.UrgentRedFlagQuestionsOpen
                ? true
                : throw new Xunit.Sdk.XunitException($"k={k}: ordered {ordered}, prefix {prefix}, stop '{stopAll.Reason}' vs '{stopSome.Reason}'");
        }), maxTest: 60);
    }
}
