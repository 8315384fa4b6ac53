using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Differential;

/// <summary>Settings of the question selector and its stop rule.</summary>
/// <remarks>Immutable; use <c>with</c> to change a setting.</remarks>
public sealed record QuestionOptions
{
    /// <summary>The default options.</summary>
    public static QuestionOptions Default { get; } = new();

    /// <summary>Who answers: only findings this respondent can answer are proposed.</summary>
    /// <value>The default value is <see cref="Respondent.Person"/>.</value>
    public Respondent AnsweredBy { get; init; } = Respondent.Person;

    /// <summary>Stop when the top condition reaches this probability (and no urgent red-flag question is open).</summary>
    /// <value>The default value is 0.8.</value>
    public double Confidence { get; init; } = 0.8;

    /// <summary>Stop when no question is expected to gain at least this many bits (and no urgent red-flag question is open).</summary>
    /// <value>The default value is 0.01.</value>
    public double MinimumGain { get; init; } = 0.01;

    /// <summary>Stop after this many questions, whatever else is open.</summary>
    /// <value>The default value is 40.</value>
    public int MaxQuestions { get; init; } = 40;

    /// <summary>How many proposals <see cref="IQuestionSelector.Rank"/> returns at most.</summary>
    /// <value>The default value is 10.</value>
    public int MaxProposals { get; init; } = 10;
}

/// <summary>A question worth asking next, with why.</summary>
public sealed record ProposedQuestion
{
    /// <summary>The finding to ask about.</summary>
    public required string FindingId { get; init; }

    /// <summary>The question text.</summary>
    public required string Question { get; init; }

    /// <summary><see langword="true"/> for a red-flag screening question, asked before any other.</summary>
    public required bool IsRedFlagScreen { get; init; }

    /// <summary>For a red-flag question, the level its answer could raise triage to.</summary>
    public TriageLevel? CouldRaiseTo { get; init; }

    /// <summary>The expected reduction of the differential's entropy in bits (never negative).</summary>
    public required double ExpectedGain { get; init; }

    /// <summary>The conditions whose probability the answer moves most, most moved first.</summary>
    public required ImmutableArray<string> Separates { get; init; }

    /// <summary>A one-line rationale.</summary>
    public required string Rationale { get; init; }
}

/// <summary>Why an interview should stop, or that it should go on.</summary>
public sealed record StopDecision
{
    /// <summary><see langword="true"/> when the interview should stop.</summary>
    public required bool ShouldStop { get; init; }

    /// <summary>The reason, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>Red-flag questions still open that could raise triage to 24 hours or more urgent. When this is not
    /// zero at a stop (only the question budget stops then), the triage is incomplete and the host should say so.</summary>
    public required int UrgentRedFlagQuestionsOpen { get; init; }
}

/// <summary>Ranks the questions worth asking next.</summary>
public interface IQuestionSelector
{
    /// <summary>Ranks unanswered findings: red-flag screening questions first, then by expected information gain.</summary>
    /// <param name="patientCase">The case so far.</param>
    /// <param name="options">Options, or <see langword="null"/> for <see cref="QuestionOptions.Default"/>.</param>
    /// <returns>At most <see cref="QuestionOptions.MaxProposals"/> proposals; never an answered finding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    ImmutableArray<ProposedQuestion> Rank(Case patientCase, QuestionOptions? options = null);

    /// <summary>Applies the stop rule.</summary>
    /// <param name="patientCase">The case so far.</param>
    /// <param name="questionsAsked">How many questions were asked so far.</param>
    /// <param name="options">Options, or <see langword="null"/> for <see cref="QuestionOptions.Default"/>.</param>
    /// <returns>The decision and its reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    StopDecision ShouldStop(Case patientCase, int questionsAsked, QuestionOptions? options = null);
}

