using System.Collections.Frozen;
using System.Collections.Immutable;
using BackHip.Domain.Compiled;

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

    /// <summary>Explains one condition's score: supporting, conflicting and unconfirmed findings with their ratios and sources.</summary>
    /// <param name="patientCase">The case.</param>
    /// <param name="conditionId">The condition.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="conditionId"/> is not a scored condition.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    ConditionExplanation Explain(Case patientCase, string conditionId);

    /// <summary>Why one condition and not another: the prior ratio and the findings that separate them.</summary>
    /// <param name="patientCase">The case.</param>
    /// <param name="first">The first condition.</param>
    /// <param name="second">The second condition.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A condition is not scored or does not apply to this person.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    ConditionComparison Compare(Case patientCase, string first, string second);
}

/// <summary>A single-cause Bayesian engine: prior times the likelihood ratios of the case's answered findings.</summary>
/// <remarks>
/// Stateless and thread-safe. A present finding adds ln LR+, an absent one ln LR−, an unknown one nothing, and a
/// finding a condition has no pair for is neutral for it. Findings that measure one thing count once (see
/// <see cref="LikelihoodModel.Variables"/>), and a cluster determined by the case replaces its items for a condition
/// that has pairs for both. The options of a one-of question exclude each other: the option answered present makes
/// every option not answered at all absent (an explicit "don't know" stays unknown). Demographics act through the priors (age curves and sex modifiers). Results are the same to
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
        return ScoreCompiled(patientCase, out _);
    }

    /// <inheritdoc />
    public ConditionExplanation Explain(Case patientCase, string conditionId)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        ArgumentNullException.ThrowIfNull(conditionId);
        if (!_priors.TryGetValue(conditionId, out var conditionPrior))
        {
            throw new ArgumentException($"'{conditionId}' is not a scored condition.", nameof(conditionId));
        }

        _knowledge.ValidateAndThrow(patientCase);
        var facts = CaseFacts.From(_knowledge, patientCase);
        var differential = ScoreCompiled(patientCase, out var uncounted);
        var index = differential.Ranked.IndexOf(differential.Ranked.FirstOrDefault(r => r.ConditionId == conditionId)!);
        var effects = _pairsByCondition.GetValueOrDefault(conditionId, [])
            .Where(p => !uncounted.Contains(p))
            .Select(p => new FindingEffect { FindingId = p.FindingId, State = facts.StateOf(p.FindingId), LrPositive = p.LrPositive, LrNegative = p.LrNegative, SourceKey = p.SourceKey, Grade = p.Grade, FrequencyBand = p.FrequencyBand })
            .ToList();
        static double Strength(FindingEffect e) => Math.Abs(Math.Log(e.AppliedLr));
        static double Potential(FindingEffect e) => Math.Max(Math.Abs(Math.Log(e.LrPositive)), Math.Abs(Math.Log(e.LrNegative)));
        return new ConditionExplanation
        {
            ConditionId = conditionId,
            Rank = index < 0 ? 0 : index + 1,
            Probability = index < 0 ? 0 : differential.Ranked[index].Probability,
            Prior = index < 0 ? 0 : differential.Ranked[index].Prior,
            PriorSetting = conditionPrior.InSetting(patientCase.Setting)?.Setting,
            PriorSourceKey = conditionPrior.InSetting(patientCase.Setting)?.SourceKey ?? conditionPrior.SourceKey,
            Supporting = [.. effects.Where(e => e.AppliedLr > 1).OrderByDescending(Strength).ThenBy(e => e.FindingId, StringComparer.Ordinal)],
            Conflicting = [.. effects.Where(e => e.AppliedLr < 1).OrderByDescending(Strength).ThenBy(e => e.FindingId, StringComparer.Ordinal)],
            Unconfirmed = [.. effects.Where(e => e.State == EvidenceState.Unknown)
                .OrderByDescending(Potential).ThenBy(e => e.FindingId, StringComparer.Ordinal)],
        };
    }

    /// <inheritdoc />
    public ConditionComparison Compare(Case patientCase, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        _knowledge.ValidateAndThrow(patientCase);
        var facts = CaseFacts.From(_knowledge, patientCase);
        var differential = ScoreCompiled(patientCase, out var uncounted);
        RankedCondition Find(string id, string name) =>
            differential.Ranked.FirstOrDefault(r => r.ConditionId == id)
            ?? throw new ArgumentException($"'{id}' is not a scored condition that applies to this person.", name);
        var a = Find(first, nameof(first));
        var b = Find(second, nameof(second));
        var pairsA = _pairsByCondition.GetValueOrDefault(first, []).Where(p => !uncounted.Contains(p)).ToDictionary(p => p.FindingId, StringComparer.Ordinal);
        var pairsB = _pairsByCondition.GetValueOrDefault(second, []).Where(p => !uncounted.Contains(p)).ToDictionary(p => p.FindingId, StringComparer.Ordinal);
        static double Applied(LikelihoodPair? pair, EvidenceState state) =>
            pair is null ? 1.0 : state == EvidenceState.Present ? pair.LrPositive : pair.LrNegative;
        var items = pairsA.Keys.Union(pairsB.Keys, StringComparer.Ordinal)
            .Select(f => (Finding: f, State: facts.StateOf(f)))
            .Where(x => x.State != EvidenceState.Unknown)
            .Select(x => new ComparisonItem
            {
                FindingId = x.Finding,
                State = x.State,
                LrFirst = Applied(pairsA.GetValueOrDefault(x.Finding), x.State),
                LrSecond = Applied(pairsB.GetValueOrDefault(x.Finding), x.State),
            })
            .Where(i => i.LrFirst != i.LrSecond)
            .OrderByDescending(i => Math.Abs(i.LogRatio))
            .ThenBy(i => i.FindingId, StringComparer.Ordinal)
            .ToImmutableArray();
        return new ConditionComparison { First = first, Second = second, LogPriorRatio = Math.Log(a.Prior / b.Prior), Items = items };
    }

    /// <summary>The condition ids in the order <see cref="ScoreInto"/> writes probabilities.</summary>
    public ImmutableArray<string> ConditionOrder => _knowledge.Compiled.ConditionIds;

    /// <summary>Scores a case into a caller-provided buffer, one probability per condition in <see cref="ConditionOrder"/>
    /// (0 for conditions that do not apply); allocates nothing for a valid case.</summary>
    /// <param name="patientCase">The case.</param>
    /// <param name="probabilities">The buffer; at least <see cref="ConditionOrder"/>.Length long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is too short.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    public void ScoreInto(Case patientCase, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        var model = _knowledge.Compiled;
        var n = model.Conditions.Length;
        if (probabilities.Length < n)
        {
            throw new ArgumentException($"The buffer needs at least {n} elements.", nameof(probabilities));
        }

        Span<sbyte> states = model.FindingCount <= 1024 ? stackalloc sbyte[model.FindingCount] : new sbyte[model.FindingCount];
        Span<int> held = model.FindingCount <= 1024 ? stackalloc int[model.FindingCount] : new int[model.FindingCount];
        var count = model.Load(patientCase, states, held);
        if (count < 0)
        {
            _knowledge.ValidateAndThrow(patientCase);
        }

        Span<double> logPrior = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> sum = n <= 256 ? stackalloc double[n] : new double[n];
        model.Score(patientCase.Profile, patientCase.Setting, states, held[..count], logPrior, sum);
        CompiledModel.Normalize(logPrior, sum, probabilities[..n]);
    }

    // Uncounted: the answered pairs scoring left out (siblings of a present option of one variable, items of a determined
    // cluster), so explanations show only what was counted.
    private RankedDifferential ScoreCompiled(Case patientCase, out HashSet<LikelihoodPair> uncounted)
    {
        var model = _knowledge.Compiled;
        var n = model.Conditions.Length;
        var states = new sbyte[model.FindingCount];
        var held = new int[model.FindingCount];
        var count = model.Load(patientCase, states, held);
        if (count < 0)
        {
            _knowledge.ValidateAndThrow(patientCase);
        }

        var logPrior = new double[n];
        var sum = new double[n];
        var probabilities = new double[n];
        var priors = new double[n];
        var counted = new bool[model.Pairs.Length];
        model.Score(patientCase.Profile, patientCase.Setting, states, held.AsSpan(0, count), logPrior, sum, priors, counted);
        CompiledModel.Normalize(logPrior, sum, probabilities);
        var contributions = new List<Contribution>[n];
        uncounted = new HashSet<LikelihoodPair>(ReferenceEqualityComparer.Instance);
        foreach (var f in held.AsSpan(0, count))
        {
            var state = CompiledModel.ToState(states[f]);
            for (var p = model.PairStart[f]; p < model.PairStart[f + 1]; p++)
            {
                var pair = model.Pairs[p];
                if (!counted[p])
                {
                    uncounted.Add(pair);
                    continue;
                }

                // A ratio of exactly 1 (an absence a pair leaves neutral) moved nothing and is not listed.
                var ratio = state == EvidenceState.Present ? pair.LrPositive : pair.LrNegative;
                if (ratio == 1)
                {
                    continue;
                }

                (contributions[model.PairCondition[p]] ??= []).Add(new Contribution
                {
                    FindingId = pair.FindingId, State = state, LikelihoodRatio = ratio,
                    SourceKey = pair.SourceKey, Grade = pair.Grade, BackgroundSourceKey = pair.BackgroundSourceKey, BackgroundGrade = pair.BackgroundGrade,
                    FrequencyBand = pair.FrequencyBand,
                });
            }
        }

        var ranked = new List<RankedCondition>(n);
        var notApplicable = ImmutableArray.CreateBuilder<string>();
        for (var c = 0; c < n; c++)
        {
            if (double.IsNegativeInfinity(logPrior[c]))
            {
                notApplicable.Add(model.ConditionIds[c]);
                continue;
            }

            var prior = priors[c];
            ranked.Add(new RankedCondition
            {
                ConditionId = model.ConditionIds[c],
                ConditionName = model.Conditions[c].Name,
                Probability = probabilities[c],
                Prior = prior,
                LogOdds = Math.Log(prior / (1 - prior)) + sum[c],
                Contributions = contributions[c] is null ? [] : [.. contributions[c].OrderByDescending(x => Math.Abs(x.LogLikelihoodRatio)).ThenBy(x => x.FindingId, StringComparer.Ordinal)],
            });
        }

        return new RankedDifferential
        {
            Ranked = [.. ranked.OrderByDescending(r => r.Probability).ThenBy(r => r.ConditionId, StringComparer.Ordinal)],
            NotApplicable = notApplicable.ToImmutable(),
        };
    }
}
