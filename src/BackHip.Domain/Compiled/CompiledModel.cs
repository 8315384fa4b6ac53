using System.Collections.Frozen;
using System.Collections.Immutable;
using BackHip.Domain.Differential;

namespace BackHip.Domain.Compiled;

/// <summary>
/// The knowledge base compiled once into flat arrays: finding and condition indices, log priors, and per finding the
/// conditions it has pairs with and their log likelihood ratios. Scoring touches only the evidence a case holds.
/// </summary>
internal sealed class CompiledModel
{
    // Finding states in a span: 0 not given, 1 present, 2 absent, 3 given as unknown.
    internal const sbyte NotGiven = 0;
    internal const sbyte Present = 1;
    internal const sbyte Absent = 2;
    internal const sbyte GivenUnknown = 3;

    private CompiledModel(
        string[] findingIds,
        bool[] isComposite,
        ImmutableArray<string> conditionIds,
        Condition[] conditions,
        double[] basePrior,
        (Criterion When, double Factor)[][] modifiers,
        int[] pairStart,
        int[] pairCondition,
        double[] lnPositive,
        double[] lnNegative,
        LikelihoodPair[] pairs,
        (int Index, int[] Items, int? AgeAbove, int AtLeast)[] composites,
        int[] groupOf,
        int groupCount,
        AgeCurve?[] ageCurves,
        int[] variableOf,
        int variableCount,
        int[] shadowedBy)
    {
        AgeCurves = ageCurves;
        VariableOf = variableOf;
        VariableCount = variableCount;
        ShadowedBy = shadowedBy;
        ConditionIds = conditionIds;
        Conditions = conditions;
        BasePrior = basePrior;
        Modifiers = modifiers;
        PairStart = pairStart;
        PairCondition = pairCondition;
        LnPositive = lnPositive;
        LnNegative = lnNegative;
        Pairs = pairs;
        Composites = composites;
        GroupOf = groupOf;
        GroupCount = groupCount;
        FindingIndex = findingIds.Select((f, i) => (f, i)).ToFrozenDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        IsComposite = isComposite;
    }

    public FrozenDictionary<string, int> FindingIndex { get; }

    public int FindingCount => IsComposite.Length;

    public ImmutableArray<string> ConditionIds { get; }

    public Condition[] Conditions { get; }

    public double[] BasePrior { get; }

    public (Criterion When, double Factor)[][] Modifiers { get; }

    /// <summary>Pairs of finding f are [PairStart[f], PairStart[f + 1]).</summary>
    public int[] PairStart { get; }

    public int[] PairCondition { get; }

    public double[] LnPositive { get; }

    public double[] LnNegative { get; }

    public LikelihoodPair[] Pairs { get; }

    public (int Index, int[] Items, int? AgeAbove, int AtLeast)[] Composites { get; }

    public bool[] IsComposite { get; }

    public int[] GroupOf { get; }

    public int GroupCount { get; }

    /// <summary>Per condition, its age curve (null: age does not change its prior).</summary>
    public AgeCurve?[] AgeCurves { get; }

    /// <summary>Per pair on a narrower finding (see <see cref="LikelihoodModel.Nested"/>), the index of the same condition's
    /// pair on the broader finding, or -1 (not narrower, or the condition has no broader pair).</summary>
    public int[] NestedBroadPair { get; init; } = [];

    /// <summary>Per finding, the index of the broader finding it is narrower than (see <see cref="LikelihoodModel.Nested"/>), or -1.</summary>
    public int[] BroaderOf { get; init; } = [];

    /// <summary><see langword="true"/> when some condition has pairs on both a narrower and its broader finding.</summary>
    public bool HasNested { get; init; }

    /// <summary>Per finding, the index of the variable it belongs to (see <see cref="LikelihoodModel.Variables"/>), or -1.</summary>
    public int[] VariableOf { get; }

    public int VariableCount { get; }

    /// <summary>Per variable, <see langword="true"/> when it is a one-of question (its options exclude each other, coarse
    /// options that restate them included): an option answered absent then still counts for a condition that has no pair
    /// for the present option.</summary>
    public bool[] VariableExclusive { get; private init; } = [];

    /// <summary>Per one-of question group (indexed as <see cref="GroupOf"/>), the finding indices of its options: one
    /// option answered present implies every unanswered sibling absent, since the options exclude each other.</summary>
    public int[][] GroupOptions { get; private init; } = [];

