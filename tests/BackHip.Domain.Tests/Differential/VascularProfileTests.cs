using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Fuller profiles of the vascular and retroperitoneal mimics (issue 14, vascular pass): the nausea and low-haemoglobin
/// background rates, nausea in acute pancreatitis, low haemoglobin in retroperitoneal haemorrhage, diabetes in aortic
/// dissection and aneurysm, back radiation in the pancreatitis pain map, and the sex ratio of iliac aneurysms. Each
/// number records its source, and each pair moves its condition the way its ratios say on the same case.
/// </summary>
public sealed class VascularProfileTests
{
    [Theory]
    [InlineData("nausea-vomiting", 0.092, "Rasmussen-2018-BMCCancer", 33040)]
    [InlineData("haemoglobin-low", 0.09, "Williams-2024-NCHS-anemia", null)]
    public void New_backgrounds_are_sourced_population_rates_graded_estimate(string finding, double rate, string source, int? sampleSize)
    {
        SourcedBackground(finding, rate, source, "population survey", sampleSize);
    }

    [Theory]
    [InlineData("acute-pancreatitis", "nausea-vomiting", "Mandalapu-AP-500", 7.0, 8.5, 0.29, 0.35)]
    [InlineData("retroperitoneal-haemorrhage", "haemoglobin-low", "Sunga-2012", 7.5, 9.0, 0.25, 0.30)]
    [InlineData("aortic-dissection", "diabetes", "IRAD-Abstract283-diabetes", 0.62, 0.72, 1.02, 1.06)]
    [InlineData("abdominal-aortic-aneurysm", "diabetes", "Rabben-2021", 0.5, 0.6, 1.03, 1.07)]
    public void New_pairs_have_source_provenance_and_the_ratios_their_frequencies_give(
        string condition, string finding, string source, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.True(pair.Provenance!.SampleSize > 0);
    }

    [Fact]
    public void Pancreatitis_back_radiation_in_the_pain_map_is_the_traced_thirty_per_cent()
    {
        var site = Pair("acute-pancreatitis", "pain-lower-back");
        Assert.True(site.FromPainMap);
        Assert.Equal(0.3, site.Sensitivity!.Value, 3);
        Assert.Equal("Mandalapu-AP-500", site.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, site.Grade);
    }

    [Fact]
    public void Nausea_raises_acute_pancreatitis_at_every_adult_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 85)), age =>
        {
            var (present, unknown, absent) = Directions("acute-pancreatitis",
                () => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("pain-abdomen"), "nausea-vomiting");
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void Low_haemoglobin_raises_retroperitoneal_haemorrhage()
    {
        var (present, unknown, absent) = Directions("retroperitoneal-haemorrhage",
            () => Case.For(72, Sex.Female).Initial("pain-lower-back").Present("anticoagulant-use"), "haemoglobin-low");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Theory]
    [InlineData("aortic-dissection")]
    [InlineData("abdominal-aortic-aneurysm")]
    public void Known_diabetes_lowers_the_aortic_conditions(string condition)
    {
        var (present, unknown, absent) = Directions(condition,
            () => Case.For(70, Sex.Male).Initial("pain-lower-back").Present("onset-sudden-severe"), "diabetes");
        Assert.True(present < unknown && unknown < absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Iliac_aneurysm_is_more_likely_in_a_man_than_a_woman_on_the_same_case()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(50, 85)), age =>
        {
            CaseBuilder Build(Sex sex) => Case.For(age, sex).Initial("pain-lower-back").Present("pain-abdomen");
            return Probability("iliac-artery-aneurysm", Build(Sex.Male)) > Probability("iliac-artery-aneurysm", Build(Sex.Female));
        }), maxTest: 20);
    }
}
