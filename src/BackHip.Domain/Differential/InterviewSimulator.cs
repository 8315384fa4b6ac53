using System.Collections.Immutable;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Differential;

/// <summary>How a simulated person answers grouped questions.</summary>
public enum SimulatedRespondent
{
    /// <summary>Yes to what the case states present, no to what it states absent, "don't know" to everything else, in
    /// every question type (an option the case does not state is ticked "not sure").</summary>
    Literal,

    /// <summary>As <see cref="Literal"/>, but on a tick-all-that-apply question an option the case does not state is left
    /// unticked (absent), as a person reading a checklist would.</summary>
    ReadsChecklists,
}

/// <summary>One simulated interview: what was asked and how the result compares with the full information.</summary>
public sealed record SimulatedInterview
{
    /// <summary>The case id, if the case had one.</summary>
    public string? CaseId { get; init; }

    /// <summary>How many screens were asked.</summary>
    public required int Screens { get; init; }

    /// <summary>The case at the end of the interview.</summary>
    public required Case Final { get; init; }

    /// <summary>The stop decision at the end.</summary>
    public required StopDecision Status { get; init; }

    /// <summary>The triage level with every stated finding (rules and differential combined).</summary>
    public required TriageLevel FullLevel { get; init; }

    /// <summary>The triage level with every stated finding the person can answer (what an interview of the person could
    /// learn at best): the reference for red flags and triage agreement.</summary>
    public required TriageLevel PersonLevel { get; init; }

    /// <summary>The triage level at the end of the interview (an assessment's, including the conservative floor for
    /// "not sure" on an emergency warning sign).</summary>
    public required TriageLevel InterviewLevel { get; init; }

    /// <summary>The red-flag rules that fire with every stated finding.</summary>
    public required ImmutableArray<string> FullRules { get; init; }

    /// <summary>The rules that fire with every stated finding but only through findings a clinician must examine or
    /// measure (no interview of the person can find them).</summary>
    public required ImmutableArray<string> ClinicianOnlyRules { get; init; }

    /// <summary>The rules that fire with every stated finding the person can answer but not at the end of the interview.</summary>
    public required ImmutableArray<string> LostRules { get; init; }

    /// <summary>The lost rules that call for care within 24 hours or sooner.</summary>
    public required ImmutableArray<string> LostUrgentRules { get; init; }

    /// <summary>The three most probable conditions with every stated finding.</summary>
    public required ImmutableArray<string> FullTop3 { get; init; }

    /// <summary>The three most probable conditions at the end of the interview.</summary>
    public required ImmutableArray<string> InterviewTop3 { get; init; }
}

/// <summary>Runs an <see cref="Interview"/> against a simulated person whose answers come from a fully stated case: a
/// benchmark of the interview (how many screens; whether every red flag is still found), not a test of the person.</summary>
/// <remarks>Stateless and thread-safe. A finding stated present implies the findings it requires (a stated
/// "progressive weakness" answers "weakness" yes).</remarks>
public static class InterviewSimulator
{
    /// <summary>Simulates one interview.</summary>
    /// <param name="assessor">The assessor (its knowledge base drives the interview).</param>
    /// <param name="truth">The fully stated case: its profile and its present and absent findings.</param>
    /// <param name="respondent">How the simulated person answers.</param>
    /// <param name="options">Interview options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The comparison of the interview with the full information.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assessor"/> or <paramref name="truth"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    public static SimulatedInterview Run(IBackHipAssessor assessor, Case truth, SimulatedRespondent respondent = SimulatedRespondent.Literal, QuestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(truth);
        var kb = assessor.Knowledge;
        kb.ValidateAndThrow(truth);
        var states = new Dictionary<string, EvidenceState>(StringComparer.Ordinal);
        foreach (var e in truth.Evidence.Where(e => e.State != EvidenceState.Unknown))
        {
            states[e.FindingId] = e.State;
        }

        var pending = new Stack<string>(states.Where(s => s.Value == EvidenceState.Present).Select(s => s.Key));
        while (pending.Count > 0)
        {
            foreach (var parent in kb.GetFinding(pending.Pop()).Requires)
            {
                if (!states.ContainsKey(parent))
                {
                    states[parent] = EvidenceState.Present;
                    pending.Push(parent);
                }
            }
        }

