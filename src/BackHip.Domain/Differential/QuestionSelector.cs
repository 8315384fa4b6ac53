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
    /// <value>The default value is 0.03 (see the README's interview benchmark for the measured trade-off).</value>
    public double MinimumGain { get; init; } = 0.03;

    /// <summary>The budget in screens (questions of any type: a checklist or a choose-one question is one screen):
    /// stop after this many, whatever else is open.</summary>
    /// <value>The default value is 25 (see <see cref="QuestionSelector"/> for how it is spent).</value>
    public int MaxQuestions { get; init; } = 25;

    /// <summary>How many proposals <see cref="IQuestionSelector.Rank"/> returns at most.</summary>
    /// <value>The default value is 10.</value>
    public int MaxProposals { get; init; } = 10;

    /// <summary>The thresholds at which the differential raises triage (<see cref="TriageCombiner"/>): the interview keeps
    /// asking while one answer could take a condition that needs a doctor within 24 hours or sooner to its threshold.</summary>
    /// <value>The default value is <see cref="CareLevelThresholds.Default"/>; an assessment passes its own.</value>
    public CareLevelThresholds EscalationThresholds { get; init; } = CareLevelThresholds.Default;
}

/// <summary>A question worth asking next (one screen), with its type, options and why.</summary>
public sealed record ProposedQuestion
{
    /// <summary>The finding asked about; for a grouped question (<see cref="Type"/> other than
    /// <see cref="QuestionType.Single"/>), the first of its <see cref="Options"/>.</summary>
    public required string FindingId { get; init; }

    /// <summary>The question text.</summary>
    public required string Question { get; init; }

    /// <summary><see langword="true"/> for a red-flag screening question or checklist, asked before any detail question.</summary>
    public required bool IsRedFlagScreen { get; init; }

    /// <summary>For a red-flag question, the level its answer could raise triage to.</summary>
    public TriageLevel? CouldRaiseTo { get; init; }

    /// <summary>The expected reduction of the differential's entropy in bits (never negative); for a grouped question,
    /// the sum over its options (an approximation that treats them as independent).</summary>
    public required double ExpectedGain { get; init; }

    /// <summary>The conditions whose probability the answer moves most, most moved first.</summary>
    public required ImmutableArray<string> Separates { get; init; }

    /// <summary>A one-line technical rationale.</summary>
    public required string Rationale { get; init; }

    /// <summary>How the question is answered.</summary>
    /// <value>The default value is <see cref="QuestionType.Single"/>.</value>
    public QuestionType Type { get; init; } = QuestionType.Single;

    /// <summary>The question group this question comes from, or <see langword="null"/> for a single finding.</summary>
    public string? GroupId { get; init; }

    /// <summary>The stable id of the question: <see cref="GroupId"/> for a grouped question, otherwise <see cref="FindingId"/>.</summary>
    public string Id => GroupId ?? FindingId;

    /// <summary>Where the question sits in the interview.</summary>
    /// <value>The default value is <see cref="QuestionStage.Detail"/>.</value>
    public QuestionStage Stage { get; init; } = QuestionStage.Detail;

    /// <summary>The options (finding id and label), in display order; for a single question, its one finding. Only
    /// options not yet answered are offered.</summary>
    public ImmutableArray<QuestionOption> Options { get; init; } = [];

    /// <summary>"Why we ask", in plain words for the person.</summary>
    public string WhyWeAsk { get; init; } = string.Empty;

    /// <summary>Applies an answer to a case: selected options present, unsure ones unknown, the rest absent
    /// (<see cref="QuestionAnswer.NotSure"/> leaves every option unknown).</summary>
    /// <param name="patientCase">The case the question was proposed for.</param>
    /// <param name="answer">The answer.</param>
    /// <returns>A new case with one evidence item per option.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The answer names a finding that is not an option, chooses more than one option
    /// of a one-of question, marks an option both selected and unsure, or an option is already answered in the case.</exception>
    public Case Apply(Case patientCase, QuestionAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        ArgumentNullException.ThrowIfNull(answer);
        var options = Options.IsDefaultOrEmpty ? [new QuestionOption { FindingId = FindingId, Label = Question }] : Options;
        var ids = options.Select(o => o.FindingId).ToHashSet(StringComparer.Ordinal);
        var selected = answer.Selected.IsDefault ? [] : answer.Selected;
        var unsure = answer.Unsure.IsDefault ? [] : answer.Unsure;
        foreach (var id in selected.Concat(unsure))
        {
            if (!ids.Contains(id))
            {
                throw new ArgumentException($"'{id}' is not an option of question '{Id}'.", nameof(answer));
            }
        }

        if (Type != QuestionType.AnyOf && selected.Length > 1)
        {
            throw new ArgumentException($"Question '{Id}' takes one answer.", nameof(answer));
        }

        if (selected.Intersect(unsure, StringComparer.Ordinal).Any())
        {
            throw new ArgumentException("An option cannot be both selected and unsure.", nameof(answer));
        }

        if (options.FirstOrDefault(o => patientCase.Evidence.Any(e => string.Equals(e.FindingId, o.FindingId, StringComparison.Ordinal))) is { } done)
        {
            throw new ArgumentException($"'{done.FindingId}' has already been answered.", nameof(patientCase));
        }

        var origin = IsRedFlagScreen ? EvidenceOrigin.RedFlagScreen : EvidenceOrigin.Interview;
        var result = patientCase;
        foreach (var option in options)
        {
            var state = answer.NotSure || unsure.Contains(option.FindingId, StringComparer.Ordinal) ? EvidenceState.Unknown
                : selected.Contains(option.FindingId, StringComparer.Ordinal) ? EvidenceState.Present
                : EvidenceState.Absent;
            result = result.WithEvidence(new Evidence { FindingId = option.FindingId, State = state, Origin = origin });
        }

        return result;
    }
}

