using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Profile gaps of the vascular mimics (issue 14, session 10, gapvasc pass): smoking and high blood pressure for iliac
/// artery aneurysm, moved from the aortic screening odds ratios, and the rule that a condition does not score both the
/// nested sudden-onset answers (the checklist's sudden onset and the onset question's sudden severe onset).
/// </summary>
public sealed class VascularGapTests
{
    [Theory]
    [InlineData("smoking", 2.2, 2.35, 0.6, 0.65)]
    [InlineData("high-blood-pressure", 1.5, 1.6, 0.8, 0.86)]
    public void Iliac_aneurysm_risk_factors_are_the_aortic_screening_ratios_graded_estimate(
        string finding, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair("iliac-artery-aneurysm", finding, "Rabben-2021", (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(12822, pair.Provenance!.SampleSize);
        Assert.Contains("Searched 2026-11-24", pair.Rationale, StringComparison.Ordinal);

        // The same frequency as the aortic aneurysm pair it was moved from.
        Assert.Equal(WrittenPair("abdominal-aortic-aneurysm", finding).Sensitivity, pair.Sensitivity);
    }

    [Theory]
    [InlineData("smoking")]
    [InlineData("high-blood-pressure")]
    public void Iliac_aneurysm_rises_with_each_risk_factor_and_falls_without_it_at_every_older_age(string finding)
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(50, 90)), age =>
        {
            var (present, unknown, absent) = Directions("iliac-artery-aneurysm",
                () => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("pain-abdomen"), finding);
            return present > unknown && unknown > absent;
        }), maxTest: 15);
    }

    [Fact]
    public void No_condition_scores_both_nested_sudden_onset_answers()
    {
        // Sudden severe onset without injury (the onset question) is sudden onset (the checklist) with more conditions;
        // no condition has written pairs on both, and the two are one variable, so a yes to both counts the sudden start
        // once: every condition scores as with the onset option alone.
        var pairs = KnowledgeBase.Default.Likelihoods.Pairs.Where(p => p.ImpliedFrom is null && !p.Residual).ToList();
        var severe = pairs.Where(p => p.FindingId == "onset-sudden-severe").Select(p => p.ConditionId).ToHashSet(StringComparer.Ordinal);
        var sudden = pairs.Where(p => p.FindingId == "onset-sudden").Select(p => p.ConditionId).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("aortic-dissection", severe);
        Assert.Empty(severe.Intersect(sudden, StringComparer.Ordinal));
        OnsetVariableTests.A_yes_to_sudden_onset_beside_an_onset_option_changes_nothing("onset-sudden-severe");
    }
}
