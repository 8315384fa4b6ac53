using System.Globalization;
using System.Text;
using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.External;

/// <summary>
/// The simulated-interview benchmark on the external development set: each coded vignette is a person who answers yes
/// to what it states present, no to what it states absent and "don't know" otherwise. Targets (issue 15): median at most
/// 15 screens, 95th percentile at most 25, no red flag or emergency lost, top-3 within 5 points of full information.
/// </summary>
public sealed class InterviewBenchmarkTests
{
    private static void Print(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);

    private static (IReadOnlyList<SimulatedInterview> Runs, string Report, double Top3Full, double Top3Interview) Run(SimulatedRespondent respondent)
    {
        var assessor = BackHipAssessor.CreateDefault();
        var vignettes = ExternalVignettes.Load();
        var runs = vignettes.Select(v => InterviewSimulator.Run(assessor, v.Case.WithId(v.Id), respondent)).ToList();
        var covered = vignettes.Select((v, i) => (V: v, R: runs[i])).Where(x => x.V.AcceptedConditions.Count > 0).ToList();
        var engine = new DifferentialEngine(KnowledgeBase.Default);
        bool InTop3(Case c, IReadOnlyCollection<string> accepted) => engine.Score(c).Ranked.Take(3).Any(r => accepted.Contains(r.ConditionId));
        var hits = covered.Select(x => (x.V, x.R, Full: InTop3(x.V.Case, [.. x.V.AcceptedConditions]), Interview: InTop3(x.R.Final, [.. x.V.AcceptedConditions]))).ToList();
        var full = hits.Count(x => x.Full);
        var interview = hits.Count(x => x.Interview);
        var report = new StringBuilder(InterviewSimulator.Report(runs));
        var top3Full = 100.0 * full / covered.Count;
        var top3Interview = 100.0 * interview / covered.Count;
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Top-3 accuracy on covered diagnoses (n={covered.Count}): full information {top3Full:0.0}%, after the interview {top3Interview:0.0}% (gap {top3Full - top3Interview:0.0} points)"));

        // The interview's own triage against each record's urgency label: what a person answering through the interview
        // gets, "don't know" answers included (the record-only figure is the triage report's). Reported, not asserted.
        var paired = vignettes.Select((v, i) => (V: v, R: runs[i])).ToList();
        var under = paired.Where(x => x.R.InterviewLevel < x.V.ExpectedLevel).ToList();
        var emergencies = paired.Where(x => x.V.ExpectedUrgency == "emergency").ToList();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Interview triage against the records' urgency: under-triage {under.Count} of {paired.Count} ({(double)under.Count / paired.Count:P1}); emergencies reaching the emergency department {emergencies.Count(x => x.R.InterviewLevel >= TriageLevel.Emergency)} of {emergencies.Count}"));
        foreach (var x in under.OrderBy(x => x.V.Id, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  interview under: {x.V.Id} ({x.V.ExpectedDiagnosis}) expected {x.V.ExpectedUrgency}, got {x.R.InterviewLevel}");
        }

        // Which cases the interview and the full record disagree on (top 3), for developers looking for classes of error.
        foreach (var x in hits.Where(x => x.Full != x.Interview))
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  top 3 {(x.Full ? "lost" : "gained")} by the interview: {x.V.Id} ({x.V.ExpectedDiagnosis}); interview leaders {string.Join(", ", engine.Score(x.R.Final).Ranked.Take(3).Select(r => r.ConditionId))}"));
        }

        return (runs, report.ToString(), top3Full, top3Interview);
    }

    [Fact]
    public void Simulated_interviews_on_the_external_set_meet_the_safety_targets()
    {
        var (runs, report, top3Full, top3Interview) = Run(SimulatedRespondent.Literal);
        Print("Simulated respondent: literal (unstated = don't know)");
        Print(report);
        var s = InterviewSimulator.Summarize(runs);

        // Safety is never traded: no urgent red flag and no emergency lost, triage never lower than with full information.
        Assert.True(s.CasesLosingAnUrgentRule == 0, report);
        Assert.True(s.EmergenciesLost == 0, report);
        Assert.True(s.TriageLower == 0, report);

        // Length and differential targets (regression guards of the development set; another set is reported only).
        if (!ExternalVignettes.IsDevelopmentSet)
        {
            return;
        }

        Assert.True(s.MedianScreens <= 15, report);
        Assert.True(s.P95Screens <= 25, report);
        // Issue 15's target is a gap of at most 5 points. With the sourced profiles of issue 14 both figures rose (full
        // information 30.7% -> 34.7%, after the interview 26.7% -> 29.3%) and the gap is 5.3 points: one case of 75.
        // Lowering the stop threshold to close it gave non-monotonic results (0.03 bits: 6.7; 0.02 bits: 2.7 with a
        // median of 15 screens), so the threshold stays at 0.05 bits, the miss is reported, and this guard allows one
        // case beyond the target (1.33 points) while the interview's own accuracy may not fall below what it reached.
        // With the age curves and the hip, serious and pain-map changes of issue 14 merged, both rose again (full
        // information 38.7%, after the interview 33.3%, gap 5.3 points); the guard keeps one case of slack on the gap and
        // the floor on the interview's own accuracy rises to what it reached (25 of 75).
        // With the detail stage stopping below 0.03 bits instead of 0.05 (issue 14 session 8: measured 0.05 / 0.03 / 0.02
        // bits gave gaps of 5.3 / 2.7 / 1.3 points) the gap is 2.7 points, so the guard is now the target itself, without
        // slack, and the floor rises to what the interview reached (32 of 75).
        Assert.True(top3Full - top3Interview <= 5, report);
        Assert.True(top3Interview >= (100.0 * 32 / 75) - 0.01, report);
    }

    [Fact]
    public void Simulated_interviews_with_checklists_read_as_a_person_would_are_reported()
    {
        var (runs, report, _, _) = Run(SimulatedRespondent.ReadsChecklists);
        Print("Simulated respondent: reads checklists (an unstated checklist item is left unticked)");
        Print(report);
        var s = InterviewSimulator.Summarize(runs);

        // No red-flag rule is lost. The level can still differ from full information: an unticked item is an "absent"
        // the vignette never stated, and the differential's care level follows those absences (reported, not asserted).
        Assert.True(s.CasesLosingARule == 0, report);
    }
}
