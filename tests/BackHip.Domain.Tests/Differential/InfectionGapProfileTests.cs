using BackHip.Domain.Differential;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Session 10 gap pass for the spine and hip infections (issue 14): characteristic findings that were neutral. Spinal
/// tuberculosis gains night sweats from a series that reports them alone (Hammami 2021, 73 patients), while its fever pair
/// keeps the UK series; vertebral osteomyelitis gains its neurological-deficit share (Mylona 2009), which the deficit
/// background makes neutral. Each number is checked against its source and ratios.
/// </summary>
public sealed class InfectionGapProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Theory]
    [InlineData("vertebral-osteomyelitis-discitis", "focal-neurological-deficit", "Mylona-2009-SAR", 1008, 0.95, 1.05, 0.95, 1.05)]
    public void Case_series_shares_are_sourced_estimates_with_provenance(
        string condition, string finding, string source, int sampleSize, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(sampleSize, pair.Provenance?.SampleSize);
        Assert.False(pair.FromPainMap);
    }

    [Fact]
    public void Tuberculosis_constitutional_pairs_rest_on_different_observations()
    {
        // Fever and night sweats are each a symptom three series recorded on its own (pooled, 203 patients, session 17);
        // weight loss is a Cochrane ratio. The UK series' composite (fever, sweats or weight loss in 38% of 21) backs none
        // of them, so no single observation is counted for two findings.
        var pairs = new[] { "fever-or-chills", "night-sweats", "unexplained-weight-loss" }.Select(f => Pair("spinal-tuberculosis", f)).ToList();
        Assert.DoesNotContain(pairs, p => p.SourceKey == "PMJ-UK-spinalTB");
        Assert.Equal("Hammami-2021-AsianSpineJ", pairs[0].SourceKey);
        Assert.Equal(0.34, pairs[0].Sensitivity);
        Assert.Equal(pairs[0].SourceKey, pairs[1].SourceKey);
        Assert.NotEqual(pairs[0].SourceKey, pairs[2].SourceKey);
    }

    [Fact]
    public void Night_sweats_move_spinal_tuberculosis_both_ways_at_every_adult_age() =>
        MovesBothWaysAtEveryAdultAge("spinal-tuberculosis", "pain-lower-back", "night-sweats");

    [Fact]
    public void Night_sweats_stay_within_their_background_for_every_condition()
    {
        var pairs = PairsWithinBackground("night-sweats");
        Assert.Contains(pairs, p => p.ConditionId == "spinal-tuberculosis");
    }

    [Fact]
    public void A_deficit_neither_raises_nor_lowers_vertebral_osteomyelitis_against_the_rest()
    {
        // Same share as the background: the deficit's ratios for the infection are one, so with or without it the
        // condition keeps its odds against the conditions that have no deficit pair.
        var pair = Pair("vertebral-osteomyelitis-discitis", "focal-neurological-deficit");
        var background = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == "focal-neurological-deficit").Rate;
        Assert.Equal(pair.Sensitivity!.Value / background, pair.LrPositive, 6);
        Assert.InRange(Math.Abs(Math.Log(pair.LrPositive)), 0, 0.05);
        Assert.InRange(Math.Abs(Math.Log(pair.LrNegative)), 0, 0.05);
    }
}
