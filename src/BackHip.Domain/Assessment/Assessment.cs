using System.Collections.Immutable;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;

namespace BackHip.Domain;

/// <summary>One complete assessment of a case: triage, differential, next questions and care plan.</summary>
/// <remarks>
/// Immutable; round-trips through <see cref="BackHipJson"/>. Decision support and education, not a diagnosis and not a
/// medical device: <see cref="Notice"/> says so in every document.
/// </remarks>
public sealed record Assessment
{
    /// <summary>The document schema version.</summary>
    public int SchemaVersion { get; init; } = BackHipJson.SchemaVersion;

    /// <summary>The version of the knowledge base that produced it.</summary>
    public required string KnowledgeBaseVersion { get; init; }

    /// <summary>When it was produced, from the assessor's clock.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The case that was assessed.</summary>
    public required CaseDocument Case { get; init; }

    /// <summary>The triage result, already combined with the differential.</summary>
    public required TriageResult Triage { get; init; }

    /// <summary>The most probable conditions, most probable first.</summary>
    public required ImmutableArray<RankedCondition> Differential { get; init; }

    /// <summary>The questions (screens) worth asking next: the complaint, red-flag checklists, then detail questions.</summary>
    public required ImmutableArray<ProposedQuestion> NextQuestions { get; init; }

    /// <summary>Whether an interview should stop, and why.</summary>
    public required StopDecision InterviewStatus { get; init; }

    /// <summary>What to do next.</summary>
    public required CarePlan CarePlan { get; init; }

    /// <summary>The scores of the questionnaires the case carried, if any.</summary>
    public Instruments.InstrumentScores? Instruments { get; init; }

    /// <summary>The decision-support notice shown with every result.</summary>
    public string Notice { get; init; } = BackHipAssessor.DecisionSupportNotice;
}

/// <summary>Runs the whole pipeline for a case and returns one <see cref="Assessment"/>.</summary>
public interface IBackHipAssessor
{
    /// <summary>The knowledge base the assessor uses.</summary>
    KnowledgeBase Knowledge { get; }

    /// <summary>Validates the case, then runs triage, the differential, question selection and the care plan.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid; every problem is listed and nothing partial is returned.</exception>
    Assessment Assess(Case patientCase);
}

/// <summary>The assessor: validation, red-flag triage, differential (combined so it can only raise triage), next
/// questions and the care plan, in one call.</summary>
/// <remarks>
/// Stateless and thread-safe; keeps no case data. Take it in through <c>services.AddBackHipDomain()</c>, or without a
/// container through <see cref="CreateDefault"/>. Decision support and education, not a diagnosis and not a medical device.
/// </remarks>
public sealed class BackHipAssessor : IBackHipAssessor
{
    /// <summary>The notice carried by every assessment.</summary>
    public const string DecisionSupportNotice = "Decision support and education only: not a diagnosis and not a medical device. If you are worried, or symptoms change, contact a health professional; in an emergency call your local emergency number.";

    private readonly IRedFlagEvaluator _triage;
    private readonly IDifferentialEngine _differential;
    private readonly IQuestionSelector _questions;
    private readonly IExercisePlanner _planner;
    private readonly ITriageCombiner _combiner;
    private readonly BackHipDomainOptions _options;
    private readonly TimeProvider _time;
    private readonly Display.DisplayText _text;

