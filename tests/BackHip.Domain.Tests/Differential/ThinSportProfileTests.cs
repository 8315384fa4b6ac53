using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The thin sports hip and groin profiles (issue 14, session 11, `Research/thinsport.md`): a presenter background for a
/// sudden start of the pain (acute and chronic back-pain cohorts weighted by the duration background) and the pelvic
/// apophyseal avulsion pair held last session for want of it. Each number records its source; the pair moves the
/// avulsion the way its ratios say, stays within its background, and no condition scores the sudden-onset item beside
/// one of the onset options nested in it.
/// </summary>
public sealed class ThinSportProfileTests
{
    private static readonly string[] NestedOnsetOptions = ["onset-sudden-lifting", "onset-sudden-severe"];

    [Fact]
    public void Sudden_onset_background_is_the_duration_weighted_share_graded_estimate_with_its_search()
    {
        var background = SourcedBackground("onset-sudden", 0.54, "Henschke-2008-BMJ-prognosis", "primary care and specialist (rehabilitation)", 969 + 1760);
        Assert.True(KnowledgeBase.Default.Sources.ContainsKey("Verkerk-2011-BMCMSD"));
        Assert.Equal(IndexTestKind.SelfReport, background.Provenance?.IndexType);
        Assert.Contains("Verkerk 2011", background.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Sudden_onset_background_follows_from_its_two_cohorts_and_the_duration_background_it_names()
    {
        // Acute share (Henschke 2008: 797 of 969) for the presenters under 12 weeks, chronic share (Verkerk 2011: 563 of
        // the 1,730 who answered) for those over 12 weeks, weighted by the library's own over-12-week background: if that
        // background moves, this rate has to be derived again.
        var over12 = Assert.Single(KnowledgeBase.Default.Likelihoods.BackgroundRates, b => b.FindingId == "duration-over-12-weeks").Rate;
        var derived = (1 - over12) * 797.0 / 969 + over12 * 563.0 / 1730;
        var background = Assert.Single(KnowledgeBase.Default.Likelihoods.BackgroundRates, b => b.FindingId == "onset-sudden").Rate;
        Assert.Equal(Math.Round(derived, 2), background, 3);
    }

    [Fact]
    public void Avulsion_sudden_onset_pair_is_the_mechanism_share_of_the_719_fractures_with_provenance()
    {
        var pair = SourcedShare("pelvic-apophyseal-avulsion", "onset-sudden", "Ferraro-2023-avulsion", (1.1, 1.25), (0.75, 0.85), 0.63, 709, IndexTestKind.SelfReport);
        // Running 27.8% + kicking 26.7% + falls 8.8% of 719 fractures: the entry is that floor, not more.
        Assert.True(pair.Sensitivity!.Value <= 0.278 + 0.267 + 0.088 + 1e-9);
    }

    [Fact]
    public void Every_pair_on_sudden_onset_stays_within_what_its_background_allows()
    {
        Assert.Contains(PairsWithinBackground("onset-sudden"), p => p.ConditionId == "pelvic-apophyseal-avulsion");
    }

    [Fact]
    public void No_condition_scores_the_sudden_onset_item_beside_an_onset_option_nested_in_it()
    {
        // "Suddenly, when lifting, bending or twisting" and "suddenly and severely, without an injury" are each a sudden
        // start with more said about it; a condition with a pair on both would count the sudden start twice.
        // No condition has written pairs on both; the two are one variable (pairs carried from the sudden start to an
        // option, and pairs derived for the labels of exclusion, are counted once by it), so a yes to both changes nothing.
        var pairs = KnowledgeBase.Default.Likelihoods.Pairs.Where(p => p.ImpliedFrom is null && !p.Residual).ToList();
        var sudden = pairs.Where(p => p.FindingId == "onset-sudden").Select(p => p.ConditionId).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("pelvic-apophyseal-avulsion", sudden);
        foreach (var option in NestedOnsetOptions)
        {
            var nested = pairs.Where(p => p.FindingId == option).Select(p => p.ConditionId);
            Assert.Empty(sudden.Intersect(nested, StringComparer.Ordinal));
            OnsetVariableTests.A_yes_to_sudden_onset_beside_an_onset_option_changes_nothing(option);
        }
    }

    [Fact]
    public void Sudden_onset_raises_an_avulsion_in_a_teenager_with_hip_pain_and_a_gradual_start_lowers_it()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(12, 18)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Male).Initial("pain-hip");
            var (present, unknown, absent) = Directions("pelvic-apophyseal-avulsion", Base, "onset-sudden");
            return present > unknown && unknown > absent;
        }), maxTest: 7);
    }

    [Fact]
    public void Beside_the_sport_answers_a_sudden_start_moves_an_avulsion_by_little()
    {
        // The sport pairs come from the same series; the sudden start adds its own small ratio (LR+ about 1.17) and no more,
        // so with the sport answers given, yes against no to sudden onset changes the avulsion by well under twofold.
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(12, 18)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Male).Initial("pain-hip").Present("onset-during-sport").Present("kicking-sports");
            var (present, _, absent) = Directions("pelvic-apophyseal-avulsion", Base, "onset-sudden");
            return present > absent && present < 2 * absent;
        }), maxTest: 7);
    }
}
