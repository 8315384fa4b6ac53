using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Shared lookups for the condition-profile tests: a pair as written, a condition's probability on a case, and the three
/// directions of one finding (present, unknown, absent) on the same base case.
/// </summary>
internal static class Profiles
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    /// <summary>The numbers an audit of some conditions covers: each written pair (not one carried from a broader
    /// finding) and each measured pain-map site, labelled, with its grade, rationale and provenance.</summary>
    public static IEnumerable<(string Label, EvidenceGrade Grade, string? Rationale, NumberProvenance? Provenance)> WrittenNumbers(IReadOnlyCollection<string> conditions) =>
        KnowledgeBase.Default.Likelihoods.Pairs.Where(p => conditions.Contains(p.ConditionId) && !p.FromPainMap && p.ImpliedFrom is null && !p.Residual)
            .Select(p => ($"pair {p.ConditionId}/{p.FindingId}", p.Grade, p.Rationale, p.Provenance))
            .Concat(KnowledgeBase.Default.Likelihoods.PainMaps.Where(s => conditions.Contains(s.ConditionId) && s.Kind == PainSiteKind.Measured && !s.FromRegions)
                .Select(s => ($"site {s.ConditionId}/{s.SiteId}", s.Grade, s.Rationale, s.Provenance)));

    /// <summary>The single pair of a condition and finding (written or derived from a pain map).</summary>
    public static LikelihoodPair Pair(string condition, string finding) =>
        Assert.Single(KnowledgeBase.Default.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == finding);

    /// <summary>
    /// A condition's two sex modifiers, after checking they are one male and one female modifier from the given source,
    /// graded estimate, and split so that they average to one.
    /// </summary>
    public static (double Male, double Female) SourcedSexModifiers(string condition, string source)
    {
        var prior = Assert.Single(KnowledgeBase.Default.Likelihoods.Priors, p => p.ConditionId == condition);
        Assert.Equal(2, prior.Modifiers.Length);
        Assert.All(prior.Modifiers, m =>
        {
            Assert.Equal(source, m.SourceKey);
            Assert.Equal(EvidenceGrade.Estimate, m.Grade);
            Assert.True(KnowledgeBase.Default.Sources.ContainsKey(m.SourceKey));
        });
        var male = prior.Modifiers.Single(m => m.When is SexCriterion { Sex: Sex.Male }).Factor;
        var female = prior.Modifiers.Single(m => m.When is SexCriterion { Sex: Sex.Female }).Factor;
        Assert.Equal(1.0, (male + female) / 2, 2);
        return (male, female);
    }

    /// <summary>A prior's sex modifier for <paramref name="sex"/> (1 when it has none, or when the sex is not stated).</summary>
    public static double SexFactor(ConditionPrior prior, Sex? sex) =>
        sex is null ? 1.0 : prior.Modifiers.Where(m => m.When is SexCriterion s && s.Sex == sex).Select(m => m.Factor).DefaultIfEmpty(1.0).Single();

    /// <summary>
    /// Checks that every pair on a finding (those <paramref name="which"/> selects, all by default) stays within what the
    /// finding's background rate allows (LR+ x rate and LR- x (1 - rate) at most 1), and returns the pairs checked.
    /// </summary>
    public static IReadOnlyList<LikelihoodPair> PairsWithinBackground(string finding, Func<LikelihoodPair, bool>? which = null)
    {
        var rate = Assert.Single(KnowledgeBase.Default.Likelihoods.BackgroundRates, b => b.FindingId == finding).Rate;
        var pairs = KnowledgeBase.Default.Likelihoods.Pairs.Where(p => p.FindingId == finding && (which is null || which(p))).ToList();
        Assert.All(pairs, p =>
        {
            Assert.True(p.LrPositive * rate <= 1 + 1e-9, $"{p.ConditionId}: LR+ {p.LrPositive} over background {rate}");
            Assert.True(p.LrNegative * (1 - rate) <= 1 + 1e-9, $"{p.ConditionId}: LR- {p.LrNegative} over background {rate}");
        });
        return pairs;
    }

    /// <summary>The single written pair of a condition and finding, leaving out one a pain map derives or one derived for a
    /// label of exclusion.</summary>
    public static LikelihoodPair WrittenPair(string condition, string finding) =>
        Assert.Single(KnowledgeBase.Default.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == finding && !p.FromPainMap && !p.Residual);

    /// <summary>The condition as scored on the case the builder holds.</summary>
    public static RankedCondition Ranked(string condition, CaseBuilder builder) =>
        Engine.Score(builder.Build()).Ranked.Single(r => r.ConditionId == condition);

    /// <summary>The condition's probability on the case the builder holds.</summary>
    public static double Probability(string condition, CaseBuilder builder) => Ranked(condition, builder).Probability;

    /// <summary>The condition's probability with the finding present, unknown and absent, on the same base case.</summary>
    public static (double Present, double Unknown, double Absent) Directions(string condition, Func<CaseBuilder> baseCase, string finding) =>
        (Probability(condition, baseCase().Present(finding)), Probability(condition, baseCase()), Probability(condition, baseCase().Absent(finding)));

    /// <summary>Property over adult women of 18-85 presenting with <paramref name="site"/>: answering
    /// <paramref name="finding"/> yes raises <paramref name="condition"/> above not asking, and no lowers it below.</summary>
    public static void MovesBothWaysAtEveryAdultAge(string condition, string site, string finding) =>
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 85)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Female).Initial(site);
            var (present, unknown, absent) = Directions(condition, Base, finding);
            return present > unknown && unknown > absent;
        }), maxTest: 15);

    /// <summary>Checks a pair entered from a source: its key resolves, it records provenance, and its ratios fall in the
    /// given ranges; returns it for further checks.</summary>
    public static LikelihoodPair SourcedPair(string condition, string finding, string source, (double Low, double High) lrPositive, (double Low, double High) lrNegative)
    {
        var pair = Pair(condition, finding);
        Assert.Equal(source, pair.SourceKey);
        Assert.True(KnowledgeBase.Default.Sources.ContainsKey(pair.SourceKey), pair.SourceKey);
        Assert.NotNull(pair.Provenance);
        Assert.InRange(pair.LrPositive, lrPositive.Low, lrPositive.High);
        Assert.InRange(pair.LrNegative, lrNegative.Low, lrNegative.High);
        return pair;
    }

    /// <summary>As <see cref="SourcedPair"/>, for a pair entered as a frequency (a sensitivity).</summary>
    public static LikelihoodPair SourcedSensitivityPair(string condition, string finding, string source, (double Low, double High) lrPositive, (double Low, double High) lrNegative)
    {
        var pair = SourcedPair(condition, finding, source, lrPositive, lrNegative);
        Assert.NotNull(pair.Sensitivity);
        return pair;
    }

    /// <summary>Checks a background rate: its value, an estimate grade, a source key that resolves, the setting and
    /// sample size it records, and the search its rationale reports.</summary>
    public static BackgroundRate SourcedBackground(string finding, double rate, string source, string setting, int? sampleSize)
    {
        var background = Assert.Single(KnowledgeBase.Default.Likelihoods.BackgroundRates, b => b.FindingId == finding);
        Assert.Equal(rate, background.Rate, 3);
        Assert.Equal(EvidenceGrade.Estimate, background.Grade);
        Assert.Equal(source, background.SourceKey);
        Assert.True(KnowledgeBase.Default.Sources.ContainsKey(background.SourceKey), background.SourceKey);
        Assert.Equal(setting, background.Provenance?.Setting);
        Assert.Equal(sampleSize, background.Provenance?.SampleSize);
        Assert.Matches(@"Searched \d{4}-\d{2}-\d{2}", background.Rationale);
        return background;
    }

    /// <summary>Checks a pair entered as a share from one series: <see cref="SourcedSensitivityPair"/>, the share itself
    /// with no specificity, an estimate grade, and the series' size and index-test type; returns it for further checks.</summary>
    public static LikelihoodPair SourcedShare(
        string condition, string finding, string source, (double Low, double High) lrPositive, (double Low, double High) lrNegative,
        double share, int sampleSize, IndexTestKind indexType)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, lrPositive, lrNegative);
        Assert.Equal(share, pair.Sensitivity!.Value, 3);
        Assert.Null(pair.Specificity);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(sampleSize, pair.Provenance!.SampleSize);
        Assert.Equal(indexType, pair.Provenance.IndexType);
        return pair;
    }

    /// <summary>Checks a measured pain-map site moved from a hospital or specialist series to presenters: its frequency, an
    /// estimate grade, a source key that resolves, and a self-reported provenance with the series' size.</summary>
    public static PainMapSite MeasuredSite(string condition, string site, double frequency, int sampleSize)
    {
        var entry = Assert.Single(KnowledgeBase.Default.Likelihoods.PainMaps, m => m.ConditionId == condition && m.SiteId == site);
        Assert.Equal(frequency, entry.Frequency);
        Assert.Equal(PainSiteKind.Measured, entry.Kind);
        Assert.Equal(EvidenceGrade.Estimate, entry.Grade);
        Assert.True(KnowledgeBase.Default.Sources.ContainsKey(entry.SourceKey), entry.SourceKey);
        var provenance = Assert.IsType<NumberProvenance>(entry.Provenance);
        Assert.Equal(IndexTestKind.SelfReport, provenance.IndexType);
        Assert.Equal(sampleSize, provenance.SampleSize);
        return entry;
    }
}
