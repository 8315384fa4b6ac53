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

    public static CaseFacts From(KnowledgeBase knowledge, Case patientCase)
    {
        var states = new Dictionary<string, EvidenceState>(StringComparer.Ordinal);
        foreach (var item in patientCase.Evidence)
        {
            if (item.State != EvidenceState.Unknown)
            {
                states[item.FindingId] = item.State;
            }
        }

        foreach (var composite in knowledge.CompositeFindings)
        {
            var state = DeriveComposite(composite.Composite!, states, patientCase.Profile);
            if (state != EvidenceState.Unknown)
            {
                states[composite.Id] = state;
            }
        }

        return new CaseFacts(patientCase, states);
    }

    internal static EvidenceState DeriveComposite(CompositeRule rule, IReadOnlyDictionary<string, EvidenceState> states, PatientProfile profile)
    {
        int present = 0, unknown = 0;
        foreach (var id in rule.Of)
        {
            var state = states.TryGetValue(id, out var s) ? s : EvidenceState.Unknown;
            if (state == EvidenceState.Present)
            {
                present++;
            }
            else if (state == EvidenceState.Unknown)
            {
                unknown++;
            }
        }

        if (rule.AgeAbove is int age && profile.Age > age)
        {
            present++;
        }

        return present >= rule.AtLeast ? EvidenceState.Present
            : present + unknown < rule.AtLeast ? EvidenceState.Absent
            : EvidenceState.Unknown;
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