/// <summary>Chooses the next question by expected information gain, after the red-flag screen.</summary>
/// <remarks>
/// Stateless and thread-safe. For a finding f, each condition's chance of f being present is its sensitivity where a
/// source gives one, LR+ times f's background rate otherwise, and the background rate for conditions without a pair.
/// The expected gain is the mutual information between the answer and the condition, so it is never negative.
/// Background rates come from <see cref="LikelihoodModel.BackgroundRateOf"/>. Composite findings are never asked; their
/// items are.
/// <para>Stop rule (<see cref="ShouldStop(Case, int, QuestionOptions?)"/>): stop after <see cref="QuestionOptions.MaxQuestions"/>; otherwise go on while
/// any red-flag question that could raise triage to <see cref="TriageLevel.Consultation24"/> or above is open; then stop
/// when the top condition reaches <see cref="QuestionOptions.Confidence"/> or no question gains
/// <see cref="QuestionOptions.MinimumGain"/> bits.</para>
/// </remarks>
public sealed class QuestionSelector : IQuestionSelector
{
    private readonly KnowledgeBase _knowledge;
    private readonly DifferentialEngine _engine;
    private readonly RedFlagEvaluator _evaluator;
    private readonly FrozenDictionary<string, double> _background;
    private readonly FrozenDictionary<string, FrozenDictionary<string, double>> _presentGiven;

