using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;
using BenchmarkDotNet.Attributes;

namespace BackHip.Domain.Benchmarks;

/// <summary>
/// One case through every stage. Baseline: a naive scorer an app developer might write straight from
/// <c>likelihoods.json</c> with dictionaries and LINQ. <see cref="Floor"/> only sums the same log-likelihood entries
/// with a raw loop. Read the Ratio and Alloc Ratio columns, not absolute times.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScoringConfig))]
public class ScoringBenchmarks
{
    private readonly KnowledgeBase _knowledge = KnowledgeBase.Default;
    private DifferentialEngine _engine = null!;
    private RedFlagEvaluator _evaluator = null!;
    private QuestionSelector _selector = null!;
    private BackHipAssessor _assessor = null!;
    private Case _case = null!;
    private string _caseJson = null!;
    private JsonNode _likelihoods = null!;
    private double[] _buffer = null!;
    private int[] _floorCondition = null!;
    private double[] _floorLn = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new DifferentialEngine(_knowledge);
        _evaluator = new RedFlagEvaluator(_knowledge);
        _selector = new QuestionSelector(_knowledge);
        _assessor = BackHipAssessor.CreateDefault();
        _case = Case.For(46, Sex.Male)
            .Present("pain-lower-back", "pain-below-knee", "slr-positive", "leg-pain-worse-than-back", "worse-cough-sneeze", "duration-under-2-weeks")
            .Absent("bladder-dysfunction", "saddle-numbness", "fever-or-chills", "history-of-cancer")
            .Build();
        _caseJson = BackHipJson.WriteCase(_case);
        _likelihoods = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        _buffer = new double[_engine.ConditionOrder.Length];

        // The floor: exactly the (condition, ln LR) entries the case's answers select, summed by a raw loop.
        var order = _engine.ConditionOrder.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var entries = _knowledge.Likelihoods.Pairs
            .Where(p => _case.StateOf(p.FindingId) != EvidenceState.Unknown)
            .Select(p => (order[p.ConditionId], Math.Log(_case.StateOf(p.FindingId) == EvidenceState.Present ? p.LrPositive : p.LrNegative)))
            .ToArray();
        _floorCondition = [.. entries.Select(e => e.Item1)];
        _floorLn = [.. entries.Select(e => e.Item2)];
    }

    [Benchmark(Baseline = true)]
    public string NaiveDictionaryScoring()
    {
        var answers = _case.Evidence.ToDictionary(e => e.FindingId, e => e.State);
        var weights = _likelihoods["priors"]!.AsArray().ToDictionary(p => (string)p!["condition"]!, p => Math.Log((double)p!["prevalence"]!));
        foreach (var pair in _likelihoods["pairs"]!.AsArray())
        {
            var finding = (string)pair!["finding"]!;
            if (!answers.TryGetValue(finding, out var state))
            {
                continue;
            }

            double lr = pair["specificity"] is JsonNode spec
                ? state == EvidenceState.Present ? (double)pair["sensitivity"]! / (1 - (double)spec) : (1 - (double)pair["sensitivity"]!) / (double)spec
                : state == EvidenceState.Present ? (double?)pair["lrPositive"] ?? 1 : (double?)pair["lrNegative"] ?? 1;
            weights[(string)pair["condition"]!] += Math.Log(lr);
        }

        var total = weights.Values.Sum(Math.Exp);
        return weights.Select(kv => (kv.Key, P: Math.Exp(kv.Value) / total)).OrderByDescending(x => x.P).First().Key;
    }

    [Benchmark]
    public double Floor()
    {
        var sums = _buffer;
        Array.Clear(sums);
        for (var i = 0; i < _floorCondition.Length; i++)
        {
            sums[_floorCondition[i]] += _floorLn[i];
        }

        return sums[0];
    }

    [Benchmark]
    public double ScoreIntoSpan()
    {
        _engine.ScoreInto(_case, _buffer);
        return _buffer[0];
    }

    [Benchmark]
    public RankedDifferential ScoreWithExplanations() => _engine.Score(_case);

    [Benchmark]
    public TriageLevel TriageLevelOnly() => _evaluator.EvaluateLevel(_case);

    [Benchmark]
    public TriageResult TriageFull() => _evaluator.Evaluate(_case);

    [Benchmark]
    public ProposedQuestion? NextQuestion() => _selector.Rank(_case, QuestionOptions.Default with { MaxProposals = 1 }).FirstOrDefault();

    [Benchmark]
    public Assessment Assess() => _assessor.Assess(_case);

    [Benchmark]
    public string JsonParseAssessSerialize() => BackHipJson.WriteAssessment(_assessor.Assess(BackHipJson.ReadCase(_caseJson)));
}
