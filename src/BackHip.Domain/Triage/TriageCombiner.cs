using System.Globalization;
using BackHip.Domain.Differential;

namespace BackHip.Domain.Triage;

/// <summary>Combines red-flag triage with a differential; implementations may raise the level but never lower it.</summary>
public interface ITriageCombiner
{
    /// <summary>Combines a triage result with the differential of the same case.</summary>
    /// <param name="triage">The red-flag result.</param>
    /// <param name="differential">The differential for the same case.</param>
    /// <returns>The combined result, never at a lower level than <paramref name="triage"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    TriageResult Combine(TriageResult triage, RankedDifferential differential);
}

/// <summary>
/// The probability at which a condition raises triage to its <see cref="Condition.CareLevel"/>, one threshold per level.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. The thresholds follow the threshold approach to referral (Pauker and Kassirer 1980):
/// refer when the probability exceeds cost(unneeded referral) / (cost(unneeded referral) + cost(missed condition)).
/// The ratios are team estimates, not measured costs: missing a condition that needs an emergency department
/// (aneurysm, septic joint, cauda equina) is taken as about 50 times worse than an unneeded visit (2%); missing one that
/// needs a doctor within 24 hours about 20 times worse (5%); missing one that needs a booked appointment about 3 times
/// worse (25%).</para>
/// <para>Thresholds must fall as urgency rises: <see cref="Emergency"/> ≤ <see cref="Consultation24"/> ≤ <see cref="Consultation"/>.</para>
/// </remarks>
public sealed record CareLevelThresholds
{
    /// <summary>The default thresholds: 2% for emergency care levels, 5% for 24 hours, 25% for a booked appointment.</summary>
    public static CareLevelThresholds Default { get; } = new();

    /// <summary>The probability at which a condition whose care level is <see cref="TriageLevel.Emergency"/> or
    /// <see cref="TriageLevel.EmergencyAmbulance"/> raises triage to that level.</summary>
    /// <value>The default value is 0.02.</value>
    public double Emergency { get; init; } = 0.02;

    /// <summary>The probability at which a condition whose care level is <see cref="TriageLevel.Consultation24"/> raises triage to it.</summary>
    /// <value>The default value is 0.05.</value>
    public double Consultation24 { get; init; } = 0.05;

    /// <summary>The probability at which a condition whose care level is <see cref="TriageLevel.Consultation"/> raises self-care to it.</summary>
    /// <value>The default value is 0.25.</value>
    public double Consultation { get; init; } = 0.25;

    /// <summary>The threshold for a care level, or <see langword="null"/> for <see cref="TriageLevel.SelfCare"/> (which never raises).</summary>
    /// <param name="level">The care level.</param>
    /// <returns>The probability threshold, or <see langword="null"/>.</returns>
    public double? For(TriageLevel level) => level switch
    {
        TriageLevel.EmergencyAmbulance or TriageLevel.Emergency => Emergency,
        TriageLevel.Consultation24 => Consultation24,
        TriageLevel.Consultation => Consultation,
        _ => null,
    };

    /// <summary>Lists what is wrong with these thresholds: each must be in (0, 1], and they must not rise with urgency.</summary>
    /// <returns>One message per problem; empty when valid.</returns>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(double value, string name)
        {
            if (!(value > 0 && value <= 1))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"The {name} threshold must be in (0, 1] (found {value})."));
            }
        }

        Check(Emergency, nameof(Emergency));
        Check(Consultation24, nameof(Consultation24));
        Check(Consultation, nameof(Consultation));
        if (Emergency > Consultation24 || Consultation24 > Consultation)
        {
            problems.Add("Thresholds must not rise with urgency: Emergency <= Consultation24 <= Consultation.");
        }

        return problems;
    }
}

/// <summary>
/// Combines red-flag triage with a differential: every condition whose escalation probability reaches the threshold for
/// its care level raises triage to that level; nothing lowers it.
/// </summary>
/// <remarks>
/// <para>Stateless and thread-safe. The escalation probability of a condition is its own posterior against every other
/// explanation (prior odds times the likelihood ratios of the answers that bear on it), not its share of the normalized
/// differential: a finding with no likelihood pair for a condition leaves that condition's escalation untouched, so an
/// unrelated answer can never pull a serious condition below its threshold.</para>
/// <para>It is also conservative: a present finding counts only when it raises the condition (likelihood ratio above 1);
/// evidence against a condition counts only when it is stated absent. So adding a present finding never lowers any
/// condition's escalation probability, and the combined level is monotone in present findings.</para>
/// <para>A serious condition that raises triage is added to <see cref="TriageResult.SeriousConditionsNotExcluded"/>;
/// every raise is recorded in <see cref="TriageResult.Escalations"/>. Decision support and education, not a diagnosis.</para>
/// </remarks>
public sealed class TriageCombiner : ITriageCombiner
{
    private readonly KnowledgeBase _knowledge;
    private readonly CareLevelThresholds _thresholds;

    /// <summary>Creates a combiner.</summary>
    /// <param name="knowledge">The knowledge base the differential comes from.</param>
    /// <param name="thresholds">The thresholds per care level; <see langword="null"/> for <see cref="CareLevelThresholds.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="thresholds"/> has a problem (see <see cref="CareLevelThresholds.Problems"/>).</exception>
    public TriageCombiner(KnowledgeBase knowledge, CareLevelThresholds? thresholds = null)
    {
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _thresholds = Checked(thresholds ?? CareLevelThresholds.Default);
    }

