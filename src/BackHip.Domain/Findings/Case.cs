using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>Who the person is: age, sex and pregnancy.</summary>
/// <remarks>Equality is by value. Validation against a knowledge base rejects ages outside 0–120 and pregnancy with male sex.</remarks>
public sealed record PatientProfile
{
    /// <summary>Age in whole years, 0–120.</summary>
    public required int Age { get; init; }

    /// <summary>Sex.</summary>
    public required Sex Sex { get; init; }

    /// <summary><see langword="true"/> when the person is pregnant.</summary>
    public bool IsPregnant { get; init; }
}

/// <summary>One answer about one finding: present, absent or unknown, with where it came from.</summary>
/// <remarks>Equality is by value.</remarks>
public sealed record Evidence
{
    /// <summary>The finding's id.</summary>
    public required string FindingId { get; init; }

    /// <summary>The answer.</summary>
    public required EvidenceState State { get; init; }

    /// <summary><see langword="true"/> when this was part of the person's initial complaint.</summary>
    public bool IsInitial { get; init; }

    /// <summary>Where the answer came from.</summary>
    public EvidenceOrigin Origin { get; init; } = EvidenceOrigin.Interview;
}

/// <summary>A case: a person's profile and the evidence gathered about their lower-back or hip pain.</summary>
/// <remarks>
/// Immutable and thread-safe. A finding not listed is unknown, and listing it as <see cref="EvidenceState.Unknown"/>
/// means the same. Build one with <see cref="Case.For(int, Sex)"/> or <see cref="Case.Create"/>; validate it with
/// <see cref="KnowledgeBase.Validate(Case)"/>. Equality is by value, including evidence order.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "'Case' is the domain's word for a patient's presentation; C# callers use it without escaping.")]
public sealed class Case : IEquatable<Case>
{
    private Case(PatientProfile profile, ImmutableArray<Evidence> evidence, Instruments.InstrumentResponses? instruments, string? id = null, CareSetting? setting = null)
    {
        Id = id;
        Setting = setting;
        Profile = profile;
        Evidence = evidence;
        Instruments = instruments;
    }

    /// <summary>The person.</summary>
    public PatientProfile Profile { get; }

    /// <summary>The evidence, in the order it was given.</summary>
    public ImmutableArray<Evidence> Evidence { get; }

    /// <summary>Validated questionnaire answers (STarT Back, Oswestry, Roland-Morris, pain scale), if the case carries any.</summary>
    public Instruments.InstrumentResponses? Instruments { get; }

    /// <summary>An optional identifier supplied by the caller (a record number, a row id), echoed in the assessment, the
    /// JSON Lines output and the CSV so results join back to their input; <see langword="null"/> when not given.</summary>
    /// <remarks>At most 200 characters, without control characters (checked by <see cref="KnowledgeBase.Validate(Case)"/>).
    /// Never interpreted.</remarks>
    public string? Id { get; }

    /// <summary>Where the case is assessed, or <see langword="null"/> when not stated: the model's default setting (primary
    /// care or self-assessment) and its default priors.</summary>
    /// <remarks>A stated setting changes only the priors of conditions for which likelihoods.json gives a prevalence in that
    /// setting; red-flag rules never read it.</remarks>
    public CareSetting? Setting { get; }

