using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Thin profiles of the bone and hernia labels (session 11, issue 14, branch thinbone): a previous fragility fracture in
/// hip fracture (32.1% of 336 admissions against 23.2% of women aged 55 or over in GLOW, entered as ratios) and obesity
/// in inguinal hernia (obese men about 0.6 times as likely to get one, Ruhl 2007 and three cohorts), each graded estimate
/// with a source that resolves. See Knowledge/Research/thinbone.md for what was searched and not entered.
/// </summary>
public sealed class ThinBoneProfileTests
{
    private const string HipFracture = "hip-fracture";
    private const string Inguinal = "inguinal-hernia";
    private const string PreviousFracture = "previous-fragility-fracture";

    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void A_previous_fragility_fracture_is_entered_as_ratios_against_people_of_hip_fracture_age()
    {
        var pair = SourcedPair(HipFracture, PreviousFracture, "HK-2025-hipfx-PFF", (1.35, 1.42), (0.85, 0.9));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(336, pair.Provenance?.SampleSize);

        // Ratios, not a frequency: the comparison is women of 55 and over (GLOW), so no all-ages background is needed.
        Assert.Null(pair.Sensitivity);
        Assert.True(Kb.Sources.ContainsKey("Gehlbach-2012-GLOW"));
        Assert.Contains("Gehlbach 2012", pair.Rationale, StringComparison.Ordinal);

        // The ratios follow from the two shares: (108 / 336) / 0.232 and (228 / 336) / 0.768.
        Assert.Equal(108.0 / 336 / 0.232, pair.LrPositive, 2);
        Assert.Equal(228.0 / 336 / 0.768, pair.LrNegative, 2);
    }

    [Fact]
    public void A_previous_fragility_fracture_moves_hip_fracture_both_ways_at_every_older_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(60, 95)), Arb.From(Gen.Elements(Sex.Female, Sex.Male)), (age, sex) =>
        {
            CaseBuilder Base() => Case.For(age, sex).Initial("pain-hip").Present("fall-or-trauma");
            var (present, unknown, absent) = Directions(HipFracture, Base, PreviousFracture);
            return present > unknown && unknown > absent;
        }), maxTest: 25);
    }

    [Fact]
    public void Obesity_in_inguinal_hernia_is_the_share_derived_from_the_cohort_risk_ratio()
    {
        var pair = SourcedSensitivityPair(Inguinal, "obesity", "Ruhl-2007-inguinal", (0.7, 0.76), (1.17, 1.23));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(0.31, pair.Sensitivity!.Value, 2);
        Assert.Equal(5316, pair.Provenance?.SampleSize);

        // The share is 0.424 x 0.6 / (0.424 x 0.6 + 0.576) with the obesity background the pair is scored against.
        var background = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == "obesity").Rate;
        Assert.Equal(0.424, background, 3);
        Assert.Equal(background * 0.6 / (background * 0.6 + (1 - background)), pair.Sensitivity.Value, 2);
        Assert.True(Kb.Sources.ContainsKey("Rosemar-2008-groin-BMI"));
        Assert.True(Kb.Sources.ContainsKey("deGoede-2015-Rotterdam-IH"));
        PairsWithinBackground("obesity");
    }

    [Fact]
    public void Obesity_lowers_inguinal_hernia_and_its_absence_raises_it_in_adult_men_with_groin_pain()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(25, 85)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Male).Initial("pain-groin");
            var (present, unknown, absent) = Directions(Inguinal, Base, "obesity");
            return present < unknown && unknown < absent;
        }), maxTest: 25);
    }
}
