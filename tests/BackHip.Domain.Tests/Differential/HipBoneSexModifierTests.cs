using BackHip.Domain.Differential;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Hip and pelvic bone conditions (issue 14, hipbone pass): sourced sex ratios enter as prior modifiers that average to
/// one and favour the sex the source names: osteonecrosis of the femoral head men 1.33:1 (Ando 2021, Japanese
/// registry), femoral neck stress fracture women 1.49:1 (Wentz 2011, athletes, all stress-fracture sites), pelvic
/// insufficiency fracture women 4.2:1 (Hill 2001, pubic rami) and apophyseal avulsion boys 3.545:1 (Ferraro 2023).
/// </summary>
public sealed class HipBoneSexModifierTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static readonly (string Condition, Sex Favoured, int Age)[] Favoured =
    [
        ("avascular-necrosis-femoral-head", Sex.Male, 45),
        ("femoral-neck-stress-fracture", Sex.Female, 25),
        ("pelvic-insufficiency-fracture", Sex.Female, 80),
        ("pelvic-apophyseal-avulsion", Sex.Male, 15),
    ];

    public static TheoryData<string, string, double, string> Ratios => new()
    {
        { "avascular-necrosis-femoral-head", "Ando-2021-ONFH-Japan", 1.33, "male" },
        { "femoral-neck-stress-fracture", "Wentz-2011-stressfx-sex", 1.49, "female" },
        { "pelvic-insufficiency-fracture", "Hill-2001-pubic-rami", 4.2, "female" },
        { "pelvic-apophyseal-avulsion", "Ferraro-2023-avulsion", 3.545, "male" },
    };

    [Theory]
    [MemberData(nameof(Ratios))]
    public void Sex_modifiers_carry_the_sourced_ratio_and_average_to_one(string condition, string source, double ratio, string favoured)
    {
        var (male, female) = SourcedSexModifiers(condition, source);
        var observed = favoured == "male" ? male / female : female / male;
        Assert.Equal(ratio, observed, 1);
    }

    [Fact]
    public void The_favoured_sex_is_never_less_likely_with_the_same_answers()
    {
        Properties.Check(Prop.ForAll(
            Gen.Choose(-3, 3).ToArbitrary(),
            Gen.Elements("limp", "night-pain", "cannot-bear-weight", "fall-or-trauma", "endurance-running").ToArbitrary(),
            (ageShift, finding) =>
            {
                foreach (var (condition, sex, age) in Favoured)
                {
                    var other = sex == Sex.Male ? Sex.Female : Sex.Male;
                    var favoured = Probability(condition, Case.For(age + ageShift, sex).Initial("pain-hip").Present(finding));
                    var rest = Probability(condition, Case.For(age + ageShift, other).Initial("pain-hip").Present(finding));
                    if (favoured < rest)
                    {
                        return false;
                    }
                }

                return true;
            }), maxTest: 60);
    }

    [Fact]
    public void Osteonecrosis_pain_at_rest_is_a_weak_sourced_estimate()
    {
        var pair = Assert.Single(Kb.Likelihoods.Pairs,
            p => p.ConditionId == "avascular-necrosis-femoral-head" && p.FindingId == "pain-at-rest");
        Assert.Equal("Harrison-ON-rest-night", pair.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);

        var with = Probability("avascular-necrosis-femoral-head", Case.For(40, Sex.Male).Initial("pain-hip").Present("pain-at-rest"));
        var without = Probability("avascular-necrosis-femoral-head", Case.For(40, Sex.Male).Initial("pain-hip").Absent("pain-at-rest"));
        Assert.True(with > without, $"with {with} / without {without}");
        Assert.True(with < without * 2, $"pain at rest should move osteonecrosis only a little: with {with} / without {without}");
    }
}