/// <summary>Why an interview should stop, or that it should go on.</summary>
public sealed record StopDecision
{
    /// <summary><see langword="true"/> when the interview should stop.</summary>
    public required bool ShouldStop { get; init; }

    /// <summary>The reason, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>Red-flag questions still open (askable now or after a follow-up) that could raise triage to 24 hours or
    /// more urgent. When this is not zero at a stop (only the budget stops then), the triage is incomplete.</summary>
    public required int UrgentRedFlagQuestionsOpen { get; init; }

    /// <summary>Urgent red-flag findings the person answered "not sure" about (or whose parent question they were not
    /// sure about): they cannot be asked again, so the triage is incomplete for them.</summary>
    public ImmutableArray<string> UnsureRedFlagFindings { get; init; } = [];

    /// <summary>The highest level an unsure red-flag finding could raise triage to, or <see langword="null"/> when none.</summary>
    public TriageLevel? UnsureCouldRaiseTo { get; init; }

    /// <summary><see langword="true"/> when a red flag that could make this urgent was left open or answered "not sure":
    /// the host should say that the triage is incomplete.</summary>
    public bool TriageIncomplete => UrgentRedFlagQuestionsOpen > 0 || !UnsureRedFlagFindings.IsDefaultOrEmpty;
}

/// <summary>Ranks the questions worth asking next.</summary>
public interface IQuestionSelector
{
    /// <summary>Ranks the questions worth asking next: the complaint first, then red-flag checklists, then by expected
    /// information gain.</summary>
    /// <param name="patientCase">The case so far.</param>
    /// <param name="options">Options, or <see langword="null"/> for <see cref="QuestionOptions.Default"/>.</param>
    /// <returns>At most <see cref="QuestionOptions.MaxProposals"/> proposals; never an answered finding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    ImmutableArray<ProposedQuestion> Rank(Case patientCase, QuestionOptions? options = null);

    /// <summary>Applies the stop rule.</summary>
    /// <param name="patientCase">The case so far.</param>
    /// <param name="questionsAsked">How many screens (questions of any type) were asked so far.</param>
    /// <param name="options">Options, or <see langword="null"/> for <see cref="QuestionOptions.Default"/>.</param>
    /// <returns>The decision and its reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    StopDecision ShouldStop(Case patientCase, int questionsAsked, QuestionOptions? options = null);
}

/// <summary>Chooses the next question (screen): the complaint, then red-flag checklists, then by expected information gain.</summary>
/// <remarks>
/// Stateless and thread-safe. Order of an interview:
/// <list type="number">
/// <item>The complaint (question groups with <see cref="QuestionStage.Complaint"/>: where it hurts, which side, how long,
/// how it started), chosen by the person, never assumed.</item>
/// <item>Red-flag checklists (<see cref="QuestionStage.Checklist"/>) that apply to the person, most urgent first; a
/// checklist offers only its options that could still fire a red-flag rule, and a follow-up (a finding with
/// <see cref="Finding.Requires"/>) only once its parents are present. A red-flag finding that could raise triage to 24 hours
/// or more and is in no applicable checklist is asked on its own.</item>
/// <item>Detail questions by expected information gain: question groups (gain summed over their options) and single
/// findings. For a finding f, each condition's chance of f being present is its sensitivity where a source gives one,
/// LR+ times f's background rate otherwise, and the background rate for conditions without a pair; the gain is the mutual
/// information between the answer and the condition, so it is never negative. Composite findings are never asked.</item>
/// </list>
/// A follow-up whose parent is absent is not applicable and never asked; one whose parent was answered "not sure" is
/// reported in <see cref="StopDecision.UnsureRedFlagFindings"/> when it is an urgent red flag.
/// <para>Stop rule (<see cref="ShouldStop(Case, int, QuestionOptions?)"/>), in screens: stop after
/// <see cref="QuestionOptions.MaxQuestions"/> (25 by default: about 4 for the complaint, up to 9 checklists and their
/// follow-ups, the rest for detail); otherwise go on while the complaint is incomplete or any red-flag finding that could
/// raise triage to <see cref="TriageLevel.Consultation24"/> or above is open; then stop when the top condition reaches
/// <see cref="QuestionOptions.Confidence"/> or no question gains <see cref="QuestionOptions.MinimumGain"/> bits.</para>
/// </remarks>
public sealed class QuestionSelector : IQuestionSelector
{
    private readonly KnowledgeBase _knowledge;
    private readonly Display.DisplayText? _text;
    private readonly DifferentialEngine _engine;
    private readonly RedFlagEvaluator _evaluator;
    private readonly FrozenDictionary<string, double> _background;

