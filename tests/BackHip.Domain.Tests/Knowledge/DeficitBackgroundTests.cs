using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>
/// The focal-deficit background (Knowledge/Research/backgrounds.md, deficit pass): a focal motor, reflex or sensory deficit
/// is found in about a third of primary-care back-pain presenters (ATLAS any positive neurological test times the leg-pain
/// share), so no pair may give it a ratio that would need a deficit more often than always, and a case-series share that is
/// a floor for that index must not count a deficit against a spinal infection.
/// </summary>
public sealed class DeficitBackgroundTests
{
    private const string Deficit = "focal-neurological-deficit";

    private static KnowledgeBase Kb => KnowledgeBase.Default;

    [Fact]
    public void The_deficit_background_is_a_sourced_estimate_with_provenance()
    {
        var rate = Assert.Single(Kb.Likelihoods.BackgroundRates, r => r.FindingId == Deficit);
        Assert.InRange(rate.Rate, 0.2, 0.45);
        Assert.Equal(EvidenceGrade.Estimate, rate.Grade);
        Assert.True(Kb.Sources.ContainsKey(rate.SourceKey), rate.SourceKey);
        Assert.NotNull(rate.Provenance);
        Assert.Equal(rate.Rate, Kb.Likelihoods.BackgroundRateOf(Deficit));
    }

    [Fact]
    public void No_deficit_pair_has_a_likelihood_ratio_beyond_what_the_background_allows()
    {
        var b = Kb.Likelihoods.BackgroundRateOf(Deficit);
        var written = Kb.Likelihoods.Pairs.Where(p => p.FindingId == Deficit && !p.FromPainMap && p.Specificity is null).ToList();
        Assert.NotEmpty(written);
        Assert.All(written, p =>
        {
            Assert.True(p.LrPositive * b <= 1 + 1e-9, $"{p.ConditionId}: LR+ {p.LrPositive} exceeds 1/{b}");
            Assert.True(p.LrNegative * (1 - b) <= 1 + 1e-9, $"{p.ConditionId}: LR- {p.LrNegative} exceeds 1/{1 - b}");
        });
    }

    [Theory]
    [InlineData("spinal-epidural-abscess")]
    [InlineData("vertebral-osteomyelitis-discitis")]
    [InlineData("spinal-tuberculosis")]
    public void A_deficit_never_counts_against_a_spinal_infection(string condition)
    {
        foreach (var pair in Kb.Likelihoods.Pairs.Where(p => p.ConditionId == condition && p.FindingId == Deficit))
        {
            Assert.True(pair.LrPositive >= 1 - 1e-9, $"{condition}: LR+ {pair.LrPositive} would count a deficit against it");
            Assert.True(pair.LrNegative <= 1 + 1e-9, $"{condition}: LR- {pair.LrNegative} would count a normal examination for it");
        }
    }

    [Fact]
    public void The_epidural_abscess_deficit_pair_is_close_to_neutral()
    {
        var pair = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == "spinal-epidural-abscess" && p.FindingId == Deficit);
        Assert.InRange(pair.LrPositive, 1.0, 1.2);
        Assert.InRange(pair.LrNegative, 0.9, 1.0);
    }
}
