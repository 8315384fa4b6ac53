using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Performance;

/// <summary>The span overloads allocate nothing once warm (measured with GC.GetAllocatedBytesForCurrentThread).</summary>
public sealed class ZeroAllocationTests
{
    private static readonly Case Sciatica = Case.For(46, Sex.Male)
        .Initial("pain-lower-back", "pain-below-knee")
        .Present("slr-positive", "leg-pain-worse-than-back", "worse-cough-sneeze", "duration-under-2-weeks", "onset-before-age-40", "onset-gradual", "relieved-exercise", "not-relieved-rest")
        .Absent("bladder-dysfunction", "saddle-numbness", "fever-or-chills", "history-of-cancer")
        .Build();

    private static long Allocated(Action action)
    {
        for (var i = 0; i < 50; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void ScoreInto_allocates_nothing_and_matches_Score()
    {
        var engine = new DifferentialEngine(KnowledgeBase.Default);
        var buffer = new double[engine.ConditionOrder.Length];
        Assert.Equal(0, Allocated(() => engine.ScoreInto(Sciatica, buffer)));
        var full = engine.Score(Sciatica);
        for (var i = 0; i < buffer.Length; i++)
        {
            Assert.Equal(full.ProbabilityOf(engine.ConditionOrder[i]), buffer[i]);
        }
    }

    [Fact]
    public void Triage_level_allocates_nothing_when_no_rule_fires()
    {
        var evaluator = new RedFlagEvaluator(KnowledgeBase.Default);
        // Sciatica now fires its NG59 review rule; a short spell of plain back pain fires none.
        var plain = Case.For(42, Sex.Male).Present("pain-lower-back", "duration-under-2-weeks").Absent("bladder-dysfunction", "saddle-numbness", "fever-or-chills").Build();
        Assert.Equal(TriageLevel.SelfCare, evaluator.EvaluateLevel(plain));
        Assert.Equal(0, Allocated(() => evaluator.EvaluateLevel(plain)));
        var urgent = Case.For(45, Sex.Male).Present("saddle-numbness").Build();
        Assert.Equal(evaluator.Evaluate(urgent).Level, evaluator.EvaluateLevel(urgent));
    }

    [Fact]
    public void Span_overloads_still_reject_invalid_cases()
    {
        var engine = new DifferentialEngine(KnowledgeBase.Default);
        Assert.Throws<BackHipValidationException>(() => engine.ScoreInto(Case.For(30, Sex.Male).Present("pain-elbow").Build(), new double[engine.ConditionOrder.Length]));
        Assert.Throws<ArgumentException>(() => engine.ScoreInto(Sciatica, new double[2]));
        Assert.Throws<BackHipValidationException>(() => new RedFlagEvaluator(KnowledgeBase.Default).EvaluateLevel(Case.For(30, Sex.Male).Present("night-pain").Absent("night-pain").Build()));
    }

    [Fact]
    public void Triage_level_equals_the_full_result_on_generated_cases() =>
        Properties.Check(FsCheck.Fluent.Prop.ForAll(Generators.CaseArb, c =>
        {
            var evaluator = new RedFlagEvaluator(KnowledgeBase.Default);
            return evaluator.EvaluateLevel(c) == evaluator.Evaluate(c).Level;
        }));
}
