using System.Text.Json;
using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using BackHip.Domain.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The knee as a body site (issue 14, point 5): hip pain is referred to the groin, thigh and knee, so knee pain is a
/// site of the where-does-it-hurt question and enters the pain maps of the hip conditions that have a sourced knee
/// frequency (slipped epiphysis, Perthes, hip osteoarthritis).
/// </summary>
public sealed class KneePainMapTests
{
    private const string Knee = "pain-knee";
    private const string Scfe = "slipped-capital-femoral-epiphysis";
    private const string Perthes = "legg-calve-perthes-disease";
    private const string HipOa = "hip-osteoarthritis";

    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly DifferentialEngine Engine = new(Kb);

    private static LikelihoodModel Model => Kb.Likelihoods;

    [Fact]
    public void Knee_and_thoracic_back_are_appended_to_the_body_regions_so_earlier_values_keep_their_numbers()
    {
        Assert.Equal(0, (int)BodyRegion.LowerBack);
        Assert.Equal(11, (int)BodyRegion.Saddle);
        Assert.Equal(12, (int)BodyRegion.Knee);
        Assert.Equal(13, (int)BodyRegion.ThoracicBack);
        Assert.Equal(BodyRegion.ThoracicBack, Enum.GetValues<BodyRegion>()[^1]);
    }

    [Fact]
    public void Knee_region_is_written_and_read_as_camel_case_json()
    {
        var json = JsonSerializer.Serialize(BodyRegion.Knee, BackHipJson.DefaultOptions);
        Assert.Equal("\"knee\"", json);
        Assert.Equal(BodyRegion.Knee, JsonSerializer.Deserialize<BodyRegion>(json, BackHipJson.DefaultOptions));
    }

    [Fact]
    public void Knee_pain_is_a_site_answered_in_the_where_does_it_hurt_question()
    {
        Assert.Equal(BodyRegion.Knee, Kb.GetFinding(Knee).Site);
        var location = Kb.QuestionGroups.Single(g => g.Id == "pain-location");
        Assert.Contains(location.Options, o => o.FindingId == Knee);
        // Every option of the question is a site, the knee included, so an answered question marks the others absent.
        Assert.All(location.Options, o => Assert.NotNull(Kb.GetFinding(o.FindingId).Site));
    }

    [Theory]
    [InlineData(Scfe, 0.26)]
    [InlineData(Perthes, 0.25)]
    [InlineData(HipOa, 0.17)]
    public void Knee_pain_map_entries_give_pairs_from_their_frequency_and_the_site_background(string conditionId, double frequency)
    {
        var site = Assert.Single(Model.PainMaps, m => m.ConditionId == conditionId && m.SiteId == Knee);
        Assert.Equal(frequency, site.Frequency);
        Assert.Equal(PainSiteKind.Measured, site.Kind);
        Assert.True(Kb.Sources.ContainsKey(site.SourceKey), site.SourceKey);
        Assert.False(string.IsNullOrWhiteSpace(site.Rationale));

        var b = Model.BackgroundRateOf(Knee);
        Assert.InRange(b, 0.0001, 0.9999);
        var pair = Assert.Single(Model.Pairs, p => p.ConditionId == conditionId && p.FindingId == Knee);
        Assert.True(pair.FromPainMap);
        Assert.Equal(frequency / b, pair.LrPositive, 9);
        Assert.Equal((1 - frequency) / (1 - b), pair.LrNegative, 9);
    }

    [Fact]
    public void Knee_pain_background_is_derived_since_no_source_gives_how_often_presenting_pain_reaches_the_knee()
    {
        // Co-occurring knee pain among back-pain patients (30-44%) counts any knee pain, while the pain maps count where
        // the condition's own pain is felt; the site background is therefore the prior-weighted mean of the maps, with
        // the unmapped rate for conditions whose map does not name the knee (see Research/hip.md).
        Assert.DoesNotContain(Model.BackgroundRates, r => r.FindingId == Knee);
        // A prior-weighted mean lies between the unmapped rate and the highest knee frequency of any map.
        var unmapped = Model.PainMapRates.Min(r => r.Rate);
        var highest = Model.PainMaps.Where(m => m.SiteId == Knee).Max(m => m.Frequency);
        Assert.InRange(Model.BackgroundRateOf(Knee), unmapped, highest);
        Assert.NotEqual(Model.DefaultBackgroundRate.Rate, Model.BackgroundRateOf(Knee));
    }