    /// <summary>Per pair, the finding index of a cluster (composite) that has a pair with the same condition and holds this
    /// pair's finding as an item, or -1: when the cluster is determined for a case, the item's pair is not counted.</summary>
    public int[] ShadowedBy { get; }

    private const int SettingSlots = 5;

    /// <summary>Per care setting, the base prevalence of every condition in that setting (its setting prior where it has
    /// one, else its default), or null when no condition has a prior for the setting (the default array applies).</summary>
    public double[]?[] SettingBasePrior { get; private init; } = new double[]?[SettingSlots - 1];

    // Log priors and priors per profile (age 0-120 × sex × pregnancy) and setting slot (0 default, 1 + setting for a
    // setting some prior names), computed on first use; modifiers and applicability read only the profile, so scoring a
    // case needs no log or modifier evaluation per condition.
    private readonly PriorEntry?[] _priorCache = new PriorEntry?[121 * 6 * SettingSlots];

    /// <summary>The slot of a setting: 0 (the default priors) when not stated, not defined, or when no prior names it.</summary>
    private int SlotOf(CareSetting? setting) =>
        setting is { } s && unchecked((uint)s) < SettingSlots - 1 && SettingBasePrior[(int)s] is not null ? (int)s + 1 : 0;

    public PriorEntry PriorsFor(PatientProfile profile, CareSetting? setting = null)
    {
        var slot = SlotOf(setting);
        var key = (((profile.Age * 6) + ((int)profile.Sex * 2) + (profile.IsPregnant ? 1 : 0)) * SettingSlots) + slot;
        var cached = Volatile.Read(ref _priorCache[key]);
        if (cached is not null)
        {
            return cached;
        }

        if (profile.Sex == Sex.Unknown)
        {
            // Not stated: each condition's prior is the mean of its female and male priors.
            var female = PriorsFor(profile with { Sex = Sex.Female }, setting);
            var male = PriorsFor(profile with { Sex = Sex.Male, IsPregnant = false }, setting);
            var mixedPrior = new double[Conditions.Length];
            var mixedLog = new double[Conditions.Length];
            for (var c = 0; c < Conditions.Length; c++)
            {
                mixedPrior[c] = (female.Prior[c] + male.Prior[c]) / 2;
                mixedLog[c] = mixedPrior[c] > 0 ? Math.Log(mixedPrior[c]) : double.NegativeInfinity;
            }

            var mixed = new PriorEntry(mixedLog, mixedPrior);
            Volatile.Write(ref _priorCache[key], mixed);
            return mixed;
        }

        var logPrior = new double[Conditions.Length];
        var priors = new double[Conditions.Length];
        var view = new FactView(profile, [], FindingIndex);
        var basePrior = slot == 0 ? BasePrior : SettingBasePrior[slot - 1]!;
        for (var c = 0; c < Conditions.Length; c++)
        {
            if (!Conditions[c].Applicability.Admits(profile))
            {
                logPrior[c] = double.NegativeInfinity;
                continue;
            }

            var prior = basePrior[c] * (AgeCurves[c]?.FactorAt(profile.Age) ?? 1.0);
            foreach (var (when, factor) in Modifiers[c])
            {
                if (when.Evaluate(view) == Truth.True)
                {
                    prior *= factor;
                }
            }

            priors[c] = Math.Min(prior, 0.999);
            logPrior[c] = Math.Log(priors[c]);
        }

        var entry = new PriorEntry(logPrior, priors);
        Volatile.Write(ref _priorCache[key], entry);
        return entry;
    }

    public static EvidenceState ToState(sbyte s) => s switch { Present => EvidenceState.Present, Absent => EvidenceState.Absent, _ => EvidenceState.Unknown };

