using BackHip.Domain.Differential;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Stenosis profile (issue 14): two Suri 2010 history rows for stenosis that are also Cook cluster items, counted only
/// when the cluster cannot be scored.
/// </summary>
public sealed class StenosisProfileTests
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    [Theory]
    [InlineData("bilateral-leg-pain", 5.5, 7.0, 0.5, 0.6)]
    [InlineData("relieved-sitting", 3.0, 3.5, 0.55, 0.62)]
    public void Suri_rows_for_stenosis_carry_the_table_figures(string finding, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = Pair("lumbar-spinal-stenosis", finding);
        Assert.Equal("S24", pair.SourceKey);
        // Measured in older adults with leg pain assessed for stenosis, moved to every presenter: an estimate.
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.NotNull(pair.Provenance);
        Assert.Contains("moved to everyone presenting", pair.Rationale, StringComparison.Ordinal);
        Assert.InRange(pair.LrPositive, lrPlusLow, lrPlusHigh);
        Assert.InRange(pair.LrNegative, lrMinusLow, lrMinusHigh);
    }

    [Fact]
    public void A_determined_cook_cluster_replaces_its_items_for_stenosis()
    {
        // Age 70 with all four items present: the cluster is determined, so the items' own stenosis pairs would count
        // the same answers twice; the engine counts the cluster and leaves them out.
        var result = Engine.Score(Case.For(70, Sex.Male).Initial("pain-lower-back")
            .Present("bilateral-leg-pain").Present("leg-pain-worse-than-back").Present("worse-walking").Present("relieved-sitting").Build());
        var explanation = result.Ranked.Single(r => r.ConditionId == "lumbar-spinal-stenosis");
        Assert.DoesNotContain(explanation.Contributions, c => c.FindingId is "bilateral-leg-pain" or "relieved-sitting");
        Assert.Contains(explanation.Contributions, c => c.FindingId == "cook-stenosis-cluster");
    }
}
