using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Septic arthritis of the hip and hip fracture, second pass of issue 14: diabetes, immunosuppression and a measured
/// fever from a UK series of 46 adults with native-hip septic arthritis, and a prior osteoporosis diagnosis from 127
/// people admitted with a hip fracture. Each number records where it came from. Each finding raises its condition
/// against the same case with the finding absent.
/// </summary>
public sealed class HipSeriousProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    // Grades follow the s12 audit rule (Research/audithip.md): the adult septic-hip series leaves out the young children
    // in whom the condition is commonest, so its shares stay estimates; the hip-fracture series is the condition as
    // diagnosed and asked the history item itself, so it is a study (its population background is graded on its own).
    [Theory]
    [InlineData("septic-arthritis-hip", "diabetes", "Leeds-2008-adult-septic-hip", 46, 1.7, 2.1, 0.86, 0.92, EvidenceGrade.Estimate)]
    [InlineData("septic-arthritis-hip", "immunosuppression", "Leeds-2008-adult-septic-hip", 46, 5.5, 7.0, 0.82, 0.88, EvidenceGrade.Estimate)]
    [InlineData("septic-arthritis-hip", "fever-measured", "Leeds-2008-adult-septic-hip", 46, 25, 31, 0.40, 0.48, EvidenceGrade.Estimate)]
    [InlineData("hip-fracture", "osteoporosis", "Forer-2005-hipfx-osteoporosis", 127, 1.5, 1.9, 0.85, 0.91, EvidenceGrade.Study)]
    public void Case_series_frequencies_are_sourced_and_graded_with_provenance(
        string condition, string finding, string source, int sampleSize, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh,
        EvidenceGrade grade)
    {
        var pair = Pair(condition, finding);
        Assert.Equal(grade, pair.Grade);
        Assert.Equal(source, pair.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(pair.SourceKey), pair.SourceKey);
        Assert.Equal(sampleSize, pair.Provenance?.SampleSize);
        Assert.InRange(pair.LrPositive, lrPlusLow, lrPlusHigh);
        Assert.InRange(pair.LrNegative, lrMinusLow, lrMinusHigh);
    }

    [Fact]
    public void No_team_placeholder_is_left_on_diabetes_for_septic_arthritis()
    {
        Assert.NotEqual("BH-TEAM", Pair("septic-arthritis-hip", "diabetes").SourceKey);
    }

    [Fact]
    public void Diabetes_and_immunosuppression_raise_septic_arthritis_of_the_hip_at_every_adult_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 90)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Male).Initial("pain-hip", "pain-groin").Present("fever-or-chills");
            var diabetes = Directions("septic-arthritis-hip", Base, "diabetes");
            var immune = Directions("septic-arthritis-hip", Base, "immunosuppression");
            return diabetes.Present > diabetes.Unknown && diabetes.Unknown > diabetes.Absent
                && immune.Present > immune.Unknown && immune.Unknown > immune.Absent;
        }), maxTest: 20);
    }

    [Fact]
    public void A_prior_osteoporosis_diagnosis_raises_hip_fracture_after_a_fall()
    {
        // Hip pain after a fall: a known osteoporosis raises hip fracture and its absence lowers it. (With groin pain as
        // well, pelvic insufficiency fracture, whose osteoporosis share is higher (0.69 of 109), takes more of the gain;
        // hip fracture's own ratio still counts for it, which the contribution below checks.)
        var (present, unknown, absent) = Directions("hip-fracture",
            () => Case.For(82, Sex.Female).Initial("pain-hip").Present("fall-or-trauma"), "osteoporosis");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
        var withGroin = Ranked("hip-fracture", Case.For(82, Sex.Female).Initial("pain-hip", "pain-groin").Present("fall-or-trauma", "osteoporosis"));
        Assert.Contains(withGroin.Contributions, c => c.FindingId == "osteoporosis" && c.LikelihoodRatio > 1);
    }
}
