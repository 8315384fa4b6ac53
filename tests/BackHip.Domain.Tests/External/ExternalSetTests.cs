using System.Globalization;
using System.Text;
using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.External;

/// <summary>
/// Measures the library on the external development set (cases nobody on the team wrote). The figures are printed for
/// the issue notes and the README; the assertions guard against regressions below the figures last measured, never
/// against individual cases.
/// </summary>
public sealed class ExternalSetTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static void Print(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);

    [Fact]
    public void Every_mapped_id_exists_and_every_diagnosis_is_coded()
    {
        var (phrases, mapped, ids) = ExternalVignettes.PhraseCoverage();
        Assert.All(ids, id => Assert.True(Kb.TryGetFinding(id, out var f) && !f.IsComposite, $"phrase-map.json uses '{id}', which is not a stated finding"));
        var vignettes = ExternalVignettes.Load();
        Assert.All(vignettes.SelectMany(v => v.AcceptedConditions), id => Assert.True(Kb.TryGetCondition(id, out _), id));
        var statements = vignettes.Sum(v => v.Statements);
        var mappedStatements = vignettes.Sum(v => v.MappedStatements);
        var searched = vignettes.Sum(v => v.SearchCodedStatements);
        Print(string.Create(CultureInfo.InvariantCulture, $"Phrases mapped: {mapped} of {phrases}; statements mapped: {mappedStatements} of {statements} ({(double)mappedStatements / statements:P1}), of which coded by search (phrases the map does not know): {searched}"));
        Print($"Diagnoses not covered: {string.Join("; ", vignettes.Where(v => v.AcceptedConditions.Count == 0).Select(v => v.ExpectedDiagnosis).Distinct().Order(StringComparer.Ordinal))}");
        if (ExternalVignettes.IsDevelopmentSet)
        {
            // The checked-in set: every phrase is in the map (coded or deliberately left out), so search codes nothing.
            Assert.Equal(78, vignettes.Count);
            Assert.True(mapped >= 443, $"phrase coverage fell to {mapped}");
            Assert.Equal(0, searched);
        }
    }

    [Fact]
    public void A_phrase_the_map_does_not_know_is_coded_by_search_at_the_threshold_only()
    {
        // Every phrase the map codes, read by search alone: the first hit at or above the threshold agrees with the map
        // for at least 95% of them (the precision the threshold was chosen for), and below it search codes nothing.
        var kb = KnowledgeBase.Default;
        var (agree, coded, total) = ExternalVignettes.SearchAgreement();
        Print(string.Create(CultureInfo.InvariantCulture, $"Search alone on the map's {total} coded phrases: {coded} coded at score >= {ExternalVignettes.SearchThreshold}, {agree} agreeing with the map ({(double)agree / coded:P0})"));
        Assert.True(total >= 400, $"{total}");
        Assert.True(coded >= total / 2, $"{coded} of {total}");
        Assert.True(agree >= 0.95 * coded, $"{agree} of {coded}");
        Assert.Empty(kb.Search("zzzz qqqq", 5));

        var (dAgree, dCoded, dTotal) = ExternalVignettes.DiagnosisSearchAgreement();
        Print(string.Create(CultureInfo.InvariantCulture, $"Search alone on the diagnosis map's {dTotal} covered labels: {dCoded} coded, {dAgree} as the map does"));
        Assert.True(dCoded >= 0.9 * dTotal, $"{dCoded} of {dTotal}");
        Assert.True(dAgree >= 0.95 * dCoded, $"{dAgree} of {dCoded}");
    }

    /// <summary>The combined level (rules, then the differential's care levels) for a vignette; for an unknown sex, the
    /// less urgent of the two sexes.</summary>
    internal static (TriageLevel Rules, TriageLevel Combined) Triage(ExternalVignette v, IReadOnlyList<ExternalVignette> asMale)
    {
        (TriageLevel, TriageLevel) One(Case c)
        {
            var triage = new RedFlagEvaluator(Kb).Evaluate(c);
            var combined = TriageCombiner.Combine(triage, new DifferentialEngine(Kb).Score(c), Kb);
            return (triage.Level, combined.Level);
        }

        var a = One(v.Case);
        if (!v.SexAssumed)
        {
            return a;
        }

        var b = One(asMale.Single(m => m.Id == v.Id).Case);
        return ((TriageLevel)Math.Min((int)a.Item1, (int)b.Item1), (TriageLevel)Math.Min((int)a.Item2, (int)b.Item2));
    }

    [Fact]
    public void Triage_on_the_external_set_is_reported()
    {
        var vignettes = ExternalVignettes.Load(Sex.Female);
        var asMale = ExternalVignettes.Load(Sex.Male);
        var rows = vignettes.Select(v => (V: v, L: Triage(v, asMale))).ToList();
        var report = new StringBuilder();
        report.AppendLine("urgency     n  rules: under  combined: exact  under  over");
        foreach (var g in rows.GroupBy(r => r.V.ExpectedUrgency).OrderByDescending(g => g.First().V.ExpectedLevel))
        {
            var n = g.Count();
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.Key,-10} {n,2}  {g.Count(r => r.L.Rules < r.V.ExpectedLevel),11}  {g.Count(r => Matches(r.L.Combined, r.V.ExpectedUrgency)),15}  {g.Count(r => r.L.Combined < r.V.ExpectedLevel),5}  {g.Count(r => r.L.Combined > Upper(r.V.ExpectedUrgency)),4}"));
        }

        var emergencies = rows.Where(r => r.V.ExpectedUrgency == "emergency").ToList();
        var caught = emergencies.Count(r => r.L.Combined >= TriageLevel.Emergency);
        var under = rows.Count(r => r.L.Combined < r.V.ExpectedLevel);
        var selfCare = rows.Where(r => r.V.ExpectedUrgency == "self_care").ToList();
        var overSelf = selfCare.Count(r => r.L.Combined > TriageLevel.SelfCare);
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Emergencies caught: {caught} of {emergencies.Count}; under-triage {under} of {rows.Count} ({(double)under / rows.Count:P1}); over-triage of self-care cases {overSelf} of {selfCare.Count}"));
        foreach (var r in rows.Where(r => r.L.Combined < r.V.ExpectedLevel).OrderBy(r => r.V.Id, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  under: {r.V.Id} ({r.V.ExpectedDiagnosis}) expected {r.V.ExpectedUrgency}, got {r.L.Combined}");
        }

        foreach (var r in selfCare.Where(r => r.L.Combined > TriageLevel.SelfCare))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  over (self-care): {r.V.Id} got {r.L.Combined}");
        }

        Print(report.ToString());
        // Regression guards at the figures measured when this test was written (see the issue notes); not targets, and
        // for the development set only (another set is reported).
        if (ExternalVignettes.IsDevelopmentSet)
        {
            Assert.True(caught >= 17, report.ToString());
            Assert.True(under <= 12, report.ToString());
        }
    }

    private static bool Matches(TriageLevel level, string urgency) => level >= Lower(urgency) && level <= Upper(urgency);

    private static TriageLevel Lower(string urgency) => urgency switch
    {
        "emergency" => TriageLevel.Emergency,
        "urgent" => TriageLevel.Consultation24,
        "soon" or "routine" => TriageLevel.Consultation,
        _ => TriageLevel.SelfCare,
    };

    private static TriageLevel Upper(string urgency) => urgency switch
    {
        "emergency" => TriageLevel.EmergencyAmbulance,
        "urgent" => TriageLevel.Consultation24,
        "soon" => TriageLevel.Consultation24,
        "routine" => TriageLevel.Consultation,
        _ => TriageLevel.SelfCare,
    };

    [Fact]
    public void Differential_on_the_external_set_is_reported()
    {
        var vignettes = ExternalVignettes.Load();
        var engine = new DifferentialEngine(Kb);
        var covered = vignettes.Where(v => v.AcceptedConditions.Count > 0).ToList();
        static IReadOnlySet<string> Children(ExternalVignette v) => v.AcceptedConditions.SelectMany(c => Kb.ScoredConditionsFor(c)).ToHashSet(StringComparer.Ordinal);

        // A mapped grouping counts as its children (an answer of the parent still counts).
        List<Scored> Ranks(IEnumerable<ExternalVignette> set, Func<ExternalVignette, IReadOnlySet<string>> accepted) => [.. set.Select(v =>
        {
            var ranked = engine.Score(v.Case).Ranked;
            var ids = accepted(v);
            var index = ranked.Select((r, i) => (r, i)).FirstOrDefault(x => ids.Contains(x.r.ConditionId), (null!, -1)).Item2;
            return new Scored(v, index < 0 ? int.MaxValue : index + 1, ranked[0].ConditionId, ranked, ids);
        })];
        var ranks = Ranks(covered, Children);
        var byGroup = Ranks(covered, v => v.AcceptedConditions.SelectMany(c => Kb.GroupingsOf(c).Append(c)).SelectMany(id => Kb.ScoredConditionsFor(id)).ToHashSet(StringComparer.Ordinal));
        var sitesAnswered = Ranks(covered.Select(v => ExternalVignettes.WithSitesAnswered(v, Kb)), Children);
        bool Serious(Scored x) => x.V.AcceptedConditions.Any(c => Kb.GetCondition(c).IsSerious);
        var report = new StringBuilder();
        void Line(string label, IReadOnlyCollection<Scored> set)
        {
            if (set.Count == 0)
            {
                return;
            }

            double Share(int k) => (double)set.Count(x => x.Rank <= k) / set.Count;
            var mrr = set.Average(x => x.Rank == int.MaxValue ? 0 : 1.0 / x.Rank);
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{label,-28} n={set.Count,2}  top-1 {Share(1):P0}  top-3 {Share(3):P0}  top-5 {Share(5):P0}  MRR {mrr:F2}  Brier {set.Average(x => x.Brier):F3}"));
        }

        Line("covered diagnoses", ranks);
        Line("serious conditions", [.. ranks.Where(Serious)]);
        Line("serious, parent group counts", [.. byGroup.Where(Serious)]);
        Line("without inferred keys", [.. ranks.Where(x => !x.V.InferredKey)]);
        foreach (var g in ranks.GroupBy(x => x.V.SourceType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Line("  " + g.Key, [.. g]);
        }

        var children = ranks.Where(x => x.V.Case.Profile.Age < 18).ToList();
        Line("children (under 18)", children);
        foreach (var x in children.OrderBy(x => x.V.Case.Profile.Age).ThenBy(x => x.V.Id, StringComparer.Ordinal))
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"    age {x.V.Case.Profile.Age,2} {x.V.Id}: expected {x.V.ExpectedDiagnosis} at rank {(x.Rank == int.MaxValue ? "-" : x.Rank.ToString(CultureInfo.InvariantCulture))}; leaders {string.Join(", ", x.Ranked.Take(3).Select(r => r.ConditionId))}"));
        }

        report.AppendLine("Variant, not the headline: the where-does-it-hurt question read as answered (sites a record does not name are absent, as the interview records them):");
        Line("  covered, sites answered", sitesAnswered);
        Line("  serious, sites answered", [.. sitesAnswered.Where(Serious)]);
        var searchOnly = ExternalVignettes.Load(searchOnly: true).Where(v => v.AcceptedConditions.Count > 0).ToList();
        var searchRanks = Ranks(searchOnly, Children);
        report.AppendLine("Variant, not the headline: every phrase coded by search alone (no map; what wordings no map has seen get):");
        Line("  covered, search only", searchRanks);
        Line("  serious, search only", [.. searchRanks.Where(Serious)]);
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Not covered by the library: {vignettes.Count - covered.Count} of {vignettes.Count} records"));
        report.AppendLine("Most frequent wrong leaders: " + string.Join(", ", ranks.Where(x => x.Rank != 1).GroupBy(x => x.Leader)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(6).Select(g => $"{g.Key} ×{g.Count()}")));
        var detail = Environment.GetEnvironmentVariable("BACKHIP_EXTERNAL_DETAIL");
        if (detail == "ranks")
        {
            foreach (var (x, y) in ranks.Zip(sitesAnswered))
            {
                report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  rank {x.V.Id} {(x.Rank == int.MaxValue ? 0 : x.Rank)} {(y.Rank == int.MaxValue ? 0 : y.Rank)} {x.Leader}"));
            }
        }

        if (detail == "1")
        {
            Detail(report, "Every case outside the top 3 (headline reading)", ranks);
            Detail(report, "Every case outside the top 3 (sites answered)", sitesAnswered);
            Detail(report, "Every case outside the top 3 (search only)", searchRanks);
        }

        Calibration(report, "Calibration, every condition of every covered case", ranks);
        Calibration(report, "Calibration, serious conditions only", ranks, id => Kb.GetCondition(id).IsSerious);
        Print(report.ToString());
        Assert.All(ranks, x => Assert.InRange(x.Brier, 0, 2));
        if (ExternalVignettes.IsDevelopmentSet)
        {
            Assert.True(ranks.Any(x => x.Rank <= 3), report.ToString());
        }
    }

    /// <summary>For developers looking for classes of error (set <c>BACKHIP_EXTERNAL_DETAIL=1</c>; <c>ranks</c> prints every case's rank in both readings instead): each case outside the
    /// top 3 with its leaders, the expected condition's probability and the largest contributions for and against it and
    /// for the leader.</summary>
    private static void Detail(StringBuilder report, string title, IReadOnlyList<Scored> ranks)
    {
        report.AppendLine(title + ":");
        foreach (var x in ranks.Where(x => x.Rank > 3).OrderBy(x => x.V.ExpectedDiagnosis, StringComparer.Ordinal).ThenBy(x => x.V.Id, StringComparer.Ordinal))
        {
            var expected = x.Ranked.FirstOrDefault(r => x.Accepted.Contains(r.ConditionId));
            static string Top(RankedCondition? r) => r is null ? "-" : string.Join(" ", r.Contributions
                .OrderByDescending(c => Math.Abs(Math.Log(c.LikelihoodRatio))).Take(5)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{(c.State == EvidenceState.Present ? "+" : "-")}{c.FindingId}={c.LikelihoodRatio:0.##}")));
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {x.V.Id} age {x.V.Case.Profile.Age}: {x.V.ExpectedDiagnosis} rank {(x.Rank == int.MaxValue ? "-" : x.Rank.ToString(CultureInfo.InvariantCulture))} p={expected?.Probability:0.###} prior={expected?.Prior:0.####}; leaders {string.Join(", ", x.Ranked.Take(3).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.ConditionId} {r.Probability:0.##}")))}"));
            report.AppendLine("      evidence: " + string.Join(" ", x.V.Case.Evidence.Select(e => (e.State == EvidenceState.Present ? "+" : e.State == EvidenceState.Absent ? "-" : "?") + e.FindingId)));
            report.AppendLine("      expected: " + Top(expected));
            report.AppendLine("      leader:   " + Top(x.Ranked[0]));
        }
    }

    /// <summary>Predicted probability bands against how often the condition was the expected one (each accepted set of
    /// a case counts as one outcome, its children's probabilities summed).</summary>
    private static void Calibration(StringBuilder report, string title, IReadOnlyList<Scored> ranks, Func<string, bool>? include = null)
    {
        double[] edges = [0, 0.02, 0.05, 0.1, 0.2, 0.4, 1.0001];
        var points = ranks.SelectMany(x =>
        {
            var rest = x.Ranked.Where(r => !x.Accepted.Contains(r.ConditionId) && (include?.Invoke(r.ConditionId) ?? true)).Select(r => (P: r.Probability, Hit: 0));
            var acceptedIncluded = x.Ranked.Where(r => x.Accepted.Contains(r.ConditionId) && (include?.Invoke(r.ConditionId) ?? true)).ToList();
            return acceptedIncluded.Count == 0 ? rest : rest.Append((P: acceptedIncluded.Sum(r => r.Probability), Hit: 1));
        }).ToList();
        report.AppendLine(title + ": band  n  mean predicted  observed");
        for (var i = 0; i < edges.Length - 1; i++)
        {
            var band = points.Where(p => p.P >= edges[i] && p.P < edges[i + 1]).ToList();
            if (band.Count == 0)
            {
                continue;
            }

            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {edges[i],4:P0}-{Math.Min(edges[i + 1], 1),4:P0}  {band.Count,5}  {band.Average(p => p.P),7:P1}  {band.Average(p => p.Hit),7:P1}"));
        }
    }

    /// <summary>One covered case scored: the rank of its first accepted condition, the leader, the ranking and the
    /// multi-class Brier score (the accepted conditions as one class).</summary>
    private sealed record Scored(ExternalVignette V, int Rank, string Leader, IReadOnlyList<RankedCondition> Ranked, IReadOnlySet<string> Accepted)
    {
        public double Brier
        {
            get
            {
                var hit = Ranked.Where(r => Accepted.Contains(r.ConditionId)).Sum(r => r.Probability);
                return ((1 - hit) * (1 - hit)) + Ranked.Where(r => !Accepted.Contains(r.ConditionId)).Sum(r => r.Probability * r.Probability);
            }
        }
    }
}
