using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Groin, lateral hip and rheumatology profiles (issue 14): alternating buttock pain for axial SpA (Braun 2011), the
/// adductor-specific football share (Holmich 2007), and trochanteric tenderness for GTPS (Grimaldi 2017 over a Collee
/// 1991 background). Each number records its source, and each finding moves its condition the way the source says.
/// </summary>
public sealed class GroinRheumProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static LikelihoodPair Pair(string condition, string finding) =>
        Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == finding);

    private static double Probability(string condition, CaseBuilder builder) =>
        new DifferentialEngine(Kb).Score(builder.Build()).Ranked.Single(r => r.ConditionId == condition).Probability;

    private static (double Present, double Unknown, double Absent) Directions(string condition, Func<CaseBuilder> baseCase, string finding) =>
        (Probability(condition, baseCase().Present(finding)), Probability(condition, baseCase()), Probability(condition, baseCase().Absent(finding)));

    [Fact]
    public void Alternating_buttock_pain_is_the_primary_care_study_figure_for_axial_spa()
    {
        var pair = Pair("axial-spondyloarthritis", "alternating-buttock-pain");
        Assert.Equal(EvidenceGrade.Study, pair.Grade);
        Assert.Equal("Braun-2011-primarycare", pair.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(pair.SourceKey));
        Assert.Equal(322, pair.Provenance?.SampleSize);

        // Sensitivity 0.248, specificity 0.885: a modest rise and a small fall, not the literature-derived ratios.
        Assert.InRange(pair.LrPositive, 2.0, 2.3);
        Assert.InRange(pair.LrNegative, 0.82, 0.88);
    }

    [Fact]
    public void Trochanteric_tenderness_uses_the_measured_sensitivity_over_a_sourced_background()
    {
        var rate = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == "trochanteric-tenderness");
        Assert.Equal(0.25, rate.Rate, 3);
        Assert.Equal(EvidenceGrade.Estimate, rate.Grade);
        Assert.Equal("Collee-1991", rate.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(rate.SourceKey));
        Assert.Equal(40, rate.Provenance?.SampleSize);

        var pair = Pair("greater-trochanteric-pain-syndrome", "trochanteric-tenderness");
        Assert.Equal("Grimaldi-2017", pair.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.NotNull(pair.Provenance);

        // A sensitivity of 0.80 cannot give LR- below 0.2 whatever the specificity: the former team LR- 0.1 was impossible.
        Assert.True(pair.LrNegative >= 0.2, $"LR- {pair.LrNegative}");
        Assert.InRange(pair.LrPositive, 3.0, 3.4);
        Assert.InRange(pair.LrNegative, 0.25, 0.29);
    }

    [Fact]
    public void Football_share_of_adductor_strain_is_the_adductor_specific_one()
    {
        var pair = Pair("adductor-strain", "kicking-sports");
        Assert.Equal("Holmich-2007", pair.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);

        // 0.79 over the 0.05 football background.
        Assert.InRange(pair.LrPositive, 15.0, 16.5);
        Assert.InRange(pair.LrNegative, 0.2, 0.24);
    }

    [Fact]
    public void Alternating_buttock_pain_raises_axial_spa_at_every_age_of_onset_under_45()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 44)), age =>
        {
            var (present, unknown, absent) = Directions("axial-spondyloarthritis",
                () => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("duration-over-12-weeks"), "alternating-buttock-pain");
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void Trochanteric_tenderness_raises_gtps_and_its_absence_lowers_it()
    {
        var (present, unknown, absent) = Directions("greater-trochanteric-pain-syndrome",
            () => Case.For(55, Sex.Female).Initial("pain-lateral-hip"), "trochanteric-tenderness");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Kicking_sport_raises_adductor_strain()
    {
        var (present, unknown, absent) = Directions("adductor-strain",
            () => Case.For(24, Sex.Male).Initial("pain-groin"), "kicking-sports");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }
}
