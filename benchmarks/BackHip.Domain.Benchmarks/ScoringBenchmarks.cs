using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using BenchmarkDotNet.Attributes;

namespace BackHip.Domain.Benchmarks;

/// <summary>
/// Scoring and triage of one case. The baseline is a naive scorer an app developer might write straight from the
/// likelihood JSON with dictionaries and LINQ. Read the Ratio and Alloc Ratio columns, not absolute times.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly KnowledgeBase _knowledge = KnowledgeBase.Default;
    private DifferentialEngine _engine = null!;
    private RedFlagEvaluator _evaluator = null!;
    private Case _case = null!;
    private JsonNode _likelihoods = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new DifferentialEngine(_knowledge);
        _evaluator = new RedFlagEvaluator(_knowledge);
        _case = Case.For(42, Sex.Male)
            .Present("pain-lower-back", "pain-below-knee", "slr-positive", "leg-pain-worse-than-back", "worse-cough-sneeze", "duration-under-2-weeks")
            .Absent("bladder-dysfunction", "saddle-numbness", "fever-or-chills", "history-of-cancer")
            .Build();
        _likelihoods = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
    }

    [Benchmark(Baseline = true)]
    public string NaiveDictionaryScoring()
    {
        var answers = _case.Evidence.ToDictionary(e => e.FindingId, e => e.State);
        var weights = _likelihoods["priors"]!.AsArray().ToDictionary(
            p => (string)p!["condition"]!,
            p => Math.Log((double)p!["prevalence"]!));
        foreach (var pair in _likelihoods["pairs"]!.AsArray())
        {
            var finding = (string)pair!["finding"]!;
            if (!answers.TryGetValue(finding, out var state))
            {
                continue;
            }

            double lr = pair["sensitivity"] is JsonNode se
                ? state == EvidenceState.Present ? (double)se / (1 - (double)pair["specificity"]!) : (1 - (double)se) / (double)pair["specificity"]!
                : state == EvidenceState.Present ? (double?)pair["lrPositive"] ?? 1 : (double?)pair["lrNegative"] ?? 1;
            weights[(string)pair["condition"]!] += Math.Log(lr);
        }

        return weights.OrderByDescending(kv => kv.Value).First().Key;
    }

    [Benchmark]
    public string EngineScore() => _engine.Score(_case).Ranked[0].ConditionId;

    [Benchmark]
    public TriageLevel Triage() => _evaluator.Evaluate(_case).Level;
}
