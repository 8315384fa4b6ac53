using BackHip.Domain.Batch;
using BenchmarkDotNet.Attributes;

namespace BackHip.Domain.Benchmarks;

/// <summary>100,000 assessments: one thread (baseline) against <see cref="BatchAssessment.AssessMany"/> on every core.
/// Server GC, as a batch host should use: assessments allocate, and workstation GC serializes the cores.</summary>
[MemoryDiagnoser]
[Config(typeof(BatchConfig))]
public class BatchBenchmarks
{
    private const int Count = 100_000;
    private BackHipAssessor _assessor = null!;
    private Case[] _cases = null!;

    // The dry CI job only proves the benchmark runs, so it uses fewer cases (its per-case time is not meaningful).
    private static int CaseCount => Jobs.IsDry ? 2_000 : Count;

    [GlobalSetup]
    public void Setup()
    {
        _assessor = BackHipAssessor.CreateDefault();
        var ids = KnowledgeBase.Default.Findings.Where(f => !f.IsComposite && KnowledgeBase.Default.SingleChoiceGroupOf(f.Id) is null).Select(f => f.Id).ToArray();
        var random = new Random(11);
        _cases = [.. Enumerable.Range(0, CaseCount).Select(_ => Case.Create(
            new PatientProfile { Age = random.Next(18, 90), Sex = random.Next(2) == 0 ? Sex.Male : Sex.Female },
            ids.OrderBy(_ => random.Next()).Take(random.Next(3, 15)).Select(f => new Evidence { FindingId = f, State = random.Next(3) == 0 ? EvidenceState.Absent : EvidenceState.Present })))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int SingleThread()
    {
        var n = 0;
        foreach (var c in _cases)
        {
            n += _assessor.Assess(c).Differential.Length;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int AssessManyAllCores() => _assessor.AssessMany(_cases).Sum(i => i.Assessment?.Differential.Length ?? 0);
}
