using System.Collections.Frozen;
using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>Ranks the conditions of the taxonomy for a case.</summary>
public interface IDifferentialEngine
{
    /// <summary>Validates the case and scores every applicable condition.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The ranked differential.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    RankedDifferential Score(Case patientCase);
}

/// <summary>A single-cause Bayesian engine: prior times the likelihood ratios of the case's answered findings.</summary>
/// <remarks>
/// Stateless and thread-safe. A present finding adds ln LR+, an absent one ln LR−, an unknown one nothing, and a
/// finding a condition has no pair for is neutral for it. Demographics act through the priors. Results are the same to
/// the last bit whatever the order of the evidence, because contributions are summed in knowledge-base order.
/// Decision support and education, not a diagnosis.
/// </remarks>
public sealed class DifferentialEngine : IDifferentialEngine
{
    private readonly KnowledgeBase _knowledge;
    private readonly FrozenDictionary<string, ImmutableArray<LikelihoodPair>> _pairsByCondition;
    private readonly FrozenDictionary<string, ConditionPrior> _priors;

    /// <summary>Creates an engine over a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public DifferentialEngine(KnowledgeBase knowledge)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _pairsByCondition = knowledge.Likelihoods.Pairs
            .GroupBy(p => p.ConditionId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        _priors = knowledge.Likelihoods.Priors.ToFrozenDictionary(p => p.ConditionId, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public RankedDifferential Score(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        _knowledge.ValidateAndThrow(patientCase);
        return Score(CaseFacts.From(_knowledge, patientCase));
    }

    internal RankedDifferential Score(CaseFacts facts)
    {
        var scored = new List<(Condition Condition, double Prior, double LogWeight, double LogOdds, ImmutableArray<Contribution> Contributions)>();
        var notApplicable = ImmutableArray.CreateBuilder<string>();
        foreach (var condition in _knowledge.Conditions)
        {
            if (condition.IsGrouping)
            {
                continue;
            }

            if (!condition.Applicability.Admits(facts.Profile))
            {
                notApplicable.Add(condition.Id);
                continue;
            }

            var priorEntry = _priors[condition.Id];
            var prior = priorEntry.Prevalence;
            foreach (var modifier in priorEntry.Modifiers)
            {
                if (modifier.When.Evaluate(facts) == Truth.True)
                {
                    prior *= modifier.Factor;
                }
            }

            prior = Math.Min(prior, 0.999);
            var sum = 0.0;
            var contributions = ImmutableArray.CreateBuilder<Contribution>();
            foreach (var pair in _pairsByCondition.GetValueOrDefault(condition.Id, []))
            {
                var state = facts.StateOf(pair.FindingId);
                if (state == EvidenceState.Unknown)
                {
                    continue;
                }

                var ratio = state == EvidenceState.Present ? pair.LrPositive : pair.LrNegative;
                sum += Math.Log(ratio);
                contributions.Add(new Contribution { FindingId = pair.FindingId, State = state, LikelihoodRatio = ratio, SourceKey = pair.SourceKey, Grade = pair.Grade });
            }

            var ordered = contributions.OrderByDescending(c => Math.Abs(c.LogLikelihoodRatio)).ThenBy(c => c.FindingId, StringComparer.Ordinal).ToImmutableArray();
            scored.Add((condition, prior, Math.Log(prior) + sum, Math.Log(prior / (1 - prior)) + sum, ordered));
        }

        var max = scored.Count == 0 ? 0 : scored.Max(s => s.LogWeight);
        var total = scored.Sum(s => Math.Exp(s.LogWeight - max));
        var ranked = scored
            .Select(s => new RankedCondition
            {
                ConditionId = s.Condition.Id,
                Probability = Math.Exp(s.LogWeight - max) / total,
                Prior = s.Prior,
                LogOdds = s.LogOdds,
                Contributions = s.Contributions,
            })
            .OrderByDescending(r => r.Probability)
            .ThenBy(r => r.ConditionId, StringComparer.Ordinal)
            .ToImmutableArray();
        return new RankedDifferential { Ranked = ranked, NotApplicable = notApplicable.ToImmutable() };
    }
}