    /// <summary>Creates a case from a profile and evidence. Nothing is checked against a knowledge base here.</summary>
    /// <param name="profile">The person.</param>
    /// <param name="evidence">The evidence.</param>
    /// <returns>The case.</returns>
    /// <param name="instruments">Questionnaire answers, if any.</param>
    /// <param name="setting">Where the case is assessed, or <see langword="null"/> when not stated (see <see cref="Setting"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> or <paramref name="evidence"/> is null, or an item is null.</exception>
    public static Case Create(PatientProfile profile, IEnumerable<Evidence> evidence, Instruments.InstrumentResponses? instruments = null, CareSetting? setting = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(evidence);
        var items = evidence.ToImmutableArray();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(evidence));
        }

        return new Case(profile, items, instruments, setting: setting);
    }

    /// <summary>A copy of this case with an identifier (see <see cref="Id"/>).</summary>
    /// <param name="id">The identifier, or <see langword="null"/> for none.</param>
    /// <returns>The new case.</returns>
    public Case WithId(string? id) => new(Profile, Evidence, Instruments, id, Setting);

    /// <summary>A copy of this case assessed in a setting (see <see cref="Setting"/>).</summary>
    /// <param name="setting">The setting, or <see langword="null"/> for not stated.</param>
    /// <returns>The new case.</returns>
    public Case WithSetting(CareSetting? setting) => new(Profile, Evidence, Instruments, Id, setting);

    /// <summary>Starts a fluent builder for a person of this age and sex.</summary>
    /// <param name="age">Age in years.</param>
    /// <param name="sex">Sex.</param>
    /// <returns>A new builder.</returns>
    public static CaseBuilder For(int age, Sex sex) => new(new PatientProfile { Age = age, Sex = sex });

    /// <summary>The answer recorded for a finding, or <see cref="EvidenceState.Unknown"/> when none is.</summary>
    /// <param name="findingId">The finding's id.</param>
    /// <returns>The last answer recorded for the finding.</returns>
    public EvidenceState StateOf(string findingId)
    {
        var state = EvidenceState.Unknown;
        foreach (var item in Evidence)
        {
            if (string.Equals(item.FindingId, findingId, StringComparison.Ordinal) && item.State != EvidenceState.Unknown)
            {
                state = item.State;
            }
        }

        return state;
    }

    /// <summary>Returns a copy with one more piece of evidence.</summary>
    /// <param name="evidence">The evidence to add.</param>
    /// <returns>A new case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public Case WithEvidence(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new Case(Profile, Evidence.Add(evidence), Instruments, Id, Setting);
    }

    /// <summary>Returns a copy with another profile.</summary>
    /// <param name="profile">The new profile.</param>
    /// <returns>A new case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public Case WithProfile(PatientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new Case(profile, Evidence, Instruments, Id, Setting);
    }

    /// <summary>Returns a copy with these questionnaire answers.</summary>
    /// <param name="instruments">The answers, or <see langword="null"/> for none.</param>
    /// <returns>A new case.</returns>
    public Case WithInstruments(Instruments.InstrumentResponses? instruments) => new(Profile, Evidence, instruments, Id, Setting);

    /// <inheritdoc />
    public bool Equals(Case? other) =>
        other is not null && Profile.Equals(other.Profile) && Evidence.SequenceEqual(other.Evidence) && Equals(Instruments, other.Instruments)
        && string.Equals(Id, other.Id, StringComparison.Ordinal) && Setting == other.Setting;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Case);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Profile);
        hash.Add(Instruments);
        hash.Add(Id, StringComparer.Ordinal);
        hash.Add(Setting);
        foreach (var item in Evidence)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A fluent builder for <see cref="Case"/>: <c>Case.For(45, Sex.Female).Present("pain-lower-back").Build()</c>.</summary>
/// <remarks>Not thread-safe; build on one thread, then share the immutable <see cref="Case"/>.</remarks>
public sealed class CaseBuilder
{
    private readonly ImmutableArray<Evidence>.Builder _evidence = ImmutableArray.CreateBuilder<Evidence>();
    private PatientProfile _profile;
    private Instruments.InstrumentResponses? _instruments;
    private string? _id;
    private CareSetting? _setting;

    internal CaseBuilder(PatientProfile profile) => _profile = profile;

    /// <summary>Sets the case's identifier (see <see cref="Case.Id"/>).</summary>
    /// <param name="id">The identifier.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    /// <summary>Sets where the case is assessed (see <see cref="Case.Setting"/>).</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder In(CareSetting setting)
    {
        _setting = setting;
        return this;
    }

    /// <summary>Marks the person as pregnant.</summary>
    /// <returns>This builder.</returns>
    public CaseBuilder Pregnant()
    {
        _profile = _profile with { IsPregnant = true };
        return this;
    }

    /// <summary>Records findings as present.</summary>
    /// <param name="findingIds">The finding ids.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder Present(params string[] findingIds) => Add(EvidenceState.Present, EvidenceOrigin.Interview, false, findingIds);

    /// <summary>Records findings as absent.</summary>
    /// <param name="findingIds">The finding ids.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder Absent(params string[] findingIds) => Add(EvidenceState.Absent, EvidenceOrigin.Interview, false, findingIds);

    /// <summary>Records findings as present and part of the person's initial complaint.</summary>
    /// <param name="findingIds">The finding ids.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder Initial(params string[] findingIds) => Add(EvidenceState.Present, EvidenceOrigin.Initial, true, findingIds);

    /// <summary>Records one answer with an explicit state and origin.</summary>
    /// <param name="findingId">The finding id.</param>
    /// <param name="state">The answer.</param>
    /// <param name="origin">Where it came from.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder Answer(string findingId, EvidenceState state, EvidenceOrigin origin = EvidenceOrigin.Interview) =>
        Add(state, origin, origin == EvidenceOrigin.Initial, findingId);

    /// <summary>Adds questionnaire answers.</summary>
    /// <param name="instruments">The answers.</param>
    /// <returns>This builder.</returns>
    public CaseBuilder WithInstruments(Instruments.InstrumentResponses instruments)
    {
        _instruments = instruments;
        return this;
    }

    /// <summary>Builds the immutable case.</summary>
    /// <returns>The case.</returns>
    public Case Build() => Case.Create(_profile, _evidence.ToImmutable(), _instruments, _setting).WithId(_id);

    private CaseBuilder Add(EvidenceState state, EvidenceOrigin origin, bool initial, params string[] findingIds)
    {
        ArgumentNullException.ThrowIfNull(findingIds);
        foreach (var id in findingIds)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id, nameof(findingIds));
            _evidence.Add(new Evidence { FindingId = id, State = state, Origin = origin, IsInitial = initial });
        }

        return this;
    }
}