    /// <summary>Creates a selector over a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public QuestionSelector(KnowledgeBase knowledge)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _engine = new DifferentialEngine(knowledge);
        _evaluator = new RedFlagEvaluator(knowledge);
        var model = knowledge.Likelihoods;
        _background = knowledge.Findings.ToFrozenDictionary(f => f.Id, f => model.BackgroundRateOf(f.Id), StringComparer.Ordinal);
        _presentGiven = model.Pairs
            .GroupBy(p => p.FindingId, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.ToFrozenDictionary(p => p.ConditionId, p => Math.Clamp(p.Sensitivity ?? p.LrPositive * BackgroundOf(p.FindingId), 0.001, 0.999), StringComparer.Ordinal),
                StringComparer.Ordinal);
    }

    /// <summary>The background rate used for a finding.</summary>
    /// <param name="findingId">The finding id.</param>
    /// <returns>The rate in (0, 1).</returns>
    public double BackgroundOf(string findingId) =>
        _background.TryGetValue(findingId, out var rate) ? rate : _knowledge.Likelihoods.BackgroundRateOf(findingId);

    /// <inheritdoc />
    public ImmutableArray<ProposedQuestion> Rank(Case patientCase, QuestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        _knowledge.ValidateAndThrow(patientCase);
        var triage = _evaluator.Evaluate(CaseFacts.From(_knowledge, patientCase));
        return Rank(patientCase, triage, _engine.Score(patientCase), options ?? QuestionOptions.Default);
    }

    /// <summary>Ranks with the triage and differential already computed for the same validated case.</summary>
    internal ImmutableArray<ProposedQuestion> Rank(Case patientCase, TriageResult triage, RankedDifferential differential, QuestionOptions options) =>
        Propose(Candidates(patientCase, differential, options, triage.OpenQuestions.ToDictionary(q => q.FindingId, StringComparer.Ordinal)), differential, options);

    /// <summary>Both the proposals and the stop decision from one pass over the candidates (what an assessment needs).</summary>
    internal (ImmutableArray<ProposedQuestion> Next, StopDecision Status) RankAndStop(Case patientCase, int questionsAsked, TriageResult triage, RankedDifferential differential, QuestionOptions options)
    {
        var candidates = Candidates(patientCase, differential, options, triage.OpenQuestions.ToDictionary(q => q.FindingId, StringComparer.Ordinal));
        var best = candidates.Count == 0 ? (string.Empty, 0.0) : candidates.Select(c => (c.Finding.Id, c.Gain)).MaxBy(c => c.Gain);
        return (Propose(candidates, differential, options), Decide(questionsAsked, triage, differential, options, best));
    }

    private ImmutableArray<ProposedQuestion> Propose(List<(Finding Finding, double Gain, OpenQuestion? Open)> candidates, RankedDifferential differential, QuestionOptions options)
    {
        candidates.Sort((a, b) =>
        {
            var c = (b.Open is not null).CompareTo(a.Open is not null);
            c = c != 0 ? c : (b.Open?.CouldRaiseTo ?? TriageLevel.SelfCare).CompareTo(a.Open?.CouldRaiseTo ?? TriageLevel.SelfCare);
            c = c != 0 ? c : b.Gain.CompareTo(a.Gain);
            return c != 0 ? c : string.CompareOrdinal(a.Finding.Id, b.Finding.Id);
        });
        return [.. candidates.Take(Math.Max(0, options.MaxProposals)).Select(x =>
        {
            var separates = SeparatesOf(x.Finding.Id, differential);
            return new ProposedQuestion
            {
                FindingId = x.Finding.Id,
                Question = x.Finding.Question,
                IsRedFlagScreen = x.Open is not null,
                CouldRaiseTo = x.Open?.CouldRaiseTo,
                ExpectedGain = x.Gain,
                Separates = separates,
                Rationale = x.Open is { } open
                    ? string.Create(CultureInfo.InvariantCulture, $"Red-flag screen: a yes could raise triage to {open.CouldRaiseTo} ({string.Join(", ", open.RuleIds)}).")
                    : string.Create(CultureInfo.InvariantCulture, $"Expected gain {x.Gain:0.000} bits; separates {string.Join(" from ", separates.Take(2))}."),
            };
        })];
    }

    private List<(Finding Finding, double Gain, OpenQuestion? Open)> Candidates(Case patientCase, RankedDifferential differential, QuestionOptions options, Dictionary<string, OpenQuestion> redFlags)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var ruledOutGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in patientCase.Evidence)
        {
            answered.Add(item.FindingId);
            if (item.State == EvidenceState.Present && _knowledge.SingleChoiceGroupOf(item.FindingId) is { } group)
            {
                ruledOutGroups.Add(group.Id);
            }
        }

        var result = new List<(Finding, double, OpenQuestion?)>();
        foreach (var finding in _knowledge.Findings)
        {
            if (finding.IsComposite || (finding.AnsweredBy != options.AnsweredBy && options.AnsweredBy == Respondent.Person)
                || answered.Contains(finding.Id) || (_knowledge.SingleChoiceGroupOf(finding.Id) is { } g && ruledOutGroups.Contains(g.Id)))
            {
                continue;
            }

            var gain = GainOnly(finding.Id, differential);
            redFlags.TryGetValue(finding.Id, out var open);
            if (open is not null || gain > 0)
            {
                result.Add((finding, gain, open));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public StopDecision ShouldStop(Case patientCase, int questionsAsked, QuestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        _knowledge.ValidateAndThrow(patientCase);
        var triage = _evaluator.Evaluate(CaseFacts.From(_knowledge, patientCase));
        return ShouldStop(patientCase, questionsAsked, triage, _engine.Score(patientCase), options ?? QuestionOptions.Default);
    }

    /// <summary>The stop rule with the triage and differential already computed for the same validated case.</summary>
    internal StopDecision ShouldStop(Case patientCase, int questionsAsked, TriageResult triage, RankedDifferential differential, QuestionOptions options) =>
        Decide(questionsAsked, triage, differential, options, () =>
        {
            var candidates = Candidates(patientCase, differential, options, []);
            return candidates.Count == 0 ? (string.Empty, 0.0) : candidates.Select(c => (c.Finding.Id, c.Gain)).MaxBy(c => c.Gain);
        });

    private StopDecision Decide(int questionsAsked, TriageResult triage, RankedDifferential differential, QuestionOptions options, (string Id, double Gain) best) =>
        Decide(questionsAsked, triage, differential, options, () => best);

    private StopDecision Decide(int questionsAsked, TriageResult triage, RankedDifferential differential, QuestionOptions options, Func<(string Id, double Gain)> bestGain)
    {
        var urgentOpen = triage.OpenQuestions.Count(q => q.CouldRaiseTo >= TriageLevel.Consultation24
            && (options.AnsweredBy == Respondent.Clinician || _knowledge.GetFinding(q.FindingId).AnsweredBy == Respondent.Person));
        if (questionsAsked >= options.MaxQuestions)
        {
            return new StopDecision { ShouldStop = true, Reason = urgentOpen == 0 ? "The question budget is used up." : $"The question budget is used up with {urgentOpen} urgent red-flag questions unanswered: treat the triage as incomplete.", UrgentRedFlagQuestionsOpen = urgentOpen };
        }

        if (urgentOpen > 0)
        {
            return new StopDecision { ShouldStop = false, Reason = $"{urgentOpen} red-flag questions that could make this urgent are still unanswered.", UrgentRedFlagQuestionsOpen = urgentOpen };
        }

        if (differential.Ranked.Length > 0 && differential.Ranked[0].Probability >= options.Confidence)
        {
            return new StopDecision { ShouldStop = true, Reason = string.Create(CultureInfo.InvariantCulture, $"{differential.Ranked[0].ConditionId} reached {differential.Ranked[0].Probability:P0}, at or above the {options.Confidence:P0} confidence."), UrgentRedFlagQuestionsOpen = 0 };
        }

        var best = bestGain();
        return best.Gain < options.MinimumGain
            ? new StopDecision { ShouldStop = true, Reason = "No remaining question is expected to change the differential enough to be worth asking.", UrgentRedFlagQuestionsOpen = 0 }
            : new StopDecision { ShouldStop = false, Reason = string.Create(CultureInfo.InvariantCulture, $"'{best.Id}' is still expected to gain {best.Gain:0.000} bits."), UrgentRedFlagQuestionsOpen = 0 };
    }

    private bool IsRuledOutByOneOf(Case patientCase, string findingId) =>
        _knowledge.SingleChoiceGroupOf(findingId) is { } group
        && group.Options.Any(o => o.FindingId != findingId && patientCase.StateOf(o.FindingId) == EvidenceState.Present);

    /// <summary>Mutual information (bits) between the finding's answer and the condition; allocates nothing for up to 128 conditions.</summary>
    internal double GainOnly(string findingId, RankedDifferential differential)
    {
        var n = differential.Ranked.Length;
        double[]? rented = n <= 128 ? null : System.Buffers.ArrayPool<double>.Shared.Rent(n);
        Span<double> q = rented is null ? stackalloc double[n] : rented.AsSpan(0, n);
        try
        {
            var pPresent = Fill(findingId, differential, q);
            if (pPresent <= 0 || pPresent >= 1)
            {
                return 0;
            }

            double gain = 0;
            for (var i = 0; i < n; i++)
            {
                var p = differential.Ranked[i].Probability;
                if (p > 0)
                {
                    gain += (p * q[i] * Math.Log2(q[i] / pPresent)) + (p * (1 - q[i]) * Math.Log2((1 - q[i]) / (1 - pPresent)));
                }
            }

            return Math.Max(0, gain);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The conditions whose probability the answer moves most, most moved first.</summary>
    internal ImmutableArray<string> SeparatesOf(string findingId, RankedDifferential differential)
    {
        var q = new double[differential.Ranked.Length];
        var pPresent = Fill(findingId, differential, q);
        if (pPresent <= 0 || pPresent >= 1)
        {
            return [];
        }

        return [.. differential.Ranked
            .Select((r, i) => (r.ConditionId, Move: Math.Abs((r.Probability * q[i] / pPresent) - (r.Probability * (1 - q[i]) / (1 - pPresent)))))
            .Where(x => x.Move > 0)
            .OrderByDescending(x => x.Move).ThenBy(x => x.ConditionId, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.ConditionId)];
    }

    private double Fill(string findingId, RankedDifferential differential, Span<double> q)
    {
        var byCondition = _presentGiven.GetValueOrDefault(findingId);
        var background = BackgroundOf(findingId);
        double pPresent = 0;
        for (var i = 0; i < differential.Ranked.Length; i++)
        {
            q[i] = byCondition is not null && byCondition.TryGetValue(differential.Ranked[i].ConditionId, out var sens) ? sens : background;
            pPresent += differential.Ranked[i].Probability * q[i];
        }

        return pPresent;
    }
}
