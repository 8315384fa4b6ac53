using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// A sensitivity given alone becomes a ratio by dividing by the finding's background rate, so the ratio rests on two
/// numbers with their own sources and grades (issue 14 point 2). Every such pair, and every contribution it makes to a
/// score, names the background it was divided by; a pair with its own specificity or ratios names none.
/// </summary>
public sealed class PairBackgroundTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static IEnumerable<LikelihoodPair> SensitivityOnly =>
        Kb.Likelihoods.Pairs.Where(p => p.ImpliedFrom is null && p.Sensitivity is not null && p.Specificity is null);

    [Fact]
    public void Every_sensitivity_given_alone_is_divided_by_the_background_it_names()
    {
        var pairs = SensitivityOnly.ToList();
        Assert.NotEmpty(pairs);
        Assert.Contains(pairs, p => p.FromPainMap);
        foreach (var pair in pairs)
        {
            var label = $"{pair.ConditionId}/{pair.FindingId}";
            Assert.True(pair.BackgroundRate is > 0 and < 1, label);
            Assert.Equal(Kb.Likelihoods.BackgroundRateOf(pair.FindingId), pair.BackgroundRate!.Value, 12);
            Assert.Equal(pair.Sensitivity!.Value / pair.BackgroundRate.Value, pair.LrPositive, 9);
            Assert.False(string.IsNullOrEmpty(pair.BackgroundSourceKey), label);
            Assert.True(Kb.Sources.ContainsKey(pair.BackgroundSourceKey!), label + ": " + pair.BackgroundSourceKey);
            Assert.NotNull(pair.BackgroundGrade);
        }
    }

    [Fact]
    public void A_stated_background_lends_its_own_source_and_grade_and_a_derived_site_background_is_an_estimate()
    {
        var stated = Kb.Likelihoods.BackgroundRates.ToDictionary(r => r.FindingId, StringComparer.Ordinal);
        // The pain maps' numbers are the typical-site rate then the unmapped rate; a derived site background is built on the latter.
        var unmapped = Kb.Likelihoods.PainMapRates[^1];
        var derivedSeen = 0;
        foreach (var pair in SensitivityOnly)
        {
            if (stated.TryGetValue(pair.FindingId, out var rate))
            {
                Assert.Equal(rate.SourceKey, pair.BackgroundSourceKey);
                Assert.Equal(rate.Grade, pair.BackgroundGrade);
            }
            else
            {
                derivedSeen++;
                Assert.True(pair.FromPainMap, $"{pair.ConditionId}/{pair.FindingId} has no stated background and is not a pain site");
                Assert.Equal(EvidenceGrade.Estimate, pair.BackgroundGrade);
                Assert.Equal(unmapped.SourceKey, pair.BackgroundSourceKey);
            }
        }

        Assert.True(derivedSeen > 0);
        // A study sensitivity over an estimated background exists (the case the second grade is for).
        Assert.Contains(SensitivityOnly, p => p.Grade == EvidenceGrade.Study && p.BackgroundGrade == EvidenceGrade.Estimate);
    }

    [Fact]
    public void A_pair_with_its_own_specificity_or_ratios_names_no_background()
    {
        var own = Kb.Likelihoods.Pairs.Where(p => p.ImpliedFrom is null && (p.Specificity is not null || p.Sensitivity is null)).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, p =>
        {
            Assert.Null(p.BackgroundRate);
            Assert.Null(p.BackgroundSourceKey);
            Assert.Null(p.BackgroundGrade);
        });
    }

    [Fact]
    public void Every_contribution_carries_the_background_of_the_pair_it_came_from() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var pairs = Kb.Likelihoods.Pairs.ToLookup(p => (p.ConditionId, p.FindingId));
            var engine = new DifferentialEngine(Kb);
            return engine.Score(c).Ranked.All(r => r.Contributions.All(x =>
                pairs[(r.ConditionId, x.FindingId)].Any(p =>
                    p.BackgroundSourceKey == x.BackgroundSourceKey && p.BackgroundGrade == x.BackgroundGrade
                    && (x.BackgroundSourceKey is null || p.BackgroundRate is not null))));
        }), maxTest: 60);
}