        var interview = Interview.Start(kb, Case.Create(truth.Profile, [], setting: truth.Setting).WithId(truth.Id), options);
        while (interview.Next() is { } question)
        {
            var optionIds = question.Options.IsDefaultOrEmpty ? [question.FindingId] : question.Options.Select(o => o.FindingId).ToImmutableArray();
            EvidenceState StateOf(string id) => states.GetValueOrDefault(id, EvidenceState.Unknown);
            var selected = optionIds.Where(id => StateOf(id) == EvidenceState.Present).ToImmutableArray();
            if (question.Type == QuestionType.OneOf && selected.Length > 1)
            {
                selected = [selected[0]];
            }

            var unsure = optionIds.Where(id => StateOf(id) == EvidenceState.Unknown && !selected.Contains(id, StringComparer.Ordinal)).ToImmutableArray();
            if (respondent == SimulatedRespondent.ReadsChecklists && question.Type == QuestionType.AnyOf)
            {
                unsure = [];
            }

            if (question.Type == QuestionType.OneOf && selected.Length == 1)
            {
                unsure = [];
            }

            interview = interview.Answer(question, new QuestionAnswer { Selected = selected, Unsure = unsure });
        }

        var full = assessor.Assess(truth);
        var person = assessor.Assess(Case.Create(truth.Profile, truth.Evidence.Where(e => kb.GetFinding(e.FindingId).AnsweredBy == Respondent.Person), truth.Instruments, truth.Setting));
        var end = assessor.Assess(interview.Case);
        var fullRules = full.Triage.FiredRules.Select(r => r.RuleId).ToImmutableArray();
        var personRules = person.Triage.FiredRules.Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal);
        var endRules = end.Triage.FiredRules.Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal);
        var lost = person.Triage.FiredRules.Where(r => !endRules.Contains(r.RuleId)).ToList();
        return new SimulatedInterview
        {
            CaseId = truth.Id,
            Screens = interview.QuestionsAsked,
            Final = interview.Case,
            Status = interview.Status(),
            FullLevel = full.Triage.Level,
            PersonLevel = person.Triage.Level,
            ClinicianOnlyRules = [.. fullRules.Where(r => !personRules.Contains(r))],
            InterviewLevel = end.Triage.Level,
            FullRules = fullRules,
            LostRules = [.. lost.Select(r => r.RuleId)],
            LostUrgentRules = [.. lost.Where(r => r.Level >= TriageLevel.Consultation24).Select(r => r.RuleId)],
            FullTop3 = [.. full.Differential.Take(3).Select(r => r.ConditionId)],
            InterviewTop3 = [.. end.Differential.Take(3).Select(r => r.ConditionId)],
        };
    }

    /// <summary>The figures of a set of simulated interviews.</summary>
    /// <param name="runs">The interviews.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static InterviewBenchmarkSummary Summarize(IReadOnlyList<SimulatedInterview> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var screens = runs.Select(r => r.Screens).Order().ToArray();
        int Rank(double q) => screens.Length == 0 ? 0 : screens[Math.Clamp((int)Math.Ceiling(q * screens.Length) - 1, 0, screens.Length - 1)];
        return new InterviewBenchmarkSummary
        {
            Cases = runs.Count,
            MedianScreens = screens.Length == 0 ? 0 : screens.Length % 2 == 1 ? screens[screens.Length / 2] : (screens[(screens.Length / 2) - 1] + screens[screens.Length / 2]) / 2.0,
            P95Screens = Rank(0.95),
            MaxScreens = screens.Length == 0 ? 0 : screens[^1],
            CasesLosingARule = runs.Count(r => r.LostRules.Length > 0),
            CasesLosingAnUrgentRule = runs.Count(r => r.LostUrgentRules.Length > 0),
            EmergenciesLost = runs.Count(r => r.PersonLevel >= TriageLevel.Emergency && r.InterviewLevel < TriageLevel.Emergency),
            TriageAgreement = runs.Count(r => r.InterviewLevel == r.PersonLevel),
            TriageLower = runs.Count(r => r.InterviewLevel < r.PersonLevel),
            TriageAgreementWithAll = runs.Count(r => r.InterviewLevel == r.FullLevel),
            CasesWithClinicianOnlyRules = runs.Count(r => r.ClinicianOnlyRules.Length > 0),
            TriageIncomplete = runs.Count(r => r.Status.TriageIncomplete),
            FullLeaderInInterviewTop3 = runs.Count(r => r.FullTop3.Length > 0 && r.InterviewTop3.Contains(r.FullTop3[0], StringComparer.Ordinal)),
        };
    }

    /// <summary>A plain-text table: one line per case, then the summary.</summary>
    /// <param name="runs">The interviews.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static string Report(IReadOnlyList<SimulatedInterview> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.AppendLine("case                                          screens  person-triage       interview-triage    unsure  top3  lost rules / clinician-only rules");
        foreach (var r in runs)
        {
            text.AppendLine(string.Create(inv, $"{r.CaseId ?? "-",-45} {r.Screens,7}  {r.PersonLevel,-19} {r.InterviewLevel,-19} {r.Status.UnsureRedFlagFindings.Length,6}  {r.FullTop3.Intersect(r.InterviewTop3, StringComparer.Ordinal).Count()}/3   {(r.LostRules.IsEmpty ? "-" : string.Join(",", r.LostRules))} / {(r.ClinicianOnlyRules.IsEmpty ? "-" : string.Join(",", r.ClinicianOnlyRules))}"));
        }

        var s = Summarize(runs);
        text.AppendLine(string.Create(inv, $"Screens: median {s.MedianScreens:0.#}, p95 {s.P95Screens}, max {s.MaxScreens} over {s.Cases} cases"));
        text.AppendLine(string.Create(inv, $"Red flags: cases losing a rule that fires with everything the person can tell {s.CasesLosingARule} (urgent {s.CasesLosingAnUrgentRule}); emergencies lost {s.EmergenciesLost}; cases with rules only a clinician's finding fires {s.CasesWithClinicianOnlyRules}"));
        text.AppendLine(string.Create(inv, $"Triage: same level as with everything the person can tell {s.TriageAgreement} of {s.Cases}; lower {s.TriageLower}; same as with every finding (clinicians' too) {s.TriageAgreementWithAll}; marked incomplete {s.TriageIncomplete}"));
        text.AppendLine(string.Create(inv, $"Differential: full-information leader within the interview's top 3 in {s.FullLeaderInInterviewTop3} of {s.Cases}"));
        return text.ToString();
    }
}

