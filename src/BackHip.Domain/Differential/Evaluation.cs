using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace BackHip.Domain.Differential;

/// <summary>A case with the condition it is known to have, for evaluating a knowledge base.</summary>
public sealed record LabelledCase
{
    /// <summary>A short name for reports.</summary>
    public required string Name { get; init; }

    /// <summary>The case.</summary>
    public required Case Case { get; init; }

    /// <summary>The condition the case is known to have.</summary>
    public required string ExpectedConditionId { get; init; }

    /// <summary>Where the case comes from and how it was written (for example an external vignette set, or cases written
    /// by the same people who set the model's numbers), so that reports keep figures from different origins apart;
    /// <see langword="null"/> when not stated.</summary>
    public string? Origin { get; init; }
}

/// <summary>One bin of a calibration table: predictions in [Lower, Upper) and how often they were right.</summary>
public sealed record CalibrationBin
{
    /// <summary>The lower bound of predicted probability (inclusive).</summary>
    public required double Lower { get; init; }

    /// <summary>The upper bound (exclusive; the last bin includes 1).</summary>
    public required double Upper { get; init; }

    /// <summary>How many condition predictions fell in the bin.</summary>
    public required int Count { get; init; }

    /// <summary>The mean predicted probability in the bin (0 when empty).</summary>
    public required double MeanPredicted { get; init; }

    /// <summary>The share of those predictions that were the expected condition (0 when empty).</summary>
    public required double Observed { get; init; }
}

/// <summary>A case the engine did not rank first, for inspection.</summary>
public sealed record EvaluationMiss
{
    /// <summary>The case name.</summary>
    public required string Name { get; init; }

    /// <summary>The expected condition.</summary>
    public required string Expected { get; init; }

    /// <summary>Its rank (0 when not ranked at all).</summary>
    public required int Rank { get; init; }

    /// <summary>The condition ranked first.</summary>
    public required string Top { get; init; }
}

/// <summary>Accuracy and calibration of a differential engine over labelled cases.</summary>
/// <remarks>Immutable. <see cref="ToString"/> renders a plain-text report.</remarks>
public sealed record EvaluationReport
{
    /// <summary>How many cases were evaluated.</summary>
    public required int CaseCount { get; init; }

    /// <summary>Share of cases whose expected condition was ranked first.</summary>
    public required double Top1 { get; init; }

    /// <summary>Share ranked in the top 3.</summary>
    public required double Top3 { get; init; }

    /// <summary>Share ranked in the top 5.</summary>
    public required double Top5 { get; init; }

    /// <summary>Mean of 1/rank (0 for an unranked expected condition).</summary>
    public required double MeanReciprocalRank { get; init; }

    /// <summary>Share of cases whose expected condition was ranked at all (applicable to the person).</summary>
    public required double Coverage { get; init; }

    /// <summary>Multi-class Brier score: mean over cases of the summed squared error over conditions (0 best, 2 worst).</summary>
    public required double BrierScore { get; init; }

    /// <summary>The calibration table over every (case, condition) prediction.</summary>
    public required ImmutableArray<CalibrationBin> Calibration { get; init; }

    /// <summary>Cases not ranked first.</summary>
    public required ImmutableArray<EvaluationMiss> Misses { get; init; }

    /// <summary>Renders the report as plain text.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"cases {CaseCount}  top-1 {Top1:P1}  top-3 {Top3:P1}  top-5 {Top5:P1}  MRR {MeanReciprocalRank:0.000}  coverage {Coverage:P1}  Brier {BrierScore:0.000}"));
        sb.AppendLine("calibration (predicted range: n, mean predicted, observed)");
        foreach (var bin in Calibration.Where(b => b.Count > 0))
        {
            sb.AppendLine(string.Create(inv, $"  [{bin.Lower:0.0}, {bin.Upper:0.0}): {bin.Count,5}  {bin.MeanPredicted:0.000}  {bin.Observed:0.000}"));
        }

        foreach (var miss in Misses)
        {
            sb.AppendLine(string.Create(inv, $"  miss: {miss.Name}: expected {miss.Expected} at rank {miss.Rank}, top {miss.Top}"));
        }

        return sb.ToString();
    }
}

/// <summary>Runs labelled cases through a differential engine and measures accuracy and calibration.</summary>
public static class DifferentialEvaluation
{
    /// <summary>Evaluates an engine on labelled cases.</summary>
    /// <param name="engine">The engine (for example over a tuned knowledge base).</param>
    /// <param name="cases">The labelled cases.</param>
    /// <param name="bins">How many equal-width calibration bins, 1–100.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is outside 1–100.</exception>
    /// <exception cref="ArgumentException"><paramref name="cases"/> is empty.</exception>
    /// <exception cref="BackHipValidationException">A case is invalid for the engine's knowledge base.</exception>
    public static EvaluationReport Run(IDifferentialEngine engine, IEnumerable<LabelledCase> cases, int bins = 10) =>
        Run(engine, cases, null, bins);