    // P(finding present | condition) as questions are ranked: one array per finding over the compiled condition order (the
    // background where a condition has no pair). A plan maps the ranked differential onto that order once (see Ranking),
    // so ranking a few hundred candidate questions reads arrays instead of looking conditions up by name.
    private readonly FrozenDictionary<string, double[]> _presentRows;
    private readonly FrozenDictionary<string, int> _conditionIndex;
    private readonly FrozenSet<string> _grouped;
    private readonly FrozenDictionary<string, QuestionGroup> _firstGroupOf;

    // For each condition whose care level is a consultation within 24 hours or more urgent: the findings whose "yes" raises
    // its odds (LR+ above 1), with that ratio, strongest first. Used to look one answer ahead of the triage combiner.
    private readonly FrozenDictionary<string, (string FindingId, double LrPositive)[]> _raisers;
    private readonly FrozenDictionary<string, FrozenDictionary<string, double>> _raiserRatios;

    // The groupings whose care level is a consultation within 24 hours or more urgent, with their members' ids.
    private readonly (Condition Grouping, FrozenSet<string> Members)[] _urgentGroupings;

    /// <summary>Creates a selector whose question texts, option labels and "why we ask" come from a display text, in
    /// <see cref="CultureInfo.CurrentUICulture"/> when questions are ranked.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="text">The display text over the same knowledge base.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is over another knowledge base.</exception>
    public QuestionSelector(KnowledgeBase knowledge, Display.DisplayText text)
        : this(knowledge)
    {
        _text = Display.DisplayText.RequireOver(text, knowledge);
    }