    /// <inheritdoc />
    public TriageResult Combine(TriageResult triage, RankedDifferential differential) =>
        Combine(triage, differential, _knowledge, _thresholds);

    /// <summary>Raises the triage level to the care level of every condition whose escalation probability reaches its threshold.</summary>
    /// <param name="triage">The red-flag result.</param>
    /// <param name="differential">The differential for the same case.</param>
    /// <param name="knowledge">The knowledge base both came from.</param>
    /// <param name="thresholds">The thresholds per care level; <see langword="null"/> for <see cref="CareLevelThresholds.Default"/>.</param>
    /// <returns>The combined result, never at a lower level than <paramref name="triage"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="triage"/>, <paramref name="differential"/> or <paramref name="knowledge"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="thresholds"/> has a problem.</exception>
    public static TriageResult Combine(TriageResult triage, RankedDifferential differential, KnowledgeBase knowledge, CareLevelThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(differential);
        ArgumentNullException.ThrowIfNull(knowledge);
        var limits = Checked(thresholds ?? CareLevelThresholds.Default);
        var result = triage;
        foreach (var ranked in differential.Ranked)
        {
            var condition = knowledge.GetCondition(ranked.ConditionId);
            var care = condition.CareLevel.Level;
            var threshold = limits.For(care);
            if (threshold is null)
            {
                continue;
            }

            var probability = EscalationProbability(ranked);
            if (probability >= threshold.Value)
            {
                result = result.RaiseTo(
                    care,
                    string.Create(CultureInfo.InvariantCulture, $"{ranked.ConditionId} reaches {probability:P1} against every other explanation, at or above the {threshold.Value:P0} threshold for its care level ({care})."),
                    condition.IsSerious ? ranked.ConditionId : null);
            }
        }

        // A grouping (such as spinal-infection) escalates as it did before it was split: its children's evidence is
        // mixed by their priors, so the group against every other explanation reaches the grouping's care level when
        // the children together would have.
        foreach (var grouping in knowledge.Conditions.Where(c => c.IsGrouping))
        {
            var care = grouping.CareLevel.Level;
            var threshold = limits.For(care);
            if (care <= result.Level || threshold is null)
            {
                continue;
            }

            var probability = GroupEscalationProbability(differential.Ranked.Where(r => knowledge.GroupingsOf(r.ConditionId).Contains(grouping.Id)));
            if (probability >= threshold.Value)
            {
                result = result.RaiseTo(
                    care,
                    string.Create(CultureInfo.InvariantCulture, $"{grouping.Id} (its conditions together) reaches {probability:P1} against every other explanation, at or above the {threshold.Value:P0} threshold for its care level ({care})."),
                    grouping.IsSerious ? grouping.Id : null);
            }
        }

        return result;
    }

    /// <summary>
    /// The escalation probability of a group of conditions taken together: the prior-weighted mixture of each one's
    /// escalation evidence (as in <see cref="EscalationProbability"/>) against every other explanation.
    /// </summary>
    /// <param name="members">The scored members of the group.</param>
    /// <returns>The probability, in [0, 1]; 0 for an empty group.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> is null.</exception>
    public static double GroupEscalationProbability(IEnumerable<RankedCondition> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        double weighted = 0, priors = 0;
        foreach (var ranked in members)
        {
            if (!(ranked.Prior > 0))
            {
                continue;
            }

            priors += ranked.Prior;
            weighted += ranked.Prior * Math.Exp(ConservativeLogLikelihood(ranked));
        }

        // Stryker disable once Equality : equivalent; for weighted == 0 both branches give 0
        return weighted > 0 ? weighted / (weighted + Math.Max(1 - priors, 0.001)) : 0;
    }

    /// <summary>
    /// A condition's escalation probability: its posterior against every other explanation, counting present findings
    /// only where they raise it and absent findings as stated.
    /// </summary>
    /// <param name="ranked">The condition as scored in a differential.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ranked"/> is null.</exception>
    public static double EscalationProbability(RankedCondition ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (!(ranked.Prior > 0))
        {
            return 0;
        }

        var logOdds = Math.Log(ranked.Prior) - Math.Log(1 - Math.Min(ranked.Prior, 0.999)) + ConservativeLogLikelihood(ranked);
        return 1 / (1 + Math.Exp(-logOdds));
    }

    // The evidence the escalation counts: present findings only where they raise the condition, absent ones as stated.
    internal static double ConservativeLogLikelihood(RankedCondition ranked)
    {
        var sum = 0.0;
        foreach (var c in ranked.Contributions)
        {
            var ln = c.LogLikelihoodRatio;
            sum += c.State == EvidenceState.Present ? Math.Max(ln, 0) : ln;
        }

        return sum;
    }

    private static CareLevelThresholds Checked(CareLevelThresholds thresholds)
    {
        var problems = thresholds.Problems();
        return problems.Count == 0 ? thresholds : throw new ArgumentException(string.Join(" ", problems), nameof(thresholds));
    }
}
