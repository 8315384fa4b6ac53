using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Verbal frequency bands (issue 14 point 1): where a textbook or review says how often a finding occurs in words and no
/// source counts it, the pair names a band (the Human Phenotype Ontology's frequency terms) and takes the band's midpoint
/// as its sensitivity, graded estimate.
/// </summary>
public sealed class FrequencyBandTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static LikelihoodModel Model => Kb.Likelihoods;

    private static JsonNode Likelihoods() => JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;

    private static KnowledgeBase Load(JsonNode likelihoods) =>
        KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, likelihoods.ToJsonString()));

    private static BackHipValidationException Refused(JsonNode likelihoods) =>
        Assert.Throws<BackHipValidationException>(() => Load(likelihoods));

    /// <summary>Adds a band pair for a condition and finding that have no pair yet; returns its index.</summary>
    private static int AddBandPair(JsonNode node, string condition, string finding, string band, string grade = "estimate", double? sensitivity = null)
    {
        var pairs = node["pairs"]!.AsArray();
        var pair = new JsonObject
        {
            ["condition"] = condition, ["finding"] = finding, ["band"] = band, ["source"] = "HPO-frequency", ["grade"] = grade,
            ["rationale"] = "Test pair: a source describing the finding in words.",
        };
        if (sensitivity is not null)
        {
            pair["sensitivity"] = sensitivity;
        }

        pairs.Add(pair);
        return pairs.Count - 1;
    }

    [Fact]
    public void The_bands_are_the_ontology_terms_lowest_first_each_used_at_its_midpoint()
    {
        var bands = Model.FrequencyBands;
        Assert.Equal(["veryRare", "occasional", "frequent", "veryFrequent"], bands.Select(b => b.Name));
        Assert.Equal(["HP:0040284", "HP:0040283", "HP:0040282", "HP:0040281"], bands.Select(b => b.Term));
        Assert.Equal([0.025, 0.17, 0.545, 0.895], bands.Select(b => Math.Round(b.Value, 6)));
        for (var i = 1; i < bands.Length; i++)
        {
            Assert.True(bands[i].Low >= bands[i - 1].High);
        }

        Assert.All(bands, b => Assert.True(Kb.Sources.ContainsKey(b.SourceKey)));
    }

    [Fact]
    public void Every_band_pair_is_an_estimate_at_its_band_midpoint_over_the_finding_background()
    {
        var bandPairs = Model.Pairs.Where(p => p.FrequencyBand is not null && p.ImpliedFrom is null).ToList();
        Assert.True(bandPairs.Count >= 20, $"{bandPairs.Count} band pairs");
        foreach (var pair in bandPairs)
        {
            var band = Model.FrequencyBands.Single(b => b.Name == pair.FrequencyBand);
            Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
            Assert.Equal(band.Value, pair.Sensitivity!.Value, 12);
            Assert.Null(pair.Specificity);
            var background = pair.BackgroundRate!.Value;
            Assert.Equal(band.Value / background, pair.LrPositive, 9);
            Assert.Equal((1 - band.Value) / (1 - background), pair.LrNegative, 9);
        }
    }

    [Fact]
    public void A_band_pair_scores_the_band_midpoint_over_the_background_present_and_absent()
    {
        var node = Likelihoods();
        AddBandPair(node, "legg-calve-perthes-disease", "night-pain", "frequent");
        var kb = Load(node);
        var pair = kb.Likelihoods.Pairs.Single(p => p.ConditionId == "legg-calve-perthes-disease" && p.FindingId == "night-pain");
        Assert.Equal("frequent", pair.FrequencyBand);
        var b = kb.Likelihoods.BackgroundRateOf("night-pain");
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(4, 10)), age =>
        {
            var engine = new DifferentialEngine(kb);
            double LogOdds(Case c) => engine.Score(c).Ranked.Single(r => r.ConditionId == "legg-calve-perthes-disease").LogOdds;
            var none = LogOdds(Case.For(age, Sex.Male).Initial("pain-hip").Build());
            var present = LogOdds(Case.For(age, Sex.Male).Initial("pain-hip").Present("night-pain").Build());
            var absent = LogOdds(Case.For(age, Sex.Male).Initial("pain-hip").Absent("night-pain").Build());
            var contribution = engine.Score(Case.For(age, Sex.Male).Initial("pain-hip").Present("night-pain").Build()).Ranked
                .Single(r => r.ConditionId == "legg-calve-perthes-disease").Contributions.Single(c => c.FindingId == "night-pain");
            var effect = engine.Explain(Case.For(age, Sex.Male).Initial("pain-hip").Build(), "legg-calve-perthes-disease").Unconfirmed.Single(e => e.FindingId == "night-pain");
            return effect.FrequencyBand == "frequent"
                && Math.Abs(present - none - Math.Log(0.545 / b)) < 1e-9
                && Math.Abs(absent - none - Math.Log(0.455 / (1 - b))) < 1e-9
                && contribution.FrequencyBand == "frequent" && contribution.Grade == EvidenceGrade.Estimate;
        }), maxTest: 7);
    }

    [Fact]
    public void An_unknown_band_is_refused_with_its_path()
    {
        var node = Likelihoods();
        var i = AddBandPair(node, "legg-calve-perthes-disease", "night-pain", "mostly");
        var problem = Assert.Single(Refused(node).Problems);
        Assert.Equal(("dangling-reference", KnowledgeFiles.Likelihoods, $"$.pairs[{i}].band", "legg-calve-perthes-disease/night-pain"), (problem.Code, problem.File, problem.Path, problem.Id));
        Assert.Contains("veryFrequent", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_pair_with_its_own_sensitivity_is_refused()
    {
        var node = Likelihoods();
        var i = AddBandPair(node, "legg-calve-perthes-disease", "night-pain", "frequent", sensitivity: 0.6);
        var problem = Assert.Single(Refused(node).Problems);
        Assert.Equal(("invalid-numbers", $"$.pairs[{i}].band"), (problem.Code, problem.Path));
    }

    [Theory]
    [InlineData("study")]
    [InlineData("guideline")]
    [InlineData("consensus")]
    public void A_band_pair_graded_other_than_estimate_is_refused(string grade)
    {
        var node = Likelihoods();
        var i = AddBandPair(node, "legg-calve-perthes-disease", "night-pain", "frequent", grade);
        var problem = Assert.Single(Refused(node).Problems);
        Assert.Equal(("dishonest-grade", $"$.pairs[{i}].grade"), (problem.Code, problem.Path));
    }

    [Fact]
    public void Overlapping_or_inverted_bands_are_refused_with_their_paths()
    {
        var node = Likelihoods();
        node["frequencyBands"]![2]!["low"] = 0.2;
        Assert.Contains(Refused(node).Problems, p => (p.Code, p.Path, p.Id) == ("out-of-order", "$.frequencyBands[2].low", "frequent"));

        node = Likelihoods();
        node["frequencyBands"]![0]!["high"] = 0.005;
        Assert.Contains(Refused(node).Problems, p => (p.Code, p.Path) == ("out-of-range", "$.frequencyBands[0].low"));

        node = Likelihoods();
        node["frequencyBands"]![1]!["band"] = "veryRare";
        Assert.Contains(Refused(node).Problems, p => p.Code == "duplicate-id" && p.Path == "$.frequencyBands[1].band");
    }
}
