using BackHip.Domain.Compiled;
using BenchmarkDotNet.Attributes;

namespace BackHip.Domain.Benchmarks;

/// <summary>
/// How scoring cost grows with the size of the knowledge base and of the case: synthetic compiled models of 30–1,000
/// conditions and 100–1,000 findings (each finding paired with 10% of the conditions), cases of 5, 20 and 80 answers.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
public class ScalingBenchmarks
{
    private CompiledModel _model = null!;
    private Case _case = null!;
    private sbyte[] _states = null!;
    private int[] _held = null!;
    private double[] _logPrior = null!;
    private double[] _sum = null!;
    private double[] _probabilities = null!;

    [Params(30, 100, 300, 1000)]
    public int Conditions { get; set; }

    [Params(100, 300, 1000)]
    public int Findings { get; set; }

    [Params(5, 20, 80)]
    public int Answers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = CompiledModel.CreateSynthetic(Conditions, Findings, Math.Max(1, Conditions / 10), seed: 42);
        var random = new Random(7);
        _case = Case.Create(
            new PatientProfile { Age = 45, Sex = Sex.Female },
            Enumerable.Range(0, Findings).OrderBy(_ => random.Next()).Take(Answers)
                .Select(f => new Evidence { FindingId = $"f{f}", State = random.Next(2) == 0 ? EvidenceState.Present : EvidenceState.Absent }));
        _states = new sbyte[Findings];
        _held = new int[Findings];
        _logPrior = new double[Conditions];
        _sum = new double[Conditions];
        _probabilities = new double[Conditions];
    }

    [Benchmark]
    public double Score()
    {
        var count = _model.Load(_case, _states, _held);
        _model.Score(_case.Profile, _case.Setting, _states, _held.AsSpan(0, count), _logPrior, _sum);
        CompiledModel.Normalize(_logPrior, _sum, _probabilities);
        return _probabilities[0];
    }
}
