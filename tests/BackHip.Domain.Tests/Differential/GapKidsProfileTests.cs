using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The children's and athletes' hip gap pass (issue 14, session 10, `Research/gapkids.md`): a presenter background for a
/// previous similar episode (Henschke 2008 baseline table) and a femoral neck stress fracture pair for pain that began
/// with unaccustomed exertion (two recruit series, 56 of 56). Each number records its source; the exertion pair moves the
/// fracture the way its ratios say, and every pair on that finding stays within its background.
/// </summary>
public sealed class GapKidsProfileTests
{
    [Fact]
    public void Previous_episode_background_is_the_primary_care_share_graded_estimate_with_its_search()
    {
        SourcedBackground("previous-similar-episodes", 0.75, "Henschke-2008-BMJ-prognosis", "primary care", 969);
    }

    [Fact]
    public void Stress_fracture_exertion_pair_is_the_lower_limit_of_the_recruit_series_with_provenance()
    {
        var pair = SourcedShare("femoral-neck-stress-fracture", "onset-after-exertion", "Blickenstaff-1966-FNSF", (4.5, 4.9), (0.06, 0.1), 0.936, 56, IndexTestKind.SelfReport);
        // The exact lower 95% limit of 56 of 56 is 0.025^(1/56); the entry may not claim more than the series shows.
        Assert.True(pair.Sensitivity!.Value <= Math.Pow(0.025, 1.0 / 56) + 1e-3);
    }

    [Fact]
    public void Every_pair_on_exertional_onset_stays_within_what_its_background_allows()
    {
        Assert.Contains(PairsWithinBackground("onset-after-exertion"), p => p.ConditionId == "femoral-neck-stress-fracture");
    }

    [Fact]
    public void Exertional_onset_raises_a_femoral_neck_stress_fracture_and_its_absence_lowers_it_at_every_adult_age()
    {
        MovesBothWaysAtEveryAdultAge("femoral-neck-stress-fracture", "pain-groin", "onset-after-exertion");
    }

    [Fact]
    public void A_young_runner_with_groin_pain_after_a_long_run_ranks_the_stress_fracture_higher_than_without_it()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 40)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Female).Initial("pain-groin").Present("endurance-running");
            var (present, _, absent) = Directions("femoral-neck-stress-fracture", Base, "onset-after-exertion");
            // LR+ about 4.7 against LR- about 0.08: the two answers differ by a factor of about 58 in the odds.
            return present > 10 * absent;
        }), maxTest: 10);
    }
}
