using BackHip.Domain.Differential;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Shared lookups for the condition-profile tests: a pair as written, a condition's probability on a case, and the three
/// directions of one finding (present, unknown, absent) on the same base case.
/// </summary>
internal static class Profiles
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    /// <summary>The single pair of a condition and finding (written or derived from a pain map).</summary>
    public static LikelihoodPair Pair(string condition, string finding) =>
        Assert.Single(KnowledgeBase.Default.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == finding);

    /// <summary>The single written pair of a condition and finding, leaving out one a pain map derives.</summary>
    public static LikelihoodPair WrittenPair(string condition, string finding) =>
        Assert.Single(KnowledgeBase.Default.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == finding && !p.FromPainMap);

    /// <summary>The condition's probability on the case the builder holds.</summary>
    public static double Probability(string condition, CaseBuilder builder) =>
        Engine.Score(builder.Build()).Ranked.Single(r => r.ConditionId == condition).Probability;

    /// <summary>The condition's probability with the finding present, unknown and absent, on the same base case.</summary>
    public static (double Present, double Unknown, double Absent) Directions(string condition, Func<CaseBuilder> baseCase, string finding) =>
        (Probability(condition, baseCase().Present(finding)), Probability(condition, baseCase()), Probability(condition, baseCase().Absent(finding)));
}
