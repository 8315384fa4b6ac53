using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The visceral mimics with thin profiles (issue 14, point 1): acute prostatitis, pelvic inflammatory disease, acute
/// pancreatitis, testicular torsion and retroperitoneal tumour. Each sourced number records where it came from, and for
/// each condition a typical finding raises it against the same case with the finding absent.
/// </summary>
public sealed class VisceralProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static readonly string[] Conditions =
        ["acute-prostatitis", "pelvic-inflammatory-disease", "acute-pancreatitis", "testicular-torsion", "retroperitoneal-tumour"];

    [Fact]
    public void Prostatitis_urinary_pairs_are_case_series_frequencies_graded_estimate_with_provenance()
    {
        foreach (var finding in new[] { "painful-urination", "bladder-dysfunction" })
        {
            var pair = Pair("acute-prostatitis", finding);
            Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
            Assert.Equal("Ilunga-Banza-2020", pair.SourceKey);
            Assert.True(Kb.Sources.ContainsKey(pair.SourceKey), pair.SourceKey);
            Assert.Equal(25, pair.Provenance?.SampleSize);
            Assert.Contains("Searched 2026-11-24", pair.Rationale, StringComparison.Ordinal);
        }

        // Burning on passing urine 8 of 25 over the 3% background; French "dysurie" (difficult voiding) 11 of 25 over the
        // generous 23% population background for voiding symptoms.
        Assert.InRange(Pair("acute-prostatitis", "painful-urination").LrPositive, 10, 11.5);
        Assert.InRange(Pair("acute-prostatitis", "painful-urination").LrNegative, 0.65, 0.75);
        Assert.InRange(Pair("acute-prostatitis", "bladder-dysfunction").LrPositive, 1.7, 2.1);
        Assert.InRange(Pair("acute-prostatitis", "bladder-dysfunction").LrNegative, 0.68, 0.78);
    }

    [Fact]
    public void Bladder_background_is_a_sourced_population_rate_graded_estimate()
    {
        var rate = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == "bladder-dysfunction");
        Assert.Equal(0.23, rate.Rate, 3);
        Assert.Equal(EvidenceGrade.Estimate, rate.Grade);
        Assert.Equal("Irwin-2006-EPIC", rate.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(rate.SourceKey));
        Assert.Equal("population", rate.Provenance?.Setting);
        Assert.Equal(19165, rate.Provenance?.SampleSize);
    }

    [Fact]
    public void Every_non_site_pair_of_these_conditions_has_a_known_source_and_a_rationale()
    {
        var pairs = Kb.Likelihoods.Pairs.Where(p => Conditions.Contains(p.ConditionId) && !p.FromPainMap).ToList();
        Assert.All(Conditions, c => Assert.Contains(pairs, p => p.ConditionId == c));
        Assert.All(pairs, p =>
        {
            Assert.True(Kb.Sources.ContainsKey(p.SourceKey), $"{p.ConditionId}/{p.FindingId}: {p.SourceKey}");
            Assert.False(string.IsNullOrWhiteSpace(p.Rationale), $"{p.ConditionId}/{p.FindingId} has no rationale");
            Assert.True(p.Provenance is not null, $"{p.ConditionId}/{p.FindingId} has no provenance");
        });
    }

    [Fact]
    public void Painful_urination_raises_acute_prostatitis_at_every_adult_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 85)), age =>
        {
            var (present, unknown, absent) = Directions("acute-prostatitis",
                () => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("fever-or-chills"), "painful-urination");
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void Difficulty_passing_urine_raises_acute_prostatitis()
    {
        var (present, unknown, absent) = Directions("acute-prostatitis",
            () => Case.For(40, Sex.Male).Initial("pain-lower-back").Present("fever-or-chills"), "bladder-dysfunction");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Vaginal_bleeding_raises_pelvic_inflammatory_disease()
    {
        var (present, unknown, absent) = Directions("pelvic-inflammatory-disease",
            () => Case.For(24, Sex.Female).Initial("pain-lower-back").Present("pain-abdomen"), "vaginal-bleeding");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Heavy_drinking_raises_acute_pancreatitis()
    {
        var (present, unknown, absent) = Directions("acute-pancreatitis",
            () => Case.For(45, Sex.Male).Initial("pain-lower-back").Present("pain-abdomen"), "heavy-alcohol-use");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Scrotal_pain_raises_testicular_torsion()
    {
        var (present, unknown, absent) = Directions("testicular-torsion",
            () => Case.For(15, Sex.Male).Initial("pain-groin"), "scrotal-pain");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }

    [Fact]
    public void Weight_loss_raises_retroperitoneal_tumour()
    {
        var (present, unknown, absent) = Directions("retroperitoneal-tumour",
            () => Case.For(60, Sex.Female).Initial("pain-lower-back"), "unexplained-weight-loss");
        Assert.True(present > unknown && unknown > absent, $"{present} / {unknown} / {absent}");
    }
}
