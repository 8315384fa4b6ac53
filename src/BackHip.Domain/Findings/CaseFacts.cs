namespace BackHip.Domain;

/// <summary>The answers of a validated case with composite findings derived: what rules and engines read.</summary>
internal sealed class CaseFacts
{
    private readonly Dictionary<string, EvidenceState> _states;

    private CaseFacts(Case patientCase, Dictionary<string, EvidenceState> states)
    {
        Case = patientCase;
        Profile = patientCase.Profile;
        _states = states;
    }

    public Case Case { get; }

    public PatientProfile Profile { get; }

    public IReadOnlyDictionary<string, EvidenceState> States => _states;

    public EvidenceState StateOf(string findingId) =>
        _states.TryGetValue(findingId, out var state) ? state : EvidenceState.Unknown;

    /// <summary>The facts of a case, composites derived by the compiled model (one derivation for every engine).</summary>
    /// <exception cref="BackHipValidationException">The case is invalid for the knowledge base.</exception>
    public static CaseFacts From(KnowledgeBase knowledge, Case patientCase)
    {
        var model = knowledge.Compiled;
        var states = new sbyte[model.FindingCount];
        var held = new int[model.FindingCount];
        var count = model.Load(patientCase, states, held);
        if (count < 0)
        {
            knowledge.ValidateAndThrow(patientCase);
        }

        var facts = new Dictionary<string, EvidenceState>(count, StringComparer.Ordinal);
        foreach (var f in held.AsSpan(0, count))
        {
            facts[knowledge.Findings[f].Id] = Compiled.CompiledModel.ToState(states[f]);
        }

        return new CaseFacts(patientCase, facts);
    }
}

/// <summary>A read-only view of a case's answers: over <see cref="CaseFacts"/>, or over a span of states indexed by
/// the compiled model (the allocation-free path).</summary>
internal readonly ref struct FactView
{
    private readonly CaseFacts? _facts;
    private readonly ReadOnlySpan<sbyte> _states;
    private readonly System.Collections.Frozen.FrozenDictionary<string, int>? _index;

    public FactView(CaseFacts facts)
    {
        _facts = facts;
        Profile = facts.Profile;
    }

    public FactView(PatientProfile profile, ReadOnlySpan<sbyte> states, System.Collections.Frozen.FrozenDictionary<string, int> index)
    {
        Profile = profile;
        _states = states;
        _index = index;
    }

    public PatientProfile Profile { get; }

    public EvidenceState StateOf(string findingId) =>
        _facts is not null ? _facts.StateOf(findingId)
        : _index!.TryGetValue(findingId, out var i) ? Compiled.CompiledModel.ToState(_states[i]) : EvidenceState.Unknown;
}