    /// <summary>Creates an assessor from its parts (the DI container does this).</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="triage">The red-flag evaluator.</param>
    /// <param name="differential">The differential engine.</param>
    /// <param name="questions">The question selector.</param>
    /// <param name="planner">The care planner.</param>
    /// <param name="combiner">The triage combiner.</param>
    /// <param name="options">The options (thresholds and list sizes).</param>
    /// <param name="time">The clock for <see cref="Assessment.GeneratedAt"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public BackHipAssessor(
        KnowledgeBase knowledge,
        IRedFlagEvaluator triage,
        IDifferentialEngine differential,
        IQuestionSelector questions,
        IExercisePlanner planner,
        ITriageCombiner combiner,
        BackHipDomainOptions options,
        TimeProvider time)
        : this(knowledge, triage, differential, questions, planner, combiner, options, time, Display.DisplayText.For(knowledge ?? throw new ArgumentNullException(nameof(knowledge))))
    {
    }

    /// <summary>Creates an assessor from its parts with the display text its person-facing words come from (the DI
    /// container does this, with the text tables of <see cref="BackHipDomainOptions.TextTables"/>).</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="triage">The red-flag evaluator.</param>
    /// <param name="differential">The differential engine.</param>
    /// <param name="questions">The question selector.</param>
    /// <param name="planner">The care planner.</param>
    /// <param name="combiner">The triage combiner.</param>
    /// <param name="options">The options (thresholds and list sizes).</param>
    /// <param name="time">The clock for <see cref="Assessment.GeneratedAt"/>.</param>
    /// <param name="text">The display text over the same knowledge base: condition names in the differential and the
    /// assessor's own messages, in <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is over another knowledge base.</exception>
    public BackHipAssessor(
        KnowledgeBase knowledge,
        IRedFlagEvaluator triage,
        IDifferentialEngine differential,
        IQuestionSelector questions,
        IExercisePlanner planner,
        ITriageCombiner combiner,
        BackHipDomainOptions options,
        TimeProvider time,
        Display.DisplayText text)
    {
        Knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _triage = triage ?? throw new ArgumentNullException(nameof(triage));
        _differential = differential ?? throw new ArgumentNullException(nameof(differential));
        _questions = questions ?? throw new ArgumentNullException(nameof(questions));
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
        _combiner = combiner ?? throw new ArgumentNullException(nameof(combiner));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _text = Display.DisplayText.RequireOver(text, knowledge);
    }

    /// <inheritdoc />
    public KnowledgeBase Knowledge { get; }

    /// <summary>One line for scripts and notebooks: an assessor over <see cref="KnowledgeBase.Default"/> with default options.</summary>
    /// <param name="time">The clock, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>The assessor.</returns>
    public static BackHipAssessor CreateDefault(TimeProvider? time = null) => Create(KnowledgeBase.Default, null, time);

    /// <summary>An assessor over a given knowledge base and options, without a container.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="time">The clock, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>The assessor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names each option.</exception>
    public static BackHipAssessor Create(KnowledgeBase knowledge, BackHipDomainOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        options ??= new BackHipDomainOptions();
        var failures = BackHipDomainOptionsChecks.Problems(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        var text = options.TextTables.Count == 0 ? Display.DisplayText.For(knowledge) : Display.DisplayText.Create(knowledge, options.TextTables);
        return new BackHipAssessor(
            knowledge, new RedFlagEvaluator(knowledge, text), new DifferentialEngine(knowledge), new QuestionSelector(knowledge, text), new ExercisePlanner(knowledge, text),
            new TriageCombiner(knowledge, options.ToCareLevelThresholds()), options, time ?? TimeProvider.System, text);
    }

    /// <inheritdoc />
    public Assessment Assess(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        Knowledge.ValidateAndThrow(patientCase);
        var differential = _differential.Score(patientCase);
        var triage = _combiner.Combine(_triage.Evaluate(patientCase), differential);
        var questionOptions = QuestionOptions.Default with { MaxProposals = _options.MaxQuestions, EscalationThresholds = _options.ToCareLevelThresholds() };
        var (next, status) = _questions is QuestionSelector selector
            ? selector.RankAndStop(patientCase, selector.ScreensIn(patientCase), triage, differential, questionOptions)
            : (_questions.Rank(patientCase, questionOptions), _questions.ShouldStop(patientCase, patientCase.Evidence.Count(e => !e.IsInitial), questionOptions));
        if (status.UnsureCouldRaiseTo >= TriageLevel.Emergency)
        {
            // "Not sure" about an emergency warning sign: never advise self-care on an incomplete triage.
            triage = triage.RaiseTo(TriageLevel.Consultation, _text.Format("unsureEmergencySign", null, ("findings", string.Join(", ", status.UnsureRedFlagFindings.Select(id => _text.FindingName(id))))));
        }

        return new Assessment
        {
            KnowledgeBaseVersion = Knowledge.Version,
            GeneratedAt = _time.GetUtcNow(),
            Case = CaseDocument.FromCase(patientCase),
            Triage = triage,
            Differential = [.. differential.Top(_options.MaxConditions).Select(r => _text.ConditionName(r.ConditionId) is var name && name != r.ConditionName ? r with { ConditionName = name } : r)],
            NextQuestions = next,
            InterviewStatus = status,
            CarePlan = _planner.Plan(patientCase, triage, differential, new PlannerOptions { Threshold = _options.PlannerThreshold }),
            Instruments = patientCase.Instruments is { } responses ? BackHip.Domain.Instruments.InstrumentScoring.Score(responses) : null,
        };
    }
}