    /// <summary>Creates a selector over a knowledge base; texts are the knowledge base's own English.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public QuestionSelector(KnowledgeBase knowledge)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _engine = new DifferentialEngine(knowledge);
        _evaluator = new RedFlagEvaluator(knowledge);
        var model = knowledge.Likelihoods;
        _background = knowledge.Findings.ToFrozenDictionary(f => f.Id, f => model.BackgroundRateOf(f.Id), StringComparer.Ordinal);
        var given = model.Pairs
            .GroupBy(p => p.FindingId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.ToDictionary(p => p.ConditionId, p => Math.Clamp(p.Sensitivity ?? p.LrPositive * BackgroundOf(p.FindingId), 0.001, 0.999), StringComparer.Ordinal),
                StringComparer.Ordinal);
        AddCompositeItems(knowledge, given);
        _raisers = model.Pairs
            .Where(p => !p.Residual && p.LrPositive > 1 && knowledge.GetCondition(p.ConditionId).CareLevel.Level >= TriageLevel.Consultation24)
            .GroupBy(p => p.ConditionId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.LrPositive).Select(p => (p.FindingId, p.LrPositive)).ToArray(), StringComparer.Ordinal);
        _urgentGroupings = [.. knowledge.Conditions
            .Where(c => c.IsGrouping && c.CareLevel.Level >= TriageLevel.Consultation24)
            .Select(g => (g, knowledge.Conditions.Where(c => knowledge.GroupingsOf(c.Id).Contains(g.Id)).Select(c => c.Id).ToFrozenSet(StringComparer.Ordinal)))];
        _raiserRatios = _raisers.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(x => x.FindingId, x => x.LrPositive, StringComparer.Ordinal), StringComparer.Ordinal);
        var order = knowledge.Compiled.ConditionIds;
        _conditionIndex = order.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        _presentRows = given.ToFrozenDictionary(
            kv => kv.Key,
            kv =>
            {
                var background = BackgroundOf(kv.Key);
                return order.Select(id => kv.Value.TryGetValue(id, out var present) ? present : background).ToArray();
            },
            StringComparer.Ordinal);
        _grouped = knowledge.QuestionGroups.Where(g => g.Stage != QuestionStage.Checklist)
            .SelectMany(g => g.Options.Select(o => o.FindingId)).ToFrozenSet(StringComparer.Ordinal);
        _firstGroupOf = knowledge.QuestionGroups
            .SelectMany(g => g.Options.Select(o => (o.FindingId, Group: g)))
            .GroupBy(x => x.FindingId, StringComparer.Ordinal)
            .ToFrozenDictionary(x => x.Key, x => x.First().Group, StringComparer.Ordinal);
    }

    /// <summary>
    /// A composite (a cluster such as Cook's stenosis items) is never asked: its items are. So that an item's question
    /// carries the composite's information for the conditions the composite has a pair for, an item without its own pair
    /// for such a condition gets a lower bound on its chance of being present there: with at least k of the n items
    /// present whenever the composite is, an item is present at least k/n times as often as the composite on average.
    /// The bound only raises an item above its background rate; it ranks questions and never scores.
    /// </summary>
    private static void AddCompositeItems(KnowledgeBase knowledge, Dictionary<string, Dictionary<string, double>> given)
    {
        foreach (var composite in knowledge.Findings.Where(f => f.Composite is not null))
        {
            if (!given.TryGetValue(composite.Id, out var byCondition))
            {
                continue;
            }

            var rule = composite.Composite!;
            var share = (double)rule.AtLeast / rule.ItemCount;
            foreach (var item in rule.Of)
            {
                if (!given.TryGetValue(item, out var itemGiven))
                {
                    itemGiven = new Dictionary<string, double>(StringComparer.Ordinal);
                    given[item] = itemGiven;
                }

                var background = knowledge.Likelihoods.BackgroundRateOf(item);
                foreach (var (condition, present) in byCondition)
                {
                    var bound = Math.Clamp(share * present, 0.001, 0.999);
                    if (!itemGiven.ContainsKey(condition) && bound > background)
                    {
                        itemGiven[condition] = bound;
                    }
                }
            }
        }
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
        Plan(patientCase, 0, triage, differential, options).Next;

    /// <summary>Both the proposals and the stop decision from one pass (what an assessment needs).</summary>
    internal (ImmutableArray<ProposedQuestion> Next, StopDecision Status) RankAndStop(Case patientCase, int questionsAsked, TriageResult triage, RankedDifferential differential, QuestionOptions options) =>
        Plan(patientCase, questionsAsked, triage, differential, options);

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
        Plan(patientCase, questionsAsked, triage, differential, options).Status;

    /// <summary>How many screens a case's answered (non-initial) evidence stands for: each question group with an
    /// answered option counts once, every other finding once. An estimate for a case that did not come from an
    /// <see cref="Interview"/>.</summary>
    internal int ScreensIn(Case patientCase) =>
        patientCase.Evidence.Where(e => !e.IsInitial)
            .Select(e => _firstGroupOf.TryGetValue(e.FindingId, out var g) ? "group:" + g.Id : e.FindingId)
            .Distinct(StringComparer.Ordinal)
            .Count();

    private enum Reach
    {
        Askable,
        Answered,
        NotApplicable,
        Unsure,
    }

    /// <summary>What stands between a finding and asking it: the finding itself when askable, an unanswered parent to
    /// ask first, or a reason it cannot be asked.</summary>
    private (Reach Reach, string? Target) ReachOf(string findingId, Case patientCase, HashSet<string> answered, int depth = 0)
    {
        if (answered.Contains(findingId))
        {
            return (Reach.Answered, null);
        }

        var finding = _knowledge.GetFinding(findingId);
        foreach (var parent in finding.Requires)
        {
            var state = patientCase.StateOf(parent);
            if (state == EvidenceState.Absent)
            {
                return (Reach.NotApplicable, null);
            }

            if (state == EvidenceState.Present)
            {
                continue;
            }

            if (answered.Contains(parent) || depth > 16)
            {
                return (Reach.Unsure, null);
            }

            return ReachOf(parent, patientCase, answered, depth + 1);
        }

        return IsRuledOutByOneOf(patientCase, findingId) ? (Reach.NotApplicable, null) : (Reach.Askable, findingId);
    }

    private static bool CanAnswer(Finding finding, QuestionOptions options) =>
        !finding.IsComposite && (options.AnsweredBy == Respondent.Clinician || finding.AnsweredBy == Respondent.Person);

    /// <summary>Red-flag findings still worth asking: every unknown finding of an undecided rule, so every rule gets
    /// decided (the stop rule waits only for the urgent ones).</summary>
    private Dictionary<string, (TriageLevel Level, List<string> Rules)> OpenRedFlags(Case patientCase)
    {
        var facts = CaseFacts.From(_knowledge, patientCase);
        var open = new Dictionary<string, (TriageLevel Level, List<string> Rules)>(StringComparer.Ordinal);
        foreach (var rule in _knowledge.RedFlagRules)
        {
            if (rule.Level <= TriageLevel.SelfCare || rule.When.Evaluate(facts) != Truth.Unknown)
            {
                continue;
            }

            foreach (var f in rule.FindingIds)
            {
                if (facts.StateOf(f) != EvidenceState.Unknown)
                {
                    continue;
                }

                if (open.TryGetValue(f, out var entry))
                {
                    entry.Rules.Add(rule.Id);
                    open[f] = (entry.Level > rule.Level ? entry.Level : rule.Level, entry.Rules);
                }
                else
                {
                    open[f] = (rule.Level, [rule.Id]);
                }
            }
        }

        return open;
    }

    private (ImmutableArray<ProposedQuestion> Next, StopDecision Status) Plan(Case patientCase, int questionsAsked, TriageResult triage, RankedDifferential differential, QuestionOptions options)
    {
        var ranking = RankingOf(differential);
        var answered = patientCase.Evidence.Select(e => e.FindingId).ToHashSet(StringComparer.Ordinal);
        var open = OpenRedFlags(patientCase);
        var proposals = new List<ProposedQuestion>();
        var offered = new HashSet<string>(StringComparer.Ordinal);

        // 1. The complaint, in file order.
        var complaintOpen = false;
        foreach (var group in _knowledge.QuestionGroups.Where(g => g.Stage == QuestionStage.Complaint))
        {
            if (group.Mode == SelectionMode.OneOf && group.Options.Any(o => patientCase.StateOf(o.FindingId) == EvidenceState.Present))
            {
                continue;
            }

            var shown = group.Options.Where(o => !offered.Contains(o.FindingId) && CanAnswer(_knowledge.GetFinding(o.FindingId), options)
                && ReachOf(o.FindingId, patientCase, answered) is (Reach.Askable, var t) && t == o.FindingId).ToImmutableArray();
            if (shown.Length > 0)
            {
                complaintOpen = true;
                proposals.Add(GroupQuestion(group, shown, open, ranking));
                offered.UnionWith(shown.Select(o => o.FindingId));
            }
        }

        // 2. Red-flag checklists that apply, most urgent first.
        var checklists = new List<ProposedQuestion>();
        foreach (var group in _knowledge.QuestionGroups.Where(g => g.Stage == QuestionStage.Checklist))
        {
            if (group.AppliesTo is { } applies && !applies.Matches(patientCase))
            {
                continue;
            }

            var shown = group.Options.Where(o => open.ContainsKey(o.FindingId) && !offered.Contains(o.FindingId) && CanAnswer(_knowledge.GetFinding(o.FindingId), options)
                && ReachOf(o.FindingId, patientCase, answered) is (Reach.Askable, var t) && t == o.FindingId).ToImmutableArray();
            if (shown.Length > 0)
            {
                checklists.Add(GroupQuestion(group, shown, open, ranking));
                offered.UnionWith(shown.Select(o => o.FindingId));
            }
        }

        // Urgent red flags: the ones still askable (directly or through a parent) and the ones left unsure.
        var urgentOpen = 0;
        var unsure = new List<(string Id, TriageLevel Level)>();
        var fallback = new Dictionary<string, TriageLevel>(StringComparer.Ordinal);
        foreach (var (id, (level, _)) in open)
        {
            var finding = _knowledge.GetFinding(id);
            if (level < TriageLevel.Consultation24 || !CanAnswer(finding, options))
            {
                continue;
            }

            if (patientCase.Evidence.Any(e => e.FindingId == id && e.State == EvidenceState.Unknown))
            {
                unsure.Add((id, level));
                continue;
            }

            var (reach, target) = ReachOf(id, patientCase, answered);
            switch (reach)
            {
                case Reach.Askable when target is not null && CanAnswer(_knowledge.GetFinding(target), options):
                    urgentOpen++;
                    if (!offered.Contains(target))
                    {
                        fallback[target] = fallback.TryGetValue(target, out var l) && l > level ? l : level;
                    }

                    break;
                case Reach.Unsure:
                    unsure.Add((id, level));
                    break;
                default:
                    break;
            }
        }

        // Checklists that could raise the current level first, then the most urgent (stable: file order on ties).
        checklists = [.. checklists
            .OrderByDescending(q => (q.CouldRaiseTo ?? TriageLevel.SelfCare) > triage.Level)
            .ThenByDescending(q => q.CouldRaiseTo ?? TriageLevel.SelfCare)];
        proposals.AddRange(checklists);
        foreach (var (id, level) in fallback.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal))
        {
            var finding = _knowledge.GetFinding(id);
            var rules = open.TryGetValue(id, out var e) ? e.Rules : [];
            proposals.Add(new ProposedQuestion
            {
                FindingId = id,
                Question = FindingQuestion(finding),
                IsRedFlagScreen = true,
                CouldRaiseTo = open.TryGetValue(id, out var o) ? o.Level : level,
                ExpectedGain = GainOnly(id, ranking),
                Separates = SeparatesOf(id, ranking),
                Rationale = string.Create(CultureInfo.InvariantCulture, $"Red-flag screen: a yes could raise triage to {level} ({string.Join(", ", rules.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))})."),
                Options = [new QuestionOption { FindingId = id, Label = FindingName(finding) }],
                Stage = QuestionStage.Checklist,
                WhyWeAsk = WhyRedFlag,
            });
            offered.Add(id);
        }

        // Answers that could raise triage through the differential: one "yes" that would take a condition needing a
        // doctor within 24 hours or sooner (above the current level) to its escalation threshold.
        var raising = EscalationTargets(triage, differential, options);

        // 3. Detail questions by expected gain. Gains are computed for every candidate, but a full question (its
        //    wording, the conditions it separates, its rationale) is built only for those returned: with a few hundred
        //    askable findings, building every one cost most of the selector's time and allocations.
        var candidates = new List<DetailCandidate>();
        foreach (var group in _knowledge.QuestionGroups.Where(g => g.Stage == QuestionStage.Detail))
        {
            if (group.Mode == SelectionMode.OneOf && group.Options.Any(o => patientCase.StateOf(o.FindingId) == EvidenceState.Present))
            {
                continue;
            }

            var shown = group.Options.Where(o => !offered.Contains(o.FindingId) && CanAnswer(_knowledge.GetFinding(o.FindingId), options)
                && ReachOf(o.FindingId, patientCase, answered) is (Reach.Askable, var t) && t == o.FindingId).ToImmutableArray();
            if (shown.Length > 0)
            {
                var gain = GroupGain(shown, ranking);
                var raises = shown.Any(o => raising.ContainsKey(o.FindingId));
                if (gain > 0 || raises)
                {
                    candidates.Add(new DetailCandidate(shown.Length == 1 ? shown[0].FindingId : group.Id, gain, group, shown, raises));
                }
            }
        }

        foreach (var finding in _knowledge.Findings)
        {
            if (!CanAnswer(finding, options) || offered.Contains(finding.Id) || _grouped.Contains(finding.Id)
                || ReachOf(finding.Id, patientCase, answered) is not (Reach.Askable, var target) || target != finding.Id)
            {
                continue;
            }

            var gain = GainOnly(finding.Id, ranking);
            var raises = raising.ContainsKey(finding.Id);
            if (gain > 0 || raises)
            {
                candidates.Add(new DetailCandidate(finding.Id, gain, null, default, raises));
            }
        }

        // Questions whose answer could raise triage first, then by expected gain.
        candidates.Sort(static (a, b) =>
        {
            var r = b.Raises.CompareTo(a.Raises);
            if (r != 0)
            {
                return r;
            }

            var c = b.Gain.CompareTo(a.Gain);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        var escalationOpen = candidates.Count(c => c.Raises);
        var wanted = Math.Max(0, options.MaxProposals - proposals.Count);
        foreach (var candidate in candidates.Take(wanted))
        {
            var question = candidate.Group is { } g ? GroupQuestion(g, candidate.Shown, open, ranking) : DetailQuestion(candidate.Id, candidate.Gain, ranking);
            if (candidate.Raises)
            {
                var shownIds = candidate.Group is null ? [candidate.Id] : candidate.Shown.Select(o => o.FindingId);
                var (level, conditionId) = shownIds.Where(raising.ContainsKey).Select(id => raising[id]).MaxBy(x => x.Level);
                question = question with
                {
                    CouldRaiseTo = level,
                    Rationale = string.Create(CultureInfo.InvariantCulture, $"A yes could take {conditionId} to its threshold for {level}; ") + question.Rationale,
                };
            }

            proposals.Add(question);
        }

        var best = candidates.Count == 0 ? (DetailCandidate?)null : candidates[0];

        var unsureIds = unsure.Select(u => u.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        TriageLevel? unsureLevel = unsure.Count == 0 ? null : unsure.Max(u => u.Level);
        var status = Decide(questionsAsked, differential, options, complaintOpen, urgentOpen, escalationOpen, unsureIds, unsureLevel, best);
        return ([.. proposals.Take(Math.Max(0, options.MaxProposals))], status);
    }

    private static StopDecision Decide(int questionsAsked, RankedDifferential differential, QuestionOptions options, bool complaintOpen, int urgentOpen, int escalationOpen, ImmutableArray<string> unsure, TriageLevel? unsureLevel, DetailCandidate? best)
    {
        StopDecision Make(bool stop, string reason) => new() { ShouldStop = stop, Reason = reason, UrgentRedFlagQuestionsOpen = urgentOpen, UnsureRedFlagFindings = unsure, UnsureCouldRaiseTo = unsureLevel };
        var unsureNote = unsure.IsEmpty ? string.Empty : $" Some warning signs were answered 'not sure' ({string.Join(", ", unsure)}): treat the triage as incomplete.";
        if (questionsAsked >= options.MaxQuestions)
        {
            return Make(true, (urgentOpen == 0 ? "The question budget is used up." : $"The question budget is used up with {urgentOpen} urgent red-flag questions unanswered: treat the triage as incomplete.") + unsureNote);
        }

        if (complaintOpen)
        {
            return Make(false, "The complaint (where it hurts, how long, how it started) is not complete yet.");
        }

        if (urgentOpen > 0)
        {
            return Make(false, $"{urgentOpen} red-flag questions that could make this urgent are still unanswered.");
        }

        if (escalationOpen > 0)
        {
            return Make(false, $"{escalationOpen} questions whose answer could raise triage through the differential are still unanswered.");
        }

        if (differential.Ranked.Length > 0 && differential.Ranked[0].Probability >= options.Confidence)
        {
            return Make(true, string.Create(CultureInfo.InvariantCulture, $"{differential.Ranked[0].ConditionId} reached {differential.Ranked[0].Probability:P0}, at or above the {options.Confidence:P0} confidence.") + unsureNote);
        }

        return best is not { } top || top.Gain < options.MinimumGain
            ? Make(true, "No remaining question is expected to change the differential enough to be worth asking." + unsureNote)
            : Make(false, string.Create(CultureInfo.InvariantCulture, $"'{top.Id}' is still expected to gain {top.Gain:0.000} bits."));
    }

    // A detail question before it is built: its id (the group's, or the finding's when one option is shown), its expected
    // gain, and for a group the group and the options shown.
    private readonly record struct DetailCandidate(string Id, double Gain, QuestionGroup? Group, ImmutableArray<QuestionOption> Shown, bool Raises);

    // The unanswered findings a person could be asked whose "yes" alone would take a condition to the triage combiner's
    // threshold for its care level, when that level is a consultation within 24 hours or more urgent and above the current
    // level: the condition's escalation odds (TriageCombiner.EscalationProbability) times the pair's LR+. One answer ahead
    // only; the combiner decides. Each finding maps to the most urgent level it could reach and the condition that would.
    private Dictionary<string, (TriageLevel Level, string ConditionId)> EscalationTargets(TriageResult triage, RankedDifferential differential, QuestionOptions options)
    {
        var targets = new Dictionary<string, (TriageLevel Level, string ConditionId)>(StringComparer.Ordinal);

        // The level the combiner already gives (the interview passes the red-flag level alone): nothing at or below it
        // is a raise.
        var current = TriageCombiner.Combine(triage, differential, _knowledge, options.EscalationThresholds).Level;
        foreach (var ranked in differential.Ranked)
        {
            if (!_raisers.TryGetValue(ranked.ConditionId, out var raisers))
            {
                continue;
            }

            // The threshold is a nullable local rather than a pattern variable, so that mutation testing can mutate this
            // method (a negated pattern leaves its variable unassigned, and Stryker's safe mode then drops the method).
            var care = _knowledge.GetCondition(ranked.ConditionId).CareLevel.Level;
            var limit = options.EscalationThresholds.For(care);
            if (care <= current || limit is null)
            {
                continue;
            }

            // Below its threshold here (at or above it, the combiner would already give its care level); at p = 0 the
            // needed ratio is infinite and nothing qualifies. Which findings can be asked is decided by the caller.
            var threshold = limit.Value;
            var p = TriageCombiner.EscalationProbability(ranked);
            var needed = threshold / (1 - threshold) / (p / (1 - p));
            foreach (var (findingId, lr) in raisers)
            {
                // Stryker disable once Equality : equivalent; lr equal to needed to the last bit is the threshold itself, reached either way
                if (lr < needed)
                {
                    break;
                }

                Keep(targets, findingId, care, ranked.ConditionId);
            }
        }

        // A grouping (such as spinal-infection) escalates on its members' evidence mixed by their priors
        // (TriageCombiner.GroupEscalationProbability): a yes multiplies each member's weight by its own LR+.
        foreach (var (grouping, memberIds) in _urgentGroupings)
        {
            var care = grouping.CareLevel.Level;
            var limit = options.EscalationThresholds.For(care);
            if (care <= current || limit is null)
            {
                continue;
            }

            var threshold = limit.Value;
            var members = differential.Ranked.Where(r => memberIds.Contains(r.ConditionId)).ToList();
            var rest = Math.Max(1 - members.Sum(m => m.Prior), 0.001);
            var weights = members.Select(m => m.Prior * Math.Exp(TriageCombiner.ConservativeLogLikelihood(m))).ToList();
            var candidates = members.SelectMany(m => _raisers.TryGetValue(m.ConditionId, out var r) ? r.Select(x => x.FindingId) : []).Distinct(StringComparer.Ordinal);
            foreach (var findingId in candidates)
            {
                var weighted = 0.0;
                for (var i = 0; i < members.Count; i++)
                {
                    var lr = _raiserRatios.TryGetValue(members[i].ConditionId, out var ratios) && ratios.TryGetValue(findingId, out var ratio) ? ratio : 1;
                    weighted += weights[i] * lr;
                }

                // Stryker disable once Equality : equivalent; a mixture equal to the threshold to the last bit reaches it either way
                if (weighted / (weighted + rest) >= threshold)
                {
                    Keep(targets, findingId, care, grouping.Id);
                }
            }
        }

        return targets;
    }

    // Keeps, for each finding, the most urgent level one yes could reach and the condition or grouping that would.
    private static void Keep(Dictionary<string, (TriageLevel Level, string ConditionId)> targets, string findingId, TriageLevel care, string conditionId)
    {
        if (!targets.TryGetValue(findingId, out var known) || known.Level < care)
        {
            targets[findingId] = (care, conditionId);
        }
    }

    private double GroupGain(ImmutableArray<QuestionOption> shown, Ranking ranking)
    {
        double gain = 0;
        foreach (var o in shown)
        {
            gain += GainOnly(o.FindingId, ranking);
        }

        return gain;
    }

    private ProposedQuestion DetailQuestion(string findingId, double gain, Ranking ranking)
    {
        var finding = _knowledge.GetFinding(findingId);
        var separates = SeparatesOf(findingId, ranking);
        return new ProposedQuestion
        {
            FindingId = findingId,
            Question = FindingQuestion(finding),
            IsRedFlagScreen = false,
            ExpectedGain = gain,
            Separates = separates,
            Rationale = string.Create(CultureInfo.InvariantCulture, $"Expected gain {gain:0.000} bits; separates {string.Join(" from ", separates.Take(2))}."),
            Options = [new QuestionOption { FindingId = findingId, Label = FindingName(finding) }],
            WhyWeAsk = WhyDetail(separates),
        };
    }

    private ProposedQuestion GroupQuestion(QuestionGroup group, ImmutableArray<QuestionOption> shown, Dictionary<string, (TriageLevel Level, List<string> Rules)> open, Ranking ranking)
    {
        var gain = GroupGain(shown, ranking);
        var separates = shown.SelectMany(o => SeparatesOf(o.FindingId, ranking)).Distinct(StringComparer.Ordinal).Take(3).ToImmutableArray();
        var flags = shown.Where(o => open.ContainsKey(o.FindingId)).Select(o => open[o.FindingId]).ToList();
        TriageLevel? raise = flags.Count == 0 ? null : flags.Max(f => f.Level);
        var isChecklist = group.Stage == QuestionStage.Checklist;
        if (shown.Length == 1)
        {
            var finding = _knowledge.GetFinding(shown[0].FindingId);
            return new ProposedQuestion
            {
                FindingId = finding.Id,
                Question = FindingQuestion(finding),
                IsRedFlagScreen = isChecklist,
                CouldRaiseTo = raise,
                ExpectedGain = gain,
                Separates = separates,
                Rationale = isChecklist ? $"Red-flag follow-up from {group.Id}: a yes could raise triage to {raise}." : string.Create(CultureInfo.InvariantCulture, $"Expected gain {gain:0.000} bits; the last open option of {group.Id}."),
                Options = Labelled(group, shown),
                GroupId = null,
                Stage = group.Stage,
                WhyWeAsk = (_text is null ? group.Rationale : _text.QuestionGroupRationale(group.Id)) ?? (isChecklist ? WhyRedFlag : WhyDetail(separates)),
            };
        }

        return new ProposedQuestion
        {
            FindingId = shown[0].FindingId,
            Question = _text?.QuestionGroupText(group.Id) ?? group.Text,
            IsRedFlagScreen = isChecklist,
            CouldRaiseTo = raise,
            ExpectedGain = gain,
            Separates = separates,
            Rationale = isChecklist
                ? $"Red-flag checklist {group.Id}: a tick could raise triage to {raise} ({string.Join(", ", flags.SelectMany(f => f.Rules).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))})."
                : string.Create(CultureInfo.InvariantCulture, $"{group.Stage} question {group.Id}: expected gain {gain:0.000} bits over {shown.Length} options."),
            Type = group.Mode == SelectionMode.OneOf ? QuestionType.OneOf : QuestionType.AnyOf,
            GroupId = group.Id,
            Stage = group.Stage,
            Options = Labelled(group, shown),
            WhyWeAsk = (_text is null ? group.Rationale : _text.QuestionGroupRationale(group.Id)) ?? (isChecklist ? WhyRedFlag : WhyDetail(separates)),
        };
    }

    private string WhyRedFlag => _text?.Phrase("whyWarningSign") ?? "This is a warning sign: if you have it, you may need care sooner.";

    private string WhyDetail(ImmutableArray<string> separates)
    {
        if (separates.Length < 2)
        {
            return _text?.Phrase("whyNarrowDown") ?? "Your answer helps narrow down the likely causes.";
        }

        string Name(string id) => _text?.ConditionName(id) ?? _knowledge.GetCondition(id).Name;
        return _text?.Format("whyTellApart", null, ("first", Name(separates[0])), ("second", Name(separates[1])))
            ?? $"Your answer helps tell apart possible causes, such as {Name(separates[0])} and {Name(separates[1])}.";
    }

    private string FindingQuestion(Finding finding) => _text?.FindingQuestion(finding.Id) ?? finding.Question;

    private string FindingName(Finding finding) => _text?.FindingName(finding.Id) ?? finding.Name;

    private ImmutableArray<QuestionOption> Labelled(QuestionGroup group, ImmutableArray<QuestionOption> shown) =>
        _text is null ? shown : [.. shown.Select(o => o with { Label = _text.QuestionOptionLabel(group.Id, o.FindingId) })];

    private bool IsRuledOutByOneOf(Case patientCase, string findingId) =>
        _knowledge.SingleChoiceGroupOf(findingId) is { } group
        && group.Options.Any(o => o.FindingId != findingId && patientCase.StateOf(o.FindingId) == EvidenceState.Present);

    /// <summary>Mutual information (bits) between the finding's answer and the condition.</summary>
    internal double GainOnly(string findingId, RankedDifferential differential) => GainOnly(findingId, RankingOf(differential));

    /// <summary>The conditions whose probability the answer moves most, most moved first.</summary>
    internal ImmutableArray<string> SeparatesOf(string findingId, RankedDifferential differential) => SeparatesOf(findingId, RankingOf(differential));

    // Allocates nothing for up to 128 conditions.
    private double GainOnly(string findingId, Ranking ranking)
    {
        var ranked = ranking.Differential.Ranked;
        var n = ranked.Length;
        double[]? rented = n <= 128 ? null : System.Buffers.ArrayPool<double>.Shared.Rent(n);
        Span<double> q = rented is null ? stackalloc double[n] : rented.AsSpan(0, n);
        try
        {
            var pPresent = Fill(findingId, ranking, q);
            if (pPresent <= 0 || pPresent >= 1)
            {
                return 0;
            }

            double gain = 0;
            for (var i = 0; i < n; i++)
            {
                var p = ranked[i].Probability;
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

    private ImmutableArray<string> SeparatesOf(string findingId, Ranking ranking)
    {
        var q = new double[ranking.Differential.Ranked.Length];
        var pPresent = Fill(findingId, ranking, q);
        if (pPresent <= 0 || pPresent >= 1)
        {
            return [];
        }

        return [.. ranking.Differential.Ranked
            .Select((r, i) => (r.ConditionId, Move: Math.Abs((r.Probability * q[i] / pPresent) - (r.Probability * (1 - q[i]) / (1 - pPresent)))))
            .Where(x => x.Move > 0)
            .OrderByDescending(x => x.Move).ThenBy(x => x.ConditionId, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.ConditionId)];
    }

    private double Fill(string findingId, Ranking ranking, Span<double> q)
    {
        var ranked = ranking.Differential.Ranked;
        var row = _presentRows.GetValueOrDefault(findingId);
        var background = BackgroundOf(findingId);
        double pPresent = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            var position = ranking.Positions[i];
            q[i] = row is not null && position >= 0 ? row[position] : background;
            pPresent += ranked[i].Probability * q[i];
        }

        return pPresent;
    }

    // The ranked differential with each ranked condition's index in the compiled condition order (-1 for one the selector
    // has no rows for), mapped once per plan.
    private readonly record struct Ranking(RankedDifferential Differential, int[] Positions);

    private Ranking RankingOf(RankedDifferential differential)
    {
        var positions = new int[differential.Ranked.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = _conditionIndex.TryGetValue(differential.Ranked[i].ConditionId, out var index) ? index : -1;
        }

        return new Ranking(differential, positions);
    }
}