    /// <summary>Evaluates an engine on labelled cases, counting a grouping as its children.</summary>
    /// <remarks>When a case expects a grouping (such as <c>spinal-infection</c>), its scored descendants
    /// (<see cref="KnowledgeBase.ScoredConditionsFor"/>) count as one answer: the group ranks by their summed
    /// probability against every other condition (never below its best-ranked child), and the Brier score uses that sum.
    /// An answer of the parent still counts.</remarks>
    /// <param name="engine">The engine (for example over a tuned knowledge base).</param>
    /// <param name="cases">The labelled cases.</param>
    /// <param name="knowledge">The knowledge base whose condition hierarchy resolves groupings; <see langword="null"/>
    /// to match expected ids exactly.</param>
    /// <param name="bins">How many equal-width calibration bins, 1–100.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="cases"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is outside 1–100.</exception>
    /// <exception cref="ArgumentException"><paramref name="cases"/> is empty.</exception>
    /// <exception cref="BackHipValidationException">A case is invalid for the engine's knowledge base.</exception>
    public static EvaluationReport Run(IDifferentialEngine engine, IEnumerable<LabelledCase> cases, KnowledgeBase? knowledge, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 100);
        var list = cases.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one labelled case is needed.", nameof(cases));
        }

        int top1 = 0, top3 = 0, top5 = 0, covered = 0;
        double rr = 0, brier = 0;
        var count = new int[bins];
        var sumPredicted = new double[bins];
        var hits = new int[bins];
        var misses = ImmutableArray.CreateBuilder<EvaluationMiss>();
        foreach (var labelled in list)
        {
            var ranked = engine.Score(labelled.Case).Ranked;
            var expected = knowledge?.ScoredConditionsFor(labelled.ExpectedConditionId) is { IsDefaultOrEmpty: false } children
                ? children
                : [labelled.ExpectedConditionId];
            var rank = 0;
            var caseBrier = 0.0;
            var expectedProbability = 0.0;
            for (var i = 0; i < ranked.Length; i++)
            {
                var isExpected = expected.Contains(ranked[i].ConditionId);
                if (isExpected && rank == 0)
                {
                    rank = i + 1;
                }

                var p = ranked[i].Probability;
                if (isExpected)
                {
                    expectedProbability += p;
                }
                else
                {
                    caseBrier += p * p;
                }

                var bin = Math.Min(bins - 1, (int)(p * bins));
                count[bin]++;
                sumPredicted[bin] += p;
                hits[bin] += isExpected ? 1 : 0;
            }

            caseBrier += rank == 0 ? 0 : (expectedProbability - 1) * (expectedProbability - 1);
            if (rank > 0 && expected.Length > 1)
            {
                // A grouping ranks as its children together would: above every other condition less probable than their sum.
                rank = 1 + ranked.Count(r => !expected.Contains(r.ConditionId) && r.Probability > expectedProbability);
            }

            brier += rank == 0 ? caseBrier + 1 : caseBrier;
            covered += rank > 0 ? 1 : 0;
            top1 += rank == 1 ? 1 : 0;
            top3 += rank is >= 1 and <= 3 ? 1 : 0;
            top5 += rank is >= 1 and <= 5 ? 1 : 0;
            rr += rank == 0 ? 0 : 1.0 / rank;
            if (rank != 1)
            {
                misses.Add(new EvaluationMiss { Name = labelled.Name, Expected = labelled.ExpectedConditionId, Rank = rank, Top = ranked.IsEmpty ? "" : ranked[0].ConditionId });
            }
        }

        double n = list.Count;
        return new EvaluationReport
        {
            CaseCount = list.Count,
            Top1 = top1 / n,
            Top3 = top3 / n,
            Top5 = top5 / n,
            MeanReciprocalRank = rr / n,
            Coverage = covered / n,
            BrierScore = brier / n,
            Calibration = [.. Enumerable.Range(0, bins).Select(b => new CalibrationBin
            {
                Lower = (double)b / bins,
                Upper = (double)(b + 1) / bins,
                Count = count[b],
                MeanPredicted = count[b] == 0 ? 0 : sumPredicted[b] / count[b],
                Observed = count[b] == 0 ? 0 : (double)hits[b] / count[b],
            })],
            Misses = misses.ToImmutable(),
        };
    }
}
