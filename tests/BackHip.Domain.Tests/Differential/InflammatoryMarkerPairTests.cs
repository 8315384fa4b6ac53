using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Inflammatory-marker and anaemia pairs (issue 14, markers pass): a raised CRP for septic hip, pyelonephritis,
/// prosthetic hip infection, reactive arthritis and psoas abscess, and anaemia at diagnosis for myeloma. Each number
/// records its source and provenance and gives the ratios its frequency gives against the background; a raised ESR and a
/// raised CRP are not both scored for these conditions (they measure one acute-phase response); each pair moves its
/// condition the way its ratios say on the same case.
/// </summary>
public sealed class InflammatoryMarkerPairTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Theory]
    [InlineData("septic-arthritis-hip", "crp-raised", "Leeds-2008-adult-septic-hip", 46, 6.0, 6.6, 0.08, 0.11)]
    [InlineData("kidney-infection", "crp-raised", "KJU-2005-CRP-pyelonephritis", 59, 6.1, 6.7, 0.06, 0.08)]
    [InlineData("reactive-arthritis", "crp-raised", "Townes-2008-ARD-ReA", 39, 1.3, 1.5, 0.90, 0.96)]
    [InlineData("iliopsoas-abscess", "crp-raised", "JKSEM-2005-psoas", 11, 4.6, 5.2, 0.30, 0.36)]
    [InlineData("multiple-myeloma", "haemoglobin-low", "Kyle-2003-MayoClinProc", 1027, 7.8, 8.4, 0.28, 0.32)]
    public void Case_series_shares_are_graded_estimate_with_provenance_and_give_their_ratios(
        string condition, string finding, string source, int sampleSize, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Null(pair.Specificity);
        Assert.Equal(sampleSize, pair.Provenance?.SampleSize);
        Assert.Equal(IndexTestKind.Test, pair.Provenance?.IndexType);
    }

    [Fact]
    public void A_share_of_every_patient_is_entered_below_one_so_a_normal_marker_does_not_exclude_the_condition()
    {
        foreach (var condition in new[] { "septic-arthritis-hip", "kidney-infection", "iliopsoas-abscess" })
        {
            var pair = Pair(condition, "crp-raised");
            Assert.True(pair.Sensitivity < 1, condition);
            Assert.True(pair.LrNegative > 0.05, $"{condition}: LR- {pair.LrNegative}");
            Assert.Contains("95% confidence interval", pair.Rationale, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prosthetic_infection_takes_the_meta_analysis_sensitivity_and_specificity_at_ten_mg_per_litre()
    {
        var pair = Pair("prosthetic-hip-infection", "crp-raised");
        Assert.Equal("PJI-CRP-metaanalysis-2014", pair.SourceKey);
        Assert.Equal(0.881, pair.Sensitivity!.Value, 3);
        Assert.Equal(0.728, pair.Specificity!.Value, 3);
        Assert.Equal(0.881 / (1 - 0.728), pair.LrPositive, 6);
        Assert.Equal((1 - 0.881) / 0.728, pair.LrNegative, 6);
    }

    [Fact]
    public void No_condition_of_this_pass_scores_both_a_raised_esr_and_a_raised_crp()
    {
        foreach (var condition in new[] { "septic-arthritis-hip", "kidney-infection", "prosthetic-hip-infection", "reactive-arthritis", "iliopsoas-abscess" })
        {
            Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId is "esr-raised" or "esr-over-40");
        }

        // Polymyalgia keeps its ESR pair and was deliberately given no CRP pair.
        Assert.Contains(Kb.Likelihoods.Pairs, p => p.ConditionId == "polymyalgia-rheumatica" && p.FindingId == "esr-raised");
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == "polymyalgia-rheumatica" && p.FindingId == "crp-raised");
    }

    [Fact]
    public void Every_pair_on_crp_and_haemoglobin_stays_within_what_the_background_allows()
    {
        foreach (var finding in new[] { "crp-raised", "haemoglobin-low" })
        {
            PairsWithinBackground(finding, p => p.Specificity is null);
        }
    }

    [Fact]
    public void A_raised_crp_raises_septic_hip_and_a_normal_one_lowers_it_at_every_adult_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 90)), age =>
        {
            Func<CaseBuilder> baseCase = () => Case.For(age, Sex.Male).Initial("pain-hip", "pain-groin").Present("fever-or-chills");
            var present = Probability("septic-arthritis-hip", baseCase().Present("crp-raised"));
            var unknown = Probability("septic-arthritis-hip", baseCase());
            var absent = Probability("septic-arthritis-hip", baseCase().Absent("crp-raised"));
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void Anaemia_raises_myeloma_and_a_normal_haemoglobin_lowers_it_in_older_adults()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(50, 90)), age =>
        {
            Func<CaseBuilder> baseCase = () => Case.For(age, Sex.Female).Initial("pain-lower-back");
            var present = Probability("multiple-myeloma", baseCase().Present("haemoglobin-low"));
            var unknown = Probability("multiple-myeloma", baseCase());
            var absent = Probability("multiple-myeloma", baseCase().Absent("haemoglobin-low"));
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }
}
