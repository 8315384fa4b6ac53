using System.Collections.Immutable;

namespace BackHip.Domain.Triage;

/// <summary>Evaluates red-flag rules over a case and sets the triage level.</summary>
public interface IRedFlagEvaluator
{
    /// <summary>Validates the case, then evaluates every red-flag rule.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The triage result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    TriageResult Evaluate(Case patientCase);

    /// <summary>Only the level: the highest level of any fired rule. Allocates nothing for a valid case.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    TriageLevel EvaluateLevel(Case patientCase);
}

/// <summary>The rule-based red-flag evaluator: the level is the highest level of any rule that fires.</summary>
/// <remarks>
/// Stateless and thread-safe over an immutable <see cref="KnowledgeBase"/>. Safety does not depend on probability
/// calibration: rules fire on findings and profile only. Decision support and education, not a diagnosis.
/// </remarks>
public sealed class RedFlagEvaluator : IRedFlagEvaluator
{
    private readonly KnowledgeBase _knowledge;
    private readonly Display.DisplayText? _text;

    /// <summary>Creates an evaluator over a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    /// <remarks>Messages are the rules' own English messages (the safety floor evaluates this way while a knowledge base loads).</remarks>
    public RedFlagEvaluator(KnowledgeBase knowledge) => _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));

    /// <summary>Creates an evaluator whose fired-rule messages come from a display text, in
    /// <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> when a case is evaluated.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="text">The display text over the same knowledge base.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is over another knowledge base.</exception>
    public RedFlagEvaluator(KnowledgeBase knowledge, Display.DisplayText text)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _text = Display.DisplayText.RequireOver(text, knowledge);
    }

    /// <inheritdoc />
    public TriageResult Evaluate(Case patientCase)
    {
        // Stryker disable once Statement : equivalent; ValidateAndThrow rejects a null case with the same exception
        ArgumentNullException.ThrowIfNull(patientCase);
        // Stryker disable once Statement : equivalent; CaseFacts.From validates an invalid case the same way
        _knowledge.ValidateAndThrow(patientCase);
        return Evaluate(CaseFacts.From(_knowledge, patientCase));
    }

    /// <inheritdoc />
    public TriageLevel EvaluateLevel(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        var model = _knowledge.Compiled;
        // Stryker disable once all : equivalent; whether the buffer lives on the stack or the heap is not observable
        Span<sbyte> states = model.FindingCount <= 1024 ? stackalloc sbyte[model.FindingCount] : new sbyte[model.FindingCount];
        // Stryker disable once all : equivalent; whether the buffer lives on the stack or the heap is not observable
        Span<int> held = model.FindingCount <= 1024 ? stackalloc int[model.FindingCount] : new int[model.FindingCount];
        // Stryker disable once Equality : equivalent; Load returns 0 only for a valid case with nothing answered, which validates
        if (model.Load(patientCase, states, held) < 0)
        {
            _knowledge.ValidateAndThrow(patientCase);
        }

        var view = new FactView(patientCase.Profile, states, model.FindingIndex);
        var level = TriageLevel.SelfCare;
        foreach (var rule in _knowledge.RedFlagRules)
        {
            if (rule.Level > level && rule.When.Evaluate(view) == Truth.True)
            {
                level = rule.Level;
            }
        }

        return level;
    }

    internal TriageResult Evaluate(CaseFacts facts)
    {
        var fired = new List<RedFlagRule>();
        var undecided = new List<RedFlagRule>();
        foreach (var rule in _knowledge.RedFlagRules)
        {
            switch (rule.When.Evaluate(facts))
            {
                case Truth.True: fired.Add(rule); break;
                case Truth.Unknown: undecided.Add(rule); break;
                default: break;
            }
        }

        var level = fired.Count == 0 ? TriageLevel.SelfCare : fired.Max(r => r.Level);
        var open = undecided
            .Where(r => r.Level > level)
            .SelectMany(r => r.FindingIds.Where(f => facts.StateOf(f) == EvidenceState.Unknown).Select(f => (Finding: f, Rule: r)))
            .GroupBy(x => x.Finding, StringComparer.Ordinal)
            .Select(g => new OpenQuestion
            {
                FindingId = g.Key,
                CouldRaiseTo = g.Max(x => x.Rule.Level),
                RuleIds = [.. g.Select(x => x.Rule.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            })
            .OrderByDescending(q => q.CouldRaiseTo)
            .ThenBy(q => q.FindingId, StringComparer.Ordinal)
            .ToImmutableArray();

        return new TriageResult
        {
            Level = level,
            FiredRules = [.. fired
                .OrderByDescending(r => r.Level)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new FiredRule { RuleId = r.Id, Pathology = r.Pathology, Level = r.Level, Message = _text?.RuleMessage(r.Id) ?? r.Message, Rationale = r.Rationale, Grade = r.Grade, SourceKeys = r.SourceKeys })],
            SeriousConditionsNotExcluded = [.. fired.SelectMany(r => r.ConditionIds)
                .Where(id => _knowledge.GetCondition(id).IsSerious)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)],
            OpenQuestions = open,
        };
    }
}
