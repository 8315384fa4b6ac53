using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Fuller profiles for the serious spinal group (issue 14, point 1): a raised CRP for vertebral osteomyelitis, epidural
/// abscess and spinal tuberculosis, a thoracic level for epidural abscess and tuberculosis, immunosuppression for
/// epidural abscess, diabetes for psoas abscess, a paraprotein for myeloma and fever for retroperitoneal tumour, with the
/// background rates they need (raised CRP, raised ESR, paraprotein), and a raised ESR for spinal metastasis and septic
/// sacroiliitis. Each number keeps its source and provenance, the ratios are the ones the cited frequencies give, and
/// each finding moves its condition in the stated direction.
/// </summary>
public sealed class SeriousSpinalLabAndLevelTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Theory]
    [InlineData("vertebral-osteomyelitis-discitis", "crp-raised", "Davis-2020-CJEM-CRP", "Estimate", 6.4, 6.8, 0.02, 0.04)]
    [InlineData("spinal-epidural-abscess", "crp-raised", "UMEM-2021-ESR-CRP-spinal", "Estimate", 5.7, 6.1, 0.13, 0.17)]
    [InlineData("spinal-tuberculosis", "crp-raised", "Wang-2012-IntOrthop-spinalTB", "Estimate", 4.5, 4.9, 0.33, 0.38)]
    [InlineData("spinal-epidural-abscess", "immunosuppression", "S30", "Estimate", 4.2, 4.6, 0.88, 0.92)]
    [InlineData("iliopsoas-abscess", "diabetes", "Wong-2012-HKU-psoas-thesis", "Study", 2.7, 3.0, 0.77, 0.81)]
    [InlineData("multiple-myeloma", "paraprotein-detected", "Kyle-2003-MayoClinProc", "Estimate", 24, 27, 0.17, 0.21)]
    [InlineData("retroperitoneal-tumour", "fever-or-chills", "Cagliari-1994-RPT", "Estimate", 7.2, 7.8, 0.83, 0.87)]
    [InlineData("septic-sacroiliitis", "esr-raised", "KJOA-1998-pyogenic-SIJ", "Estimate", 2.3, 2.6, 0.25, 0.29)]
    [InlineData("spinal-metastasis", "esr-raised", "UMEM-2015-lab-testing-back-pain", "Estimate", 2.2, 2.5, 0.31, 0.35)]
    public void Frequency_pairs_keep_their_source_grade_provenance_and_ratios(
        string condition, string finding, string source, string grade, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = WrittenPair(condition, finding);
        Assert.Equal(source, pair.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(pair.SourceKey), pair.SourceKey);
        Assert.Equal(Enum.Parse<EvidenceGrade>(grade), pair.Grade);
        Assert.NotNull(pair.Provenance);
        Assert.False(string.IsNullOrWhiteSpace(pair.Rationale));
        Assert.InRange(pair.LrPositive, lrPlusLow, lrPlusHigh);
        Assert.InRange(pair.LrNegative, lrMinusLow, lrMinusHigh);
    }

    [Theory]
    [InlineData("spinal-epidural-abscess", 2.2, "BMJBP-SEA-epidemiology")]
    [InlineData("spinal-tuberculosis", 1.8, "Wang-2012-IntOrthop-spinalTB")]
    public void Thoracic_level_pairs_count_upper_back_pain_and_leave_its_absence_neutral(string condition, double lrPositive, string source)
    {
        var pair = WrittenPair(condition, "pain-thoracic-back");
        Assert.Equal(source, pair.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.NotNull(pair.Provenance);
        Assert.Equal(lrPositive, pair.LrPositive, 3);
        Assert.Equal(1.0, pair.LrNegative, 9);
    }

    [Theory]
    [InlineData("crp-raised", 0.147, "Rudwaleit-2009-ASASvalidation")]
    [InlineData("paraprotein-detected", 0.032, "Kyle-2006-NEJM-MGUS")]
    [InlineData("esr-raised", 0.33, "UMEM-2015-lab-testing-back-pain")]
    public void New_background_rates_are_sourced_estimates_with_provenance(string finding, double value, string source)
    {
        var rate = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == finding);
        Assert.Equal(value, rate.Rate, 3);
        Assert.Equal(source, rate.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(rate.SourceKey));
        Assert.Equal(EvidenceGrade.Estimate, rate.Grade);
        Assert.Equal(IndexTestKind.Test, rate.Provenance?.IndexType);
    }

    [Fact]
    public void Crp_esr_and_paraprotein_ratios_stay_within_the_bound_their_background_rates_allow()
    {
        foreach (var pair in Kb.Likelihoods.Pairs.Where(p => p.FindingId is "crp-raised" or "esr-raised" or "paraprotein-detected"))
        {
            var background = Kb.Likelihoods.BackgroundRateOf(pair.FindingId);
            Assert.True(pair.LrPositive * background <= 1 + 1e-9, $"{pair.ConditionId}/{pair.FindingId} LR+ {pair.LrPositive} over 1/{background}");
            Assert.True(pair.LrNegative * (1 - background) <= 1 + 1e-9, $"{pair.ConditionId}/{pair.FindingId} LR- {pair.LrNegative}");
        }
    }

    [Fact]
    public void A_raised_crp_raises_vertebral_osteomyelitis_and_a_normal_one_lowers_it_at_every_adult_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 90)), age =>
        {
            var (present, unknown, absent) = Directions("vertebral-osteomyelitis-discitis",
                () => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("fever-or-chills"), "crp-raised");
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void A_paraprotein_raises_myeloma_and_its_absence_lowers_it()
    {
        var (present, unknown, absent) = Directions("multiple-myeloma",
            () => Case.For(68, Sex.Male).Initial("pain-lower-back").Present("pain-thoracic-back"), "paraprotein-detected");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Upper_back_pain_raises_epidural_abscess_and_its_absence_does_not_lower_it()
    {
        var present = Probability("spinal-epidural-abscess", Case.For(50, Sex.Male).Initial("pain-lower-back").Present("iv-drug-use").Present("pain-thoracic-back"));
        var unknown = Probability("spinal-epidural-abscess", Case.For(50, Sex.Male).Initial("pain-lower-back").Present("iv-drug-use"));
        Assert.True(present > unknown, $"{present} / {unknown}");
        Assert.Equal(1.0, WrittenPair("spinal-epidural-abscess", "pain-thoracic-back").LrNegative, 9);
    }

    [Fact]
    public void A_raised_esr_raises_septic_sacroiliitis_and_a_normal_one_lowers_it()
    {
        var (present, unknown, absent) = Directions("septic-sacroiliitis",
            () => Case.For(35, Sex.Female).Initial("pain-buttock").Present("fever-or-chills"), "esr-raised");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Diabetes_raises_psoas_abscess()
    {
        var (present, unknown, absent) = Directions("iliopsoas-abscess",
            () => Case.For(60, Sex.Male).Initial("pain-flank").Present("fever-or-chills"), "diabetes");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }
}
