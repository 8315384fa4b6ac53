using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Pain maps (issue 14 point 5): a site a condition's pain reaches by referral or spread (its referred regions) is not
/// counted like the site over the affected structure. Without a measured frequency it takes the referred-site rate,
/// derived from the measured maps, and its absence counts nothing, like a typical site.
/// </summary>
public sealed class ReferredSiteTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static LikelihoodModel Model => Kb.Likelihoods;

    private static double TypicalRate => Model.PainMapRates[0].Rate;

    private static double ReferredRate => Model.PainMapRates[1].Rate;

    private static BodyRegion RegionOf(string siteId) => Kb.GetFinding(siteId).Site!.Value;

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    [Fact]
    public void Referred_regions_are_some_of_the_conditions_own_regions()
    {
        var marked = Kb.Conditions.Where(c => !c.ReferredRegions.IsEmpty).ToList();
        Assert.True(marked.Count >= 20);
        Assert.All(marked, c => Assert.All(c.ReferredRegions, r => Assert.Contains(r, c.Regions)));
        Assert.All(marked, c => Assert.True(c.ReferredRegions.Length < c.Regions.Length, c.Id + " has no region over the affected structure"));
        // The anatomical rule: a nerve condition's own territory is not referred, low back pain's buttock is.
        Assert.Empty(Kb.GetCondition("lumbar-disc-herniation").ReferredRegions);
        Assert.Contains(BodyRegion.Buttock, Kb.GetCondition("nonspecific-low-back-pain").ReferredRegions);
        Assert.Contains(BodyRegion.Thigh, Kb.GetCondition("hip-osteoarthritis").ReferredRegions);
    }

    [Fact]
    public void The_referred_rate_is_the_typical_rate_scaled_by_the_measured_referred_to_core_ratio()
    {
        var measured = Model.PainMaps.Where(s => s.Kind == PainSiteKind.Measured && !s.FromRegions)
            .Select(s => (Site: s, Condition: Kb.GetCondition(s.ConditionId), Region: RegionOf(s.SiteId)))
            .Where(x => x.Condition.Regions.Contains(x.Region))
            .ToList();
        var referred = measured.Where(x => x.Condition.ReferredRegions.Contains(x.Region)).Select(x => x.Site.Frequency).ToList();
        var core = measured.Where(x => !x.Condition.ReferredRegions.Contains(x.Region)).Select(x => x.Site.Frequency).ToList();
        Assert.True(referred.Count >= 10, $"only {referred.Count} measured referred sites");
        Assert.True(core.Count >= 30, $"only {core.Count} measured core sites");
        var derived = TypicalRate * Median(referred) / Median(core);
        TestContext.Current.TestOutputHelper?.WriteLine($"referred median {Median(referred):0.###} (n={referred.Count}), core median {Median(core):0.###} (n={core.Count}), derived {derived:0.###}, file {ReferredRate}");
        Assert.Equal(Math.Round(derived, 2), ReferredRate, 9);
        Assert.True(ReferredRate < TypicalRate);
        Assert.Equal(EvidenceGrade.Estimate, Model.PainMapRates[1].Grade);
    }

    [Fact]
    public void An_unmeasured_site_in_a_referred_region_takes_the_referred_rate_and_its_absence_counts_nothing()
    {
        var referredSites = Model.PainMaps.Where(s => s.Kind == PainSiteKind.Referred).ToList();
        Assert.NotEmpty(referredSites);
        Assert.Contains(referredSites, s => s.ConditionId == "nonspecific-low-back-pain" && s.SiteId == "pain-buttock" && s.FromRegions);
        foreach (var site in referredSites)
        {
            Assert.Equal(ReferredRate, site.Frequency, 12);
            Assert.Equal(EvidenceGrade.Estimate, site.Grade);
            var pair = Model.Pairs.Single(p => p.FromPainMap && p.ConditionId == site.ConditionId && p.FindingId == site.SiteId);
            Assert.Equal(1.0, pair.LrNegative);
            Assert.Equal(ReferredRate / Model.BackgroundRateOf(site.SiteId), pair.LrPositive, 9);
        }

        // Typical sites (over the affected structure) keep the typical rate.
        var typical = Model.PainMaps.Single(s => s.ConditionId == "hip-fracture" && s.SiteId == "pain-hip");
        Assert.Equal(PainSiteKind.Typical, typical.Kind);
        Assert.Equal(TypicalRate, typical.Frequency, 12);
    }

    [Fact]
    public void Pain_at_a_referred_site_moves_the_score_by_the_referred_rate_over_the_site_background() =>
        // Trochanteric pain syndrome: the outer hip is typical, the thigh referred (no measured share). Over ages, thigh pain
        // alone adds ln(referred rate / thigh background) to its log-odds, not ln(typical rate / background).
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(45, 90)), age =>
        {
            var thigh = Profiles.Ranked("greater-trochanteric-pain-syndrome", Case.For(age, Sex.Female).Initial("pain-thigh"));
            var none = Profiles.Ranked("greater-trochanteric-pain-syndrome", Case.For(age, Sex.Female));
            var expected = Math.Log(ReferredRate / Model.BackgroundRateOf("pain-thigh"));
            return Math.Abs(thigh.LogOdds - none.LogOdds - expected) < 1e-9;
        }), maxTest: 20);

    [Theory]
    [InlineData("flank", "invalid-reference")]
    [InlineData("notARegion", "unknown-value")]
    public void A_bad_referred_region_is_refused_with_its_path(string region, string code)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Conditions])!;
        var conditions = node["conditions"]!.AsArray();
        var index = conditions.Select((c, i) => (c, i)).First(x => (string?)x.c!["id"] == "nonspecific-low-back-pain").i;
        conditions[index]!["referredRegions"] = new JsonArray(region);
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Conditions, node.ToJsonString())));
        var problem = Assert.Single(ex.Problems, p => p.Code == code);
        Assert.Equal(KnowledgeFiles.Conditions, problem.File);
        Assert.Equal($"$.conditions[{index}].referredRegions[0]", problem.Path);
        Assert.Equal("nonspecific-low-back-pain", problem.Id);
    }

    [Fact]
    public void Referred_regions_without_a_referred_rate_are_refused()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        node["painMaps"]!.AsObject().Remove("referredSiteRate");
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Code == "missing-field" && p.Path == "$.painMaps.referredSiteRate");
    }
}
