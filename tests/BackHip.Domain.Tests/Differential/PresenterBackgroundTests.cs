using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Background rates among people presenting with back or hip pain (issue 14, backgrounds pass): severe pain that stops
/// sleep or movement (Henschke 2008 primary-care cohort) and a fall or injury at onset (BACE, back-calculated), and the
/// pairs they unlock: pancreatitis and aortic dissection with severe pain, hip fracture after a fall. Each number records
/// its source; every pair on these findings stays within what its background allows; each pair moves its condition the
/// way its ratios say on the same case.
/// </summary>
public sealed class PresenterBackgroundTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Theory]
    [InlineData("pain-severe", 0.195, "Henschke-2008-BMJ-prognosis", 969)]
    [InlineData("fall-or-trauma", 0.04, "Enthoven-2016-PhysTher", 669)]
    public void New_backgrounds_are_primary_care_rates_graded_estimate_with_their_search(string finding, double rate, string source, int sampleSize)
    {
        SourcedBackground(finding, rate, source, "primary care", sampleSize);
    }

    [Theory]
    [InlineData("acute-pancreatitis", "pain-severe", "Foldi-2022", 3.4, 3.8, 0.35, 0.39)]
    [InlineData("hip-fracture", "fall-or-trauma", "Iborra-2001-hipfx", 22.0, 25.0, 0.04, 0.06)]
    public void Unlocked_sensitivity_pairs_have_provenance_and_the_ratios_their_frequencies_give(
        string condition, string finding, string source, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Null(pair.Specificity);
        Assert.True(pair.Provenance!.SampleSize > 0);
    }

    [Fact]
    public void Severe_pain_in_dissection_is_a_positive_ratio_only_so_its_absence_is_not_counted_twice()
    {
        var pair = Pair("aortic-dissection", "pain-severe");
        Assert.Equal("Hagan-2000", pair.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(4.6, pair.LrPositive, 2);
        Assert.Equal(1.0, pair.LrNegative, 6);

        // The absence of severe pain is carried by the sudden-severe-onset pair alone.
        Assert.True(Pair("aortic-dissection", "onset-sudden-severe").LrNegative < 1);
    }

    [Theory]
    [InlineData("pain-severe")]
    [InlineData("fall-or-trauma")]
    public void Every_pair_on_the_new_backgrounds_stays_within_what_the_background_allows(string finding)
    {
        Assert.NotEmpty(PairsWithinBackground(finding));
    }

    [Fact]
    public void A_fall_raises_hip_fracture_and_its_absence_lowers_it_at_every_older_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(65, 95)), age =>
        {
            var (present, unknown, absent) = Directions("hip-fracture",
                () => Case.For(age, Sex.Female).Initial("pain-hip", "pain-groin"), "fall-or-trauma");
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void Severe_pain_raises_acute_pancreatitis_and_its_absence_lowers_it()
    {
        var (present, unknown, absent) = Directions("acute-pancreatitis",
            () => Case.For(48, Sex.Male).Initial("pain-lower-back").Present("pain-abdomen", "heavy-alcohol-use"), "pain-severe");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Severe_pain_raises_aortic_dissection_and_its_absence_does_not_lower_it()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(45, 90)), age =>
        {
            var (present, unknown, absent) = Directions("aortic-dissection",
                () => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("high-blood-pressure"), "pain-severe");
            return present > unknown && absent >= unknown * 0.999;
        }), maxTest: 20);
    }
}