    public static CompiledModel Compile(KnowledgeBase knowledge)
    {
        var scored = knowledge.Conditions.Where(c => !c.IsGrouping).ToArray();
        var conditionIndex = scored.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var findingIndex = knowledge.Findings.Select((f, i) => (f.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var priors = knowledge.Likelihoods.Priors.ToDictionary(p => p.ConditionId, StringComparer.Ordinal);
        var basePrior = scored.Select(c => priors[c.Id].Prevalence).ToArray();
        var modifiers = scored.Select(c => priors[c.Id].Modifiers.Select(m => (m.When, m.Factor)).ToArray()).ToArray();
        var byFinding = knowledge.Likelihoods.Pairs
            .Where(p => conditionIndex.ContainsKey(p.ConditionId))
            .GroupBy(p => findingIndex[p.FindingId])
            .ToDictionary(g => g.Key, g => g.OrderBy(p => conditionIndex[p.ConditionId]).ToArray());
        var findingCount = knowledge.Findings.Length;
        var pairStart = new int[findingCount + 1];
        var pairs = new List<LikelihoodPair>();
        for (var f = 0; f < findingCount; f++)
        {
            pairStart[f] = pairs.Count;
            if (byFinding.TryGetValue(f, out var list))
            {
                pairs.AddRange(list);
            }
        }

        pairStart[findingCount] = pairs.Count;
        var composites = knowledge.Findings
            .Select((f, i) => (f, i))
            .Where(x => x.f.Composite is not null)
            .Select(x => (x.i, x.f.Composite!.Of.Select(o => findingIndex[o]).ToArray(), x.f.Composite.AgeAbove, x.f.Composite.AtLeast))
            .ToArray();
        var ageCurves = scored.Select(c => priors[c.Id].AgeCurve).ToArray();
        var variables = knowledge.Likelihoods.Variables;
        var variableOf = Enumerable.Repeat(-1, findingCount).ToArray();
        for (var v = 0; v < variables.Length; v++)
        {
            foreach (var id in variables[v].FindingIds)
            {
                variableOf[findingIndex[id]] = v;
            }
        }

        var oneOf = knowledge.QuestionGroups.Where(g => g.Mode == SelectionMode.OneOf).ToList();
        var exclusive = variables.Select(v => oneOf.Any(g => g.Id == v.Id)).ToArray();
        var groupOf = Enumerable.Repeat(-1, findingCount).ToArray();
        for (var g = 0; g < oneOf.Count; g++)
        {
            foreach (var option in oneOf[g].Options)
            {
                groupOf[findingIndex[option.FindingId]] = g;
            }
        }

        // A cluster and its items measure the same thing: where a condition has pairs for both, the cluster's (measured as
        // one instrument) wins whenever the case determines it, and the items count only while it is undetermined.
        var pairKeys = pairs.Select(p => (p.ConditionId, p.FindingId)).ToHashSet();
        var shadowedBy = pairs.Select(p => composites
                .Where(k => k.Item2.Contains(findingIndex[p.FindingId]) && pairKeys.Contains((p.ConditionId, knowledge.Findings[k.i].Id)))
                .Select(k => k.i).DefaultIfEmpty(-1).First())
            .ToArray();
        // Nested findings (a yes to the narrower is a yes to the broader): per narrower pair, its broader finding and the same
        // condition's broader pair.
        var broaderOf = Enumerable.Repeat(-1, findingCount).ToArray();
        foreach (var entry in knowledge.Likelihoods.Nested)
        {
            foreach (var id in entry.NarrowerIds)
            {
                broaderOf[findingIndex[id]] = findingIndex[entry.BroadId];
            }
        }

        var pairIndex = pairs.Select((p, i) => (p, i)).GroupBy(x => (x.p.ConditionId, x.p.FindingId)).ToDictionary(g => g.Key, g => g.First().i);
        var nestedBroadPair = pairs.Select(p => broaderOf[findingIndex[p.FindingId]] is var b && b >= 0 && pairIndex.TryGetValue((p.ConditionId, knowledge.Findings[b].Id), out var q) ? q : -1).ToArray();
        var settingBase = new double[]?[SettingSlots - 1];
        foreach (var setting in Enum.GetValues<CareSetting>())
        {
            if (scored.Any(c => priors[c.Id].InSetting(setting) is not null))
            {
                settingBase[(int)setting] = [.. scored.Select(c => priors[c.Id].InSetting(setting)?.Prevalence ?? priors[c.Id].Prevalence)];
            }
        }

        return new CompiledModel(
            [.. knowledge.Findings.Select(f => f.Id)], [.. knowledge.Findings.Select(f => f.IsComposite)], [.. scored.Select(c => c.Id)], scored, basePrior, modifiers, pairStart,
            [.. pairs.Select(p => conditionIndex[p.ConditionId])], [.. pairs.Select(p => Math.Log(p.LrPositive))], [.. pairs.Select(p => Math.Log(p.LrNegative))],
            [.. pairs], composites, groupOf, oneOf.Count, ageCurves, variableOf, variables.Length, shadowedBy)
        {
            SettingBasePrior = settingBase,
            VariableExclusive = exclusive,
            BroaderOf = broaderOf,
            NestedBroadPair = nestedBroadPair,
            HasNested = nestedBroadPair.Any(q => q >= 0),
            GroupOptions = [.. oneOf.Select(g => g.Options.Select(o => findingIndex[o.FindingId]).ToArray())],
        };
    }

    /// <summary>A synthetic model of a given size for scaling benchmarks: random priors and pairs, no composites.</summary>
    public static CompiledModel CreateSynthetic(int conditionCount, int findingCount, int pairsPerFinding, int seed)
    {
        var random = new Random(seed);
        var conditions = Enumerable.Range(0, conditionCount)
            .Select(i => new Condition($"c{i}", $"Condition {i}", [], ConditionCategory.Mechanical, [BodyRegion.LowerBack], new TypicalProfile { Summary = "synthetic" }, Applicability.Everyone, [], null, "synthetic", false, false, null, [], new CareLevel { Level = Triage.TriageLevel.SelfCare, Grade = EvidenceGrade.Estimate, SourceKeys = [], Rationale = "synthetic" }))
            .ToArray();
        var pairStart = new int[findingCount + 1];
        var pairCondition = new List<int>();
        var lnPositive = new List<double>();
        var lnNegative = new List<double>();
        for (var f = 0; f < findingCount; f++)
        {
            pairStart[f] = pairCondition.Count;
            foreach (var c in Enumerable.Range(0, conditionCount).OrderBy(_ => random.Next()).Take(Math.Min(pairsPerFinding, conditionCount)).Order())
            {
                pairCondition.Add(c);
                lnPositive.Add(Math.Log(1 + (random.NextDouble() * 9)));
                lnNegative.Add(Math.Log(0.1 + (random.NextDouble() * 0.9)));
            }
        }

        pairStart[findingCount] = pairCondition.Count;
        return new CompiledModel(
            [.. Enumerable.Range(0, findingCount).Select(f => $"f{f}")], new bool[findingCount], [.. conditions.Select(c => c.Id)], conditions,
            [.. Enumerable.Range(0, conditionCount).Select(_ => 0.001 + (random.NextDouble() * 0.1))], [.. conditions.Select(_ => Array.Empty<(Criterion, double)>())],
            pairStart, [.. pairCondition], [.. lnPositive], [.. lnNegative], new LikelihoodPair[pairCondition.Count], [], Enumerable.Repeat(-1, findingCount).ToArray(), 0,
            new AgeCurve?[conditionCount], Enumerable.Repeat(-1, findingCount).ToArray(), 0, Enumerable.Repeat(-1, pairCondition.Count).ToArray());
    }

    /// <summary>Fills <paramref name="states"/> and <paramref name="held"/> from a case without allocating; false when the case is invalid.</summary>
    /// <returns>The number of answered findings written to <paramref name="held"/> (sorted), or -1 when invalid.</returns>
    public int Load(Case patientCase, Span<sbyte> states, Span<int> held)
    {
        states.Clear();
        var profile = patientCase.Profile;
        if (profile.Age is < 0 or > 120 || (profile.IsPregnant && profile.Sex == Sex.Male) || unchecked((uint)profile.Sex) > 2
            || (patientCase.Setting is { } setting && unchecked((uint)setting) >= SettingSlots - 1)
            || (patientCase.Instruments is { } instruments && !Instruments.InstrumentScoring.Validate(instruments).IsValid))
        {
            return -1;
        }

        Span<bool> groupUsed = stackalloc bool[Math.Max(GroupCount, 1)];
        groupUsed.Clear();
        var count = 0;
        foreach (var item in patientCase.Evidence)
        {
            if (item.FindingId is null || !FindingIndex.TryGetValue(item.FindingId, out var f) || IsComposite[f] || states[f] != NotGiven
                || unchecked((uint)item.State) > 2 || unchecked((uint)item.Origin) > 3)
            {
                return -1;
            }

            states[f] = item.State switch { EvidenceState.Present => Present, EvidenceState.Absent => Absent, _ => GivenUnknown };
            if (item.State == EvidenceState.Present && GroupOf[f] >= 0)
            {
                if (groupUsed[GroupOf[f]])
                {
                    return -1;
                }

                groupUsed[GroupOf[f]] = true;
            }

            if (item.State != EvidenceState.Unknown)
            {
                held[count++] = f;
            }
        }

        // A one-of question's options exclude each other: the option answered present makes every sibling not answered at
        // all absent ("under 2 weeks" is also "not over 12 weeks"), as the interview records the question. A sibling
        // answered "don't know" keeps that answer.
        for (var g = 0; g < GroupOptions.Length; g++)
        {
            if (!groupUsed[g])
            {
                continue;
            }

            foreach (var option in GroupOptions[g])
            {
                if (states[option] == NotGiven)
                {
                    states[option] = Absent;
                    held[count++] = option;
                }
            }
        }

        foreach (var (index, items, ageAbove, atLeast) in Composites)
        {
            int present = 0, unknown = 0;
            foreach (var i in items)
            {
                if (states[i] == Present)
                {
                    present++;
                }
                else if (states[i] != Absent)
                {
                    unknown++;
                }
            }

            if (ageAbove is int age && profile.Age > age)
            {
                present++;
            }

            var derived = present >= atLeast ? Present : present + unknown < atLeast ? Absent : NotGiven;
            if (derived != NotGiven)
            {
                states[index] = derived;
                held[count++] = index;
            }
        }

        held[..count].Sort();
        return count;
    }

    /// <summary>Log prior (after modifiers, in the case's setting) and summed log likelihood ratios per condition; -∞ when not applicable.</summary>
    /// <remarks>
    /// Findings of one variable count once: when one is answered present, absent answers of the others add nothing. For
    /// a one-of question, only the first present option (in knowledge-base order) with a pair counts for each condition;
    /// for a variable whose findings restate one sign (fever reported and measured), only the strongest answer counts for
    /// each condition (the largest LR+ among present answers, else the smallest LR- among absent ones), so a further
    /// answer the same way never moves a condition against it. An item's pair does
    /// not count for a condition whose cluster pair is determined by the case. <paramref name="counted"/>, when given
    /// (one flag per pair), records which pairs were counted.
    /// </remarks>
    public void Score(PatientProfile profile, CareSetting? setting, ReadOnlySpan<sbyte> states, ReadOnlySpan<int> held, Span<double> logPrior, Span<double> sum, Span<double> priors = default, Span<bool> counted = default)
    {
        var cached = PriorsFor(profile, setting);
        cached.LogPrior.CopyTo(logPrior);
        if (!priors.IsEmpty)
        {
            cached.Prior.CopyTo(priors);
        }

        var n = Conditions.Length;
        sum[..n].Clear();
        if (!counted.IsEmpty)
        {
            counted.Clear();
        }

        var vars = VariableCount;
        Span<bool> variablePresent = stackalloc bool[Math.Max(vars, 1)];
        variablePresent.Clear();
        foreach (var f in held)
        {
            if (VariableOf[f] >= 0 && states[f] == Present)
            {
                variablePresent[VariableOf[f]] = true;
            }
        }

        // Nested findings: a yes to a narrower finding leaves out the same condition's broader pair (the narrower pair holds
        // that fact), and a no to the broader finding leaves out the narrower pair's no (implied by it).
        var nested = HasNested;
        Span<bool> skipped = !nested ? default : Pairs.Length <= 8192 ? stackalloc bool[Pairs.Length] : new bool[Pairs.Length];
        if (nested)
        {
            skipped.Clear();
            foreach (var f in held)
            {
                if (states[f] != Present)
                {
                    continue;
                }

                for (var p = PairStart[f]; p < PairStart[f + 1]; p++)
                {
                    if (NestedBroadPair[p] >= 0)
                    {
                        skipped[NestedBroadPair[p]] = true;
                    }
                }
            }
        }

        var cells = n * vars;
        Span<bool> used = cells <= 4096 ? stackalloc bool[Math.Max(cells, 1)] : new bool[cells];
        used.Clear();

        // Findings that restate one sign (fever reported and measured): per condition, the pair with the largest LR+ among
        // present answers, or with none present the smallest LR- among absent ones, counts. A cell holds that pair's index
        // plus one (0: none yet); the cells set are listed in `touched`, so the pass that adds them visits only those, in
        // ascending order as a full scan would.
        // 4,096 cells (16 KB of stack) cover every condition times every variable of the default model with room to
        // spare (about 1,000 today); a larger model falls back to the heap rather than risk the stack.
        Span<int> strongest = cells <= 4096 ? stackalloc int[Math.Max(cells, 1)] : new int[cells];
        Span<int> touched = cells <= 4096 ? stackalloc int[Math.Max(cells, 1)] : new int[cells];
        strongest.Clear();
        var touchedCount = 0;
        foreach (var f in held)
        {
            var present = states[f] == Present;
            var v = VariableOf[f];
            if (v >= 0 && !present && variablePresent[v])
            {
                continue;
            }

            for (var p = PairStart[f]; p < PairStart[f + 1]; p++)
            {
                var c = PairCondition[p];
                if (ShadowedBy[p] >= 0 && states[ShadowedBy[p]] is Present or Absent)
                {
                    continue;
                }

                if (nested && (skipped[p] || (!present && NestedBroadPair[p] >= 0 && states[BroaderOf[f]] == Absent)))
                {
                    continue;
                }

                // Answers of a variable whose findings restate one sign count once per condition: the strongest, added
                // below. Present options of a one-of question count once per condition (the first in knowledge-base
                // order); its options answered absent are different facts and each counts.
                if (v >= 0 && !VariableExclusive[v])
                {
                    var cell = (c * vars) + v;
                    var best = strongest[cell] - 1;
                    if (best < 0)
                    {
                        touched[touchedCount++] = cell;
                        strongest[cell] = p + 1;
                    }
                    else if (present ? LnPositive[p] > LnPositive[best] : LnNegative[p] < LnNegative[best])
                    {
                        strongest[cell] = p + 1;
                    }

                    continue;
                }

                if (v >= 0 && present)
                {
                    if (used[(c * vars) + v])
                    {
                        continue;
                    }

                    used[(c * vars) + v] = true;
                }

                sum[c] += present ? LnPositive[p] : LnNegative[p];
                if (!counted.IsEmpty)
                {
                    counted[p] = true;
                }
            }
        }

        var set = touched[..touchedCount];
        set.Sort();
        foreach (var cell in set)
        {
            var p = strongest[cell] - 1;
            sum[PairCondition[p]] += variablePresent[cell % vars] ? LnPositive[p] : LnNegative[p];
            if (!counted.IsEmpty)
            {
                counted[p] = true;
            }
        }

        // A one-of question answered with an option a condition has no pair for still tells that condition which options
        // were answered no: "under 6 weeks" with "over 12 weeks: no" is also "not over 12 weeks". For such a condition the
        // options answered absent count (LR-); where the present option has a pair, it alone counts, as above. Separate
        // questions that measure one thing (fever reported and measured) are not exclusive and keep the rule above.
        foreach (var f in held)
        {
            var v = VariableOf[f];
            if (v < 0 || states[f] != Absent || !variablePresent[v] || !VariableExclusive[v])
            {
                continue;
            }

            for (var p = PairStart[f]; p < PairStart[f + 1]; p++)
            {
                var c = PairCondition[p];
                if (used[(c * vars) + v] || (ShadowedBy[p] >= 0 && states[ShadowedBy[p]] is Present or Absent))
                {
                    continue;
                }

                sum[c] += LnNegative[p];
                if (!counted.IsEmpty)
                {
                    counted[p] = true;
                }
            }
        }
    }

    /// <summary>Normalizes log weights into probabilities (0 for -∞).</summary>
    public static void Normalize(ReadOnlySpan<double> logPrior, ReadOnlySpan<double> sum, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        for (var c = 0; c < logPrior.Length; c++)
        {
            max = Math.Max(max, logPrior[c] + sum[c]);
        }

        double total = 0;
        for (var c = 0; c < logPrior.Length; c++)
        {
            var w = double.IsNegativeInfinity(logPrior[c]) ? 0 : Math.Exp(logPrior[c] + sum[c] - max);
            probabilities[c] = w;
            total += w;
        }

        for (var c = 0; c < logPrior.Length; c++)
        {
            probabilities[c] = total > 0 ? probabilities[c] / total : 0;
        }
    }
}

/// <summary>Log priors and priors of every condition for one profile.</summary>
internal sealed record PriorEntry(double[] LogPrior, double[] Prior);
