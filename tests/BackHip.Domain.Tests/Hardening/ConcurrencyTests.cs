using System.Diagnostics;
using BackHip.Domain.Serialization;

namespace BackHip.Domain.Tests.Hardening;

/// <summary>
/// One shared assessor under 8 threads gives byte-identical results to a sequential run, for valid and invalid cases
/// alike. CI runs 8 × 250 assessments; <c>BACKHIP_STRESS=1</c> runs 8 × 50,000 (the scale of the red-team run).
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    [Fact]
    public void Eight_threads_give_byte_identical_results_to_a_sequential_run()
    {
        var perThread = Stress.Size(ci: 250, stress: 50_000);
        var assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);
        var cases = FsCheck.Fluent.Gen.Sample(Generators.Cases, 400).ToList();
        cases.AddRange([
            Case.For(30, Sex.Male).Pregnant().Build(),
            Case.For(130, Sex.Female).Present("no-such-finding").Build(),
            Case.For(40, Sex.Male).Present("night-pain").Absent("night-pain").Build(),
            Case.Create(new PatientProfile { Age = 40, Sex = (Sex)7 }, [new Evidence { FindingId = "night-pain", State = (EvidenceState)9 }]),
        ]);
        var expected = cases.Select(c => Outcome(assessor, c)).ToArray();
        var mismatches = 0L;
        var done = 0L;
        using var start = new Barrier(Threads);
        var watch = new Stopwatch();
        var workers = Enumerable.Range(0, Threads).Select(worker => new Thread(() =>
        {
            start.SignalAndWait();
            if (worker == 0)
            {
                watch.Start();
            }

            for (var n = 0; n < perThread; n++)
            {
                var i = ((worker * 7919) + (n * 31)) % cases.Count;
                if (!string.Equals(Outcome(assessor, cases[i]), expected[i], StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref mismatches);
                }

                Interlocked.Increment(ref done);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        watch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"{Threads} threads × {perThread:N0} assessments: {done:N0} in {watch.Elapsed.TotalSeconds:0.0} s, {mismatches} mismatches");
        Assert.Equal((long)Threads * perThread, done);
        Assert.Equal(0, mismatches);
    }

    /// <summary>The assessment's bytes, or the problems of an invalid case.</summary>
    private static string Outcome(BackHipAssessor assessor, Case c)
    {
        try
        {
            return BackHipJson.WriteAssessment(assessor.Assess(c));
        }
        catch (BackHipValidationException ex)
        {
            return BackHipJson.WriteError(0, ex.Problems);
        }
    }
}
