namespace BackHip.Domain.Tests.Knowledge;

/// <summary>
/// A background rate is how often a finding is present among everyone presenting; the conditions with a sensitivity for
/// it are part of everyone. So the prior-weighted sum of their sensitivities (priors as shares of presenters, conditions
/// limited to pregnancy left out) cannot exceed the background: if it did, the conditions without a pair would need a
/// negative rate. The test fails on such a contradiction and prints, per finding, the rate the remaining conditions must
/// then have — the figure to compare with the neutral LR 1 they get.
/// </summary>
public sealed class BackgroundCoherenceTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    // Per background-rated finding with sensitivity pairs: the share of presenters in the paired conditions, the share of
    // presenters with the finding through them, and the rate the remaining conditions must have.
    private static List<(string Finding, double Background, double Share, double Explained, double Remainder)> Coherence(KnowledgeBase kb)
    {
        var shares = kb.Likelihoods.Priors
            .Where(p => !kb.GetCondition(p.ConditionId).Applicability.RequiresPregnancy)
            .ToDictionary(p => p.ConditionId, p => p.Prevalence, StringComparer.Ordinal);
        var total = shares.Values.Sum();
        var rows = new List<(string, double, double, double, double)>();
        foreach (var rate in kb.Likelihoods.BackgroundRates)
        {
            var paired = kb.Likelihoods.Pairs
                .Where(p => p.FindingId == rate.FindingId && !p.FromPainMap && p.Sensitivity is not null && shares.ContainsKey(p.ConditionId))
                .ToList();
            if (paired.Count > 0)
            {
                var share = paired.Sum(p => shares[p.ConditionId]) / total;
                var explained = paired.Sum(p => shares[p.ConditionId] * p.Sensitivity!.Value) / total;
                rows.Add((rate.FindingId, rate.Rate, share, explained, share < 1 ? (rate.Rate - explained) / (1 - share) : double.NaN));
            }
        }

        return rows;
    }

    [Fact]
    public void Sensitivities_weighted_by_prior_never_exceed_the_finding_background_rate()
    {
        var rows = Coherence(Kb);
        Assert.Contains(rows, r => r.Finding == "duration-over-12-weeks");
        foreach (var (finding, background, share, explained, rest) in rows)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{finding,-40} background {background,6:0.000}  paired share {share,6:0.000}  explained {explained,7:0.0000}  rest must have {rest,6:0.000}");
        }

        var problems = rows.Where(r => r.Explained > r.Background + 1e-12)
            .Select(r => $"{r.Finding}: {r.Explained:0.000} of presenters have it through the paired conditions alone, above its background {r.Background:0.000}");
        Assert.True(!problems.Any(), string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_sensitivity_on_a_common_condition_above_what_the_background_allows_is_caught()
    {
        // Nonspecific back pain (the largest prior) said to have night pain in a fifth of cases, against a background of
        // 0.05: on its own it puts more presenters with night pain than the background allows.
        var node = System.Text.Json.Nodes.JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        node["backgroundRates"]!.AsArray().Single(r => (string?)r!["finding"] == "night-pain")!["rate"] = 0.05;
        node["pairs"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "condition": "nonspecific-low-back-pain", "finding": "night-pain", "sensitivity": 0.2, "source": "BH-TEAM", "grade": "estimate", "rationale": "Test entry." }
            """));
        var edited = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString()));
        var row = Assert.Single(Coherence(edited), r => r.Finding == "night-pain");
        Assert.True(row.Explained > row.Background, $"{row.Explained} vs {row.Background}");
        Assert.True(row.Remainder < 0);
        Assert.DoesNotContain(Coherence(Kb), r => r.Finding == "night-pain" && r.Explained > r.Background);
    }
}