    [Fact]
    public void Conditions_whose_map_does_not_name_the_knee_stay_neutral_to_it()
    {
        var withKnee = Model.Pairs.Where(p => p.FindingId == Knee).Select(p => p.ConditionId).Order(StringComparer.Ordinal);
        Assert.Equal([HipOa, Perthes, Scfe], withKnee);
    }

    [Theory]
    [InlineData(12, Sex.Male, Scfe)]
    [InlineData(13, Sex.Female, Scfe)]
    [InlineData(6, Sex.Male, Perthes)]
    public void A_childs_knee_only_pain_raises_the_referring_hip_condition_against_its_absence(int age, Sex sex, string conditionId)
    {
        // Knee-only pain: the knee ticked, every other site of the where-does-it-hurt question answered absent.
        var others = Kb.QuestionGroups.Single(g => g.Id == "pain-location").Options.Select(o => o.FindingId).Where(f => f != Knee).ToArray();
        var kneeOnly = Case.For(age, sex).Present(Knee, "limp").Absent(others).Build();
        var noKnee = Case.For(age, sex).Present("limp").Absent([Knee, .. others]).Build();
        Assert.True(
            Engine.Score(kneeOnly).ProbabilityOf(conditionId) > Engine.Score(noKnee).ProbabilityOf(conditionId),
            $"{conditionId} at {age}: {Engine.Score(kneeOnly).ProbabilityOf(conditionId):0.####} with knee pain, {Engine.Score(noKnee).ProbabilityOf(conditionId):0.####} without");
    }

    [Fact]
    public void Reported_knee_pain_never_lowers_a_slipped_epiphysis_against_its_absence()
    {
        // The slipped epiphysis has the highest knee frequency of any map, so knee pain raises its odds against every
        // other condition: whatever else a case states, knee pain present never scores it below knee pain absent.
        var gen = from c in Generators.Cases where c.StateOf(Knee) == EvidenceState.Unknown select c;
        Properties.Check(Prop.ForAll(Arb.From(gen), c =>
        {
            var present = Engine.Score(c.WithEvidence(new Evidence { FindingId = Knee, State = EvidenceState.Present })).ProbabilityOf(Scfe);
            var absent = Engine.Score(c.WithEvidence(new Evidence { FindingId = Knee, State = EvidenceState.Absent })).ProbabilityOf(Scfe);
            return present >= absent - 1e-12;
        }), maxTest: 150);
    }

    [Fact]
    public void An_unknown_region_in_a_findings_site_is_rejected_with_its_path()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Findings])!;
        var list = node["findings"]!.AsArray();
        var index = list.Select((f, i) => (f, i)).Single(x => (string?)x.f!["id"] == Knee).i;
        list[index]!["site"] = "Knee";
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Findings, node.ToJsonString())));
        var problem = Assert.Single(ex.Problems, p => p.Code == "unknown-value" && p.Path == $"$.findings[{index}].site");
        Assert.Contains("knee", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_knee_map_entry_repeated_or_without_a_frequency_is_rejected_with_its_path()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var maps = node["painMaps"]!["maps"]!.AsArray();
        var index = maps.Select((m, i) => (m, i)).Single(x => (string?)x.m!["condition"] == Scfe).i;
        var sites = maps[index]!["sites"]!.AsArray();
        sites.Add(new JsonObject { ["site"] = Knee, ["frequency"] = 0.3, ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "x" });
        sites.Add(new JsonObject { ["site"] = "pain-below-knee", ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "x" });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Code == "duplicate-id" && p.Path == $"$.painMaps.maps[{index}].sites[{sites.Count - 2}]");
        Assert.Contains(ex.Problems, p => p.Path == $"$.painMaps.maps[{index}].sites[{sites.Count - 1}].frequency");
    }
}
