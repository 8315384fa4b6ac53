using BackHip.Domain.Differential;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Childhood hip conditions (issue 14, children pass): the sex ratios of Perthes (Johansson 2016, 3.1:1), SCFE
/// (Loder 2011 Table 1, 1.65:1) and transient synovitis (Feng 2024, 2.98:1) enter as prior modifiers that average to
/// one and favour boys by the source's ratio.
/// </summary>
public sealed class ChildrenSexModifierTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    public static TheoryData<string, string, double, int> Ratios => new()
    {
        { "legg-calve-perthes-disease", "Johansson-2016-Perthes", 3.1, 6 },
        { "slipped-capital-femoral-epiphysis", "Loder-2011-SCFE", 1.65, 12 },
        { "transient-synovitis-hip", "Feng-2024-TS", 2.98, 6 },
    };

    [Theory]
    [MemberData(nameof(Ratios))]
    public void Sex_modifiers_carry_the_sourced_ratio_and_average_to_one(string condition, string source, double ratio, int age)
    {
        var (male, female) = SourcedSexModifiers(condition, source);
        Assert.Equal(ratio, male / female, 1);

        var boy = Probability(condition, Case.For(age, Sex.Male).Initial("pain-hip").Present("limp"));
        var girl = Probability(condition, Case.For(age, Sex.Female).Initial("pain-hip").Present("limp"));
        Assert.True(boy > girl, $"{condition}: boy {boy} / girl {girl}");
    }

    /// <summary>A boy's odds of each of these conditions against a sex-neutral one (septic arthritis of the hip) are never
    /// lower than a girl's with the same answers. (Probabilities themselves need not be: when transient synovitis, with its
    /// larger ratio of 2.98, takes most of the probability, a boy's SCFE probability can fall below a girl's.)</summary>
    [Fact]
    public void A_boys_odds_against_a_sex_neutral_condition_are_never_below_a_girls_with_the_same_answers()
    {
        Properties.Check(Prop.ForAll(
            Gen.Choose(8, 14).ToArbitrary(),
            Gen.Elements("limp", "fever-or-chills", "cannot-bear-weight", "duration-over-12-weeks").ToArbitrary(),
            (age, finding) =>
            {
                foreach (var condition in new[] { "legg-calve-perthes-disease", "slipped-capital-femoral-epiphysis", "transient-synovitis-hip" })
                {
                    var boy = Odds(condition, Case.For(age, Sex.Male).Initial("pain-hip").Present(finding));
                    var girl = Odds(condition, Case.For(age, Sex.Female).Initial("pain-hip").Present(finding));
                    if (boy < girl)
                    {
                        return false;
                    }
                }

                return true;
            }), maxTest: 60);
    }

    private static double Odds(string condition, CaseBuilder builder) =>
        Probability(condition, builder) / Probability("septic-arthritis-hip", builder);
}