/// <summary>The summary figures of a set of simulated interviews.</summary>
public sealed record InterviewBenchmarkSummary
{
    /// <summary>How many interviews.</summary>
    public required int Cases { get; init; }

    /// <summary>The median number of screens.</summary>
    public required double MedianScreens { get; init; }

    /// <summary>The 95th percentile of screens (nearest rank).</summary>
    public required int P95Screens { get; init; }

    /// <summary>The most screens.</summary>
    public required int MaxScreens { get; init; }

    /// <summary>Cases where a rule that fires with the full information the person can give does not fire at the end.</summary>
    public required int CasesLosingARule { get; init; }

    /// <summary>Cases where such a rule calls for care within 24 hours or sooner.</summary>
    public required int CasesLosingAnUrgentRule { get; init; }

    /// <summary>Cases at an emergency level with the full information but not at the end of the interview.</summary>
    public required int EmergenciesLost { get; init; }

    /// <summary>Cases whose triage level at the end equals the level with the full information the person can give.</summary>
    public required int TriageAgreement { get; init; }

    /// <summary>Cases whose triage level at the end is lower than with the full information.</summary>
    public required int TriageLower { get; init; }

    /// <summary>Cases whose triage level at the end equals the level with every stated finding, clinicians' included.</summary>
    public required int TriageAgreementWithAll { get; init; }

    /// <summary>Cases with a rule that only a clinician's finding fires.</summary>
    public required int CasesWithClinicianOnlyRules { get; init; }

    /// <summary>Cases whose interview ended with the triage marked incomplete.</summary>
    public required int TriageIncomplete { get; init; }

    /// <summary>Cases where the full-information leader is within the interview's top 3.</summary>
    public required int FullLeaderInInterviewTop3 { get; init; }
}
