using BackHip.Domain.Differential;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The session-16 profile pass (issue 14 point 1; `Research/s16profile.md`): pain duration for slipped epiphysis,
/// polymyalgia, femoral neck stress fracture, osteonecrosis and the abdominal aneurysm; the osteoporotic vertebral
/// fracture's symptom profile and pain map from an acute series and a pain-drawing study; thoracic pain for traumatic
/// fracture; leg numbness for dissection; the iliac aneurysm's mass share. Each number is held to its source's count
/// and to the direction it moves its condition.
/// </summary>
public sealed class SessionSixteenProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly DifferentialEngine Engine = new(Kb);
    private const string Fracture = "osteoporotic-vertebral-fracture";

    [Theory]
    [InlineData("slipped-capital-femoral-epiphysis", "Ortegren-2020-JPOB-SCFE-delay", 0.39, 0.28)]
    [InlineData("polymyalgia-rheumatica", "Frolund-2021-JBS-PMR-FTC", 0.26, 0.36)]
    [InlineData("femoral-neck-stress-fracture", "Joshi-JNMA-FNSF-military", 0.05, 0.10)]
    [InlineData("avascular-necrosis-femoral-head", "ONFH-Liege-2016", 0.60, 0.15)]
    [InlineData("abdominal-aortic-aneurysm", "Metcalfe-2016", 0.05, 0.05)]
    public void Duration_shares_come_from_a_series_and_score_against_the_duration_backgrounds(string condition, string source, double over12, double sixTo12)
    {
        var over = Pair(condition, "duration-over-12-weeks");
        var band = Pair(condition, "duration-6-to-12-weeks");
        foreach (var (pair, share, finding) in new[] { (over, over12, "duration-over-12-weeks"), (band, sixTo12, "duration-6-to-12-weeks") })
        {
            Assert.Equal(source, pair.SourceKey);
            Assert.True(Kb.Sources.ContainsKey(pair.SourceKey), pair.SourceKey);
            Assert.Equal(share, pair.Sensitivity!.Value, 3);
            var background = Kb.Likelihoods.BackgroundRateOf(finding);
            Assert.Equal(share / background, pair.LrPositive, 9);
            Assert.Equal((1 - share) / (1 - background), pair.LrNegative, 9);
            Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
            Assert.Matches(@"\bcriteri(on|a) \d", pair.Rationale ?? string.Empty);
            Assert.StartsWith("2026-11-25 profile pass: session-16 profile pass", pair.Provenance!.Checked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_long_history_never_lowers_the_aneurysm_escalation()
    {
        // The allowance lowers the aneurysm's rank for a history over 12 weeks, but the triage combiner counts a present
        // finding only where it raises a condition: the escalation probability is the same with and without the answer.
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(50, 95)), Arb.From(Gen.Elements("duration-over-12-weeks", "duration-6-to-12-weeks")), (age, duration) =>
        {
            var without = Case.For(age, Sex.Male).Initial("pain-lower-back").Present("pain-flank", "pain-severe").Build();
            var with = Case.For(age, Sex.Male).Initial("pain-lower-back").Present("pain-flank", "pain-severe", duration).Build();
            var before = TriageCombiner.EscalationProbability(Engine.Score(without).Ranked.Single(r => r.ConditionId == "abdominal-aortic-aneurysm"));
            var after = TriageCombiner.EscalationProbability(Engine.Score(with).Ranked.Single(r => r.ConditionId == "abdominal-aortic-aneurysm"));
            return after >= before - 1e-12 && Engine.Score(with).ProbabilityOf("abdominal-aortic-aneurysm") < Engine.Score(without).ProbabilityOf("abdominal-aortic-aneurysm");
        }), maxTest: 20);
    }

    [Theory]
    [InlineData("onset-sudden-lifting", 0.36, 30, 1.9, 2.1)]
    [InlineData("worse-cough-sneeze", 0.60, 30, 3.9, 4.1)]
    [InlineData("relieved-lying-down", 0.43, 30, 0.8, 0.82)]
    [InlineData("pain-below-knee", 0.06, 30, 0.17, 0.19)]
    [InlineData("pain-thoracic-back", 0.20, 51, 0.79, 0.81)]
    public void Vertebral_fracture_symptoms_carry_the_acute_series_shares(string finding, double share, int n, double low, double high)
    {
        var source = n == 51 ? "Friedrich-2006-EurSpineJ" : "Patel-1991-BrJRheumatol";
        var pair = SourcedShare(Fracture, finding, source, (low, high), (0.4, 1.5), share, n, IndexTestKind.SelfReport);
        Assert.Matches(@"\bcriteri(on|a) \d", pair.Rationale ?? string.Empty);
    }

    [Fact]
    public void Lying_down_does_not_point_to_the_fracture_and_thoracic_pain_does_not_either()
    {
        // Both pairs fall below 1: relief lying down is the position of comfort for fewer fractures than presenters
        // (43% vs 53%), and thoracic fractures are mostly felt in the low back (16 of 20).
        CaseBuilder Base() => Case.For(75, Sex.Female).Initial("pain-lower-back");
        foreach (var finding in new[] { "relieved-lying-down", "pain-thoracic-back" })
        {
            var (present, unknown, absent) = Directions(Fracture, Base, finding);
            Assert.True(present < unknown && unknown < absent, finding);
        }
    }

    [Fact]
    public void The_fracture_pain_map_is_low_back_measured_and_flank_referred()
    {
        var sites = Kb.Likelihoods.PainMaps.Where(m => m.ConditionId == Fracture).ToList();
        var back = Assert.Single(sites, s => s.SiteId == "pain-lower-back");
        Assert.Equal(0.8, back.Frequency);
        Assert.Equal(PainSiteKind.Measured, back.Kind);
        Assert.Equal("Friedrich-2006-EurSpineJ", back.SourceKey);
        var flank = Assert.Single(sites, s => s.SiteId == "pain-flank");
        Assert.Equal(PainSiteKind.Referred, flank.Kind);
        Assert.Equal(0.46, flank.Frequency, 9); // the referred-site rate
        Assert.Equal("Patel-1991-BrJRheumatol", flank.SourceKey);
        Assert.Contains("66%", flank.Rationale, StringComparison.Ordinal);
        Assert.All(sites, s => Assert.Equal(EvidenceGrade.Estimate, s.Grade));
    }

    [Fact]
    public void Traumatic_fracture_thoracic_share_is_the_same_trauma_series_as_its_low_back_site()
    {
        var pair = SourcedShare("traumatic-spinal-fracture", "pain-thoracic-back", "Inaba-2011-JTrauma", (1.7, 1.75), (0.75, 0.77), 0.432, 884, IndexTestKind.Imaging);
        var back = Assert.Single(Kb.Likelihoods.PainMaps, m => m.ConditionId == "traumatic-spinal-fracture" && m.SiteId == "pain-lower-back");
        Assert.Equal(back.SourceKey, pair.SourceKey);
        // Thoracic only plus thoracic and lumbar (34.6% + 8.6%), lumbar only plus both (56.8% + 8.6%).
        Assert.Equal(0.346 + 0.086, pair.Sensitivity!.Value, 3);
        Assert.Equal(0.568 + 0.086, back.Frequency, 3);
    }

    [Fact]
    public void Leg_numbness_counts_against_dissection_and_holds_the_ischaemia_fact_alone()
    {
        var pair = SourcedShare("aortic-dissection", "leg-numbness", "Gaul-2007-Stroke", (0.27, 0.29), (1.4, 1.42), 0.10, 102, IndexTestKind.Examination);
        Assert.Contains("held on this finding only", pair.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == "aortic-dissection" && !p.Residual && p.ImpliedFrom is null
            && (p.FindingId == "leg-weakness" || p.FindingId == "cold-pale-leg"));
    }

    [Fact]
    public void Iliac_aneurysm_mass_share_pools_three_surgical_series_and_records_its_search()
    {
        var pair = SourcedShare("iliac-artery-aneurysm", "pulsatile-abdominal-mass", "Richardson-1988-JVS", (17.9, 18.1), (0.56, 0.57), 0.45, 124, IndexTestKind.Examination);
        Assert.Contains("60 of 124", pair.Rationale, StringComparison.Ordinal);
        Assert.Matches(@"Searched \d{4}-\d{2}-\d{2}", pair.Rationale ?? string.Empty);
        Assert.True(Kb.Sources.ContainsKey("EJVS-1988-iliac"));
    }

    [Fact]
    public void Septic_sacroiliitis_malaise_is_a_small_series_count_and_its_walking_share_the_nesting_floor()
    {
        var malaise = SourcedShare("septic-sacroiliitis", "malaise", "Alaya-2014-ARD-infectious-SI", (2.6, 2.8), (0.38, 0.41), 0.71, 17, IndexTestKind.SelfReport);
        Assert.Contains("12 of 17", malaise.Rationale, StringComparison.Ordinal);
        var walking = SourcedShare("septic-sacroiliitis", "difficulty-walking", "Berriche-2012-SI", (1.8, 1.9), (0.5, 0.53), 0.66, 15, IndexTestKind.SelfReport);
        // Limp is nested in difficulty walking: the broader answer's share is at least the narrower one's.
        Assert.Equal(Pair("septic-sacroiliitis", "limp").Sensitivity!.Value, walking.Sensitivity!.Value, 9);
        Assert.Contains(Kb.Likelihoods.Nested, n => n.BroadId == "difficulty-walking" && n.NarrowerIds.Contains("limp"));
    }

    [Fact]
    public void Held_figures_stay_out()
    {
        // Held with reasons in Research/s16profile.md: sweating and syncope (no presenter background of standing), the
        // aneurysm's onset and severity (unattributed text), dissection sudden onset (the sudden severe pair holds it),
        // fracture nausea (drug timing unknown), hip flexor strain onset in sport (overlaps kicking sports); from the gap
        // pass, tuberculosis's deficit (a series' floor for the broad index), metastasis walking (restates the deficit) and
        // trochanteric night pain (overlaps lying on the side).
        (string Condition, string Finding)[] held =
        [
            ("aortic-dissection", "sweating"), ("aortic-dissection", "syncope"), ("aortic-dissection", "onset-sudden"),
            ("abdominal-aortic-aneurysm", "pain-severe"), ("abdominal-aortic-aneurysm", "onset-sudden"), (Fracture, "nausea-vomiting"),
            ("hip-flexor-strain", "onset-during-sport"), ("spinal-tuberculosis", "focal-neurological-deficit"),
            ("spinal-metastasis", "difficulty-walking"), ("greater-trochanteric-pain-syndrome", "night-pain"),
        ];
        Assert.All(held, h => Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == h.Condition && p.FindingId == h.Finding && !p.Residual && p.ImpliedFrom is null));
    }
}
