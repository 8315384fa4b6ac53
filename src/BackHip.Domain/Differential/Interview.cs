using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>An adaptive interview driven from code: ask the next question, record the answer, stop by the stop rule.</summary>
/// <remarks>
/// Immutable and thread-safe: <see cref="Answer(ProposedQuestion, QuestionAnswer)"/> returns a new interview and
/// <see cref="Undo"/> the one before it. The complaint comes first, then red-flag checklists, then detail questions;
/// <see cref="QuestionsAsked"/> counts screens (a checklist is one screen).
/// <code>
/// var interview = Interview.Start(KnowledgeBase.Default, Case.For(40, Sex.Female).Build());
/// while (interview.Next() is { } question)
///     interview = interview.Answer(question, AskPerson(question)); // a QuestionAnswer: Select(...), NoneOfThese, DontKnow
/// </code>
/// </remarks>
public sealed class Interview
{
    private readonly KnowledgeBase _knowledge;
    private readonly IQuestionSelector _selector;

    private Interview(KnowledgeBase knowledge, IQuestionSelector selector, QuestionOptions options, Case patientCase, int asked, Interview? previous = null)
    {
        Previous = previous;
        _knowledge = knowledge;
        _selector = selector;
        Options = options;
        Case = patientCase;
        QuestionsAsked = asked;
    }

    /// <summary>The case so far.</summary>
    public Case Case { get; }

    /// <summary>The interview before the last answer, or <see langword="null"/> at the start.</summary>
    public Interview? Previous { get; }

    /// <summary>How many questions (screens) have been answered in this interview.</summary>
    public int QuestionsAsked { get; }

    /// <summary>The options in force.</summary>
    public QuestionOptions Options { get; }

    /// <summary>Starts an interview from an initial case.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="initial">The initial case (profile and initial complaint).</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="selector">A selector, or <see langword="null"/> for a <see cref="QuestionSelector"/> over <paramref name="knowledge"/>.</param>
    /// <returns>The interview.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> or <paramref name="initial"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The initial case is invalid.</exception>
    public static Interview Start(KnowledgeBase knowledge, Case initial, QuestionOptions? options = null, IQuestionSelector? selector = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(initial);
        knowledge.ValidateAndThrow(initial);
        return new Interview(knowledge, selector ?? new QuestionSelector(knowledge), options ?? QuestionOptions.Default, initial, 0);
    }

    /// <summary>Whether to stop now, and why.</summary>
    /// <returns>The stop decision.</returns>
    public StopDecision Status() => _selector.ShouldStop(Case, QuestionsAsked, Options);

    /// <summary>The next question, or <see langword="null"/> when the stop rule says to stop.</summary>
    /// <returns>The proposal, or <see langword="null"/>.</returns>
    public ProposedQuestion? Next() =>
        Status().ShouldStop ? null : _selector.Rank(Case, Options with { MaxProposals = 1 }).FirstOrDefault();

    /// <summary>Records an answer and returns the interview that follows.</summary>
    /// <param name="findingId">The finding asked about.</param>
    /// <param name="state">The answer; <see cref="EvidenceState.Unknown"/> records "don't know" and counts as asked.</param>
    /// <returns>A new interview.</returns>
    /// <exception cref="ArgumentException">The finding is unknown, composite or already answered.</exception>
    /// <remarks>A present answer to an option of a one-of question also records its unanswered siblings as absent.</remarks>
    public Interview Answer(string findingId, EvidenceState state)
    {
        ArgumentNullException.ThrowIfNull(findingId);
        if (!_knowledge.TryGetFinding(findingId, out var finding) || finding.IsComposite)
        {
            throw new ArgumentException($"'{findingId}' is not a finding that can be answered.", nameof(findingId));
        }

        if (Case.Evidence.Any(e => e.FindingId == findingId))
        {
            throw new ArgumentException($"'{findingId}' has already been answered.", nameof(findingId));
        }

        var origin = _knowledge.RedFlagFindingIds.Contains(findingId) ? EvidenceOrigin.RedFlagScreen : EvidenceOrigin.Interview;
        var evidence = Case.Evidence.Add(new Evidence { FindingId = findingId, State = state, Origin = origin });
        if (state == EvidenceState.Present && _knowledge.SingleChoiceGroupOf(findingId) is { } group)
        {
            evidence = evidence.AddRange(group.Options
                .Where(o => o.FindingId != findingId && evidence.All(e => e.FindingId != o.FindingId))
                .Select(o => new Evidence { FindingId = o.FindingId, State = EvidenceState.Absent, Origin = origin }));
        }

        return new Interview(_knowledge, _selector, Options, Case.Create(Case.Profile, evidence, Case.Instruments, Case.Setting).WithId(Case.Id), QuestionsAsked + 1, this);
    }

    /// <summary>Records the answer to a proposed question of any type and returns the interview that follows.</summary>
    /// <param name="question">The question, as proposed by <see cref="Next"/> for this interview.</param>
    /// <param name="answer">The answer: selected options present, unsure ones unknown, the rest absent.</param>
    /// <returns>A new interview; <see cref="Undo"/> on it returns this one.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The answer does not fit the question, or an option is already answered.</exception>
    public Interview Answer(ProposedQuestion question, QuestionAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        foreach (var option in question.Options.IsDefaultOrEmpty ? [new QuestionOption { FindingId = question.FindingId, Label = question.Question }] : question.Options)
        {
            if (!_knowledge.TryGetFinding(option.FindingId, out var finding) || finding.IsComposite)
            {
                throw new ArgumentException($"'{option.FindingId}' is not a finding that can be answered.", nameof(question));
            }
        }

        var next = question.Apply(Case, answer);
        if (question.Type == QuestionType.OneOf || (question.Type == QuestionType.Single && answer.Selected.Length == 1))
        {
            foreach (var chosen in answer.Selected)
            {
                if (_knowledge.SingleChoiceGroupOf(chosen) is { } group)
                {
                    foreach (var sibling in group.Options.Where(o => o.FindingId != chosen && next.Evidence.All(e => e.FindingId != o.FindingId)))
                    {
                        next = next.WithEvidence(new Evidence { FindingId = sibling.FindingId, State = EvidenceState.Absent, Origin = question.IsRedFlagScreen ? EvidenceOrigin.RedFlagScreen : EvidenceOrigin.Interview });
                    }
                }
            }
        }

        return new Interview(_knowledge, _selector, Options, next, QuestionsAsked + 1, this);
    }

    /// <summary>Takes back the last answer.</summary>
    /// <returns>The interview before the last answer, or this one at the start.</returns>
    public Interview Undo() => Previous ?? this;
}
