using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Profile pass for serious conditions whose characteristic features were neutral (session 11, issue 14, branch
/// thinserious): three myeloma features from the UK primary-care case-control study (Shephard 2015, Table 2: 2,703 cases,
/// 12,157 matched controls), each entered with the controls' rate as its specificity so no presenter background is
/// needed: a fracture, chest pain and nausea. Every number is an estimate with a source that resolves, and each moves
/// myeloma the right way. Frequent infections stay neutral: against back-pain controls (Goldschmidt 2016) infections did
/// not differ.
/// </summary>
public sealed class ThinSeriousProfileTests
{
    private const string Myeloma = "multiple-myeloma";
    private const string Shephard = "Shephard-2015-BJGP";

    [Theory]
    // finding, cases with it / 2,703, controls with it / 12,157, LR+ band, LR- band
    [InlineData("previous-fragility-fracture", 0.059, 0.9835, 3.4, 3.7, 0.95, 0.96)]
    [InlineData("chest-pain", 0.147, 0.956, 3.2, 3.5, 0.88, 0.90)]
    [InlineData("nausea", 0.06, 0.981, 3.0, 3.3, 0.95, 0.965)]
    public void Myeloma_case_control_features_are_sourced_and_move_it_both_ways(string finding, double sensitivity, double specificity,
        double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedPair(Myeloma, finding, Shephard, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Equal(sensitivity, pair.Sensitivity);
        Assert.Equal(specificity, pair.Specificity);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(14860, pair.Provenance?.SampleSize);
        Assert.Equal("primary care", pair.Provenance?.Setting);

        var (present, unknown, absent) = Directions(Myeloma, () => Case.For(70, Sex.Male).Initial("pain-lower-back"), finding);
        Assert.True(present > unknown && unknown > absent, $"{finding}: present {present}, unknown {unknown}, absent {absent}");
    }

    [Fact]
    public void A_yes_to_any_case_control_feature_never_lowers_myeloma_at_any_age_or_sex()
    {
        string[] findings = ["previous-fragility-fracture", "chest-pain", "nausea"];
        string[] sites = ["pain-lower-back", "pain-thoracic-back", "pain-hip"];
        Properties.Check(Prop.ForAll(
            Arb.From(Gen.Choose(18, 90)),
            Arb.From(Gen.Elements(Sex.Female, Sex.Male)),
            (age, sex) => findings.All(finding => sites.All(site =>
            {
                CaseBuilder Base() => Case.For(age, sex).Initial(site);
                return Probability(Myeloma, Base().Present(finding)) >= Probability(Myeloma, Base()) - 1e-12;
            }))), maxTest: 25);
    }

    [Fact]
    public void Frequent_infections_stay_neutral_for_myeloma()
    {
        // Chest infections were commoner than in general-practice controls (Shephard 2015, LR+ 1.9) but not than in
        // matched back-pain controls (Goldschmidt 2016), the population the engine scores, so no pair is entered.
        Assert.DoesNotContain(KnowledgeBase.Default.Likelihoods.Pairs, p => p.ConditionId == Myeloma && p.FindingId == "recurrent-infections");
    }

    [Fact]
    public void Myelomas_chest_pain_pair_carries_its_own_specificity_beside_the_presenter_background()
    {
        // A chest-pain background was added later (branch chestca, derived from Gerdle 2008), which lets dissection's
        // IRAD share load; myeloma's pair still compares records in cases and controls and keeps its own specificity.
        Assert.Contains(KnowledgeBase.Default.Likelihoods.BackgroundRates, b => b.FindingId == "chest-pain");
        Assert.NotNull(Pair(Myeloma, "chest-pain").Specificity);
        Assert.Null(Pair("aortic-dissection", "chest-pain").Specificity);
    }
}
