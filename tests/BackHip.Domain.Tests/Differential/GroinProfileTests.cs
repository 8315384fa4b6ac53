using BackHip.Domain.Differential;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Groin and lateral hip, second pass (issue 14, 2026-11-24): palpation accuracy from an athletic groin-pain cohort
/// (Falvey 2016 Table 4), adductor pain in athletic pubalgia (Meyers 2000), limp in labral tears (Burnett 2006), the
/// inguinal-hernia age curve (Ruhl 2007) and the meralgia prior from GP incidence (van Slobbe 2004). See
/// Knowledge/Research/groin.md.
/// </summary>
public sealed class GroinProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    public static TheoryData<string, string, double, double> PalpationRatios => new()
    {
        { "adductor-strain", "adductor-origin-tenderness", 1.8, 0.11 },
        { "osteitis-pubis", "pubic-symphysis-tenderness", 2.67, 0.22 },
    };

    [Theory]
    [MemberData(nameof(PalpationRatios))]
    public void Palpation_pairs_carry_the_athletic_groin_cohort_ratios(string condition, string finding, double lrPositive, double lrNegative)
    {
        var pair = WrittenPair(condition, finding);
        Assert.Equal("Falvey-2016-athletic-groin", pair.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(pair.SourceKey));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(382, pair.Provenance?.SampleSize);
        Assert.Equal(lrPositive, pair.LrPositive, 2);
        Assert.Equal(lrNegative, pair.LrNegative, 2);

        CaseBuilder Base() => Case.For(24, Sex.Male).Initial("pain-groin").Present("kicking-sports");
        var (present, unknown, absent) = Directions(condition, Base, finding);
        Assert.True(present > unknown && unknown > absent, $"{condition}: {present} / {unknown} / {absent}");
    }

    [Fact]
    public void Labral_limp_is_a_sourced_frequency_that_raises_impingement()
    {
        var pair = SourcedSensitivityPair("femoroacetabular-impingement", "limp", "Burnett-2006", (2.0, 3.0), (0.6, 0.8));
        Assert.Equal(0.39, pair.Sensitivity!.Value, 2);
    }

    [Fact]
    public void Adductor_pain_in_athletic_pubalgia_maps_to_the_thigh()
    {
        var pair = Pair("osteitis-pubis", "pain-thigh");
        Assert.True(pair.FromPainMap);
        Assert.Equal("Meyers-2000-athletic-pubalgia", pair.SourceKey);
        Assert.Equal(0.88, pair.Sensitivity!.Value, 2);
        Assert.True(pair.LrNegative < 1.0, $"LR- {pair.LrNegative}");
    }

    [Fact]
    public void Meralgia_prior_comes_from_general_practice_incidence()
    {
        var prior = Assert.Single(Kb.Likelihoods.Priors, p => p.ConditionId == "meralgia-paresthetica");
        Assert.Equal("vanSlobbe-2004-MP", prior.SourceKey);
        Assert.Equal(0.007, prior.Prevalence, 3);
        Assert.Equal(EvidenceGrade.Estimate, prior.Grade);
        Assert.Contains("4.3 / 591", prior.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Inguinal_hernia_age_curve_keeps_the_sourced_band_ratios()
    {
        var prior = Assert.Single(Kb.Likelihoods.Priors, p => p.ConditionId == "inguinal-hernia");
        Assert.Equal("Ruhl-2007-inguinal", prior.AgeCurve?.SourceKey);
        Assert.Equal(2.2, prior.AgeFactor(50) / prior.AgeFactor(32), 1);
        Assert.Equal(2.8, prior.AgeFactor(67) / prior.AgeFactor(32), 1);
    }

    [Fact]
    public void An_older_adult_is_never_given_less_inguinal_hernia_prior_than_a_younger_one()
    {
        var prior = Kb.Likelihoods.Priors.Single(p => p.ConditionId == "inguinal-hernia");
        Properties.Check(Prop.ForAll(
            Gen.Choose(18, 95).ToArbitrary(),
            Gen.Choose(0, 40).ToArbitrary(),
            (age, gap) => prior.AgeFactor(age) <= prior.AgeFactor(Math.Min(age + gap, 110)) + 1e-12), maxTest: 200);
    }
}
