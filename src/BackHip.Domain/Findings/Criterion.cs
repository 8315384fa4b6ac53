using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>Three-valued truth: a criterion over a case can be true, false, or not yet decidable.</summary>
public enum Truth
{
    /// <summary>Definitely false with what is known.</summary>
    False,

    /// <summary>Depends on findings not yet answered.</summary>
    Unknown,

    /// <summary>Definitely true with what is known.</summary>
    True,
}

/// <summary>A logical condition over a case's findings and profile, used by red-flag rules and prior modifiers.</summary>
/// <remarks>
/// Immutable. Evaluation is three-valued (Kleene logic): a finding that has not been answered makes a criterion
/// <see cref="Truth.Unknown"/> unless the rest of the expression already decides it. The JSON form has exactly one
/// property per node: <c>finding</c>, <c>allOf</c>, <c>anyOf</c>, <c>atLeast</c> with <c>of</c>, <c>ageAtLeast</c>,
/// <c>ageBelow</c>, <c>sex</c> or <c>pregnant</c>.
/// </remarks>
public abstract record Criterion
{
    private protected Criterion()
    {
    }

    /// <summary>Evaluates the criterion against a case's facts.</summary>
    /// <param name="facts">The facts of the case.</param>
    /// <returns>The three-valued result.</returns>
    internal Truth Evaluate(CaseFacts facts) => Evaluate(new FactView(facts));

    /// <summary>Evaluates the criterion against a view of a case's answers; allocates nothing.</summary>
    /// <param name="facts">The view.</param>
    /// <returns>The three-valued result.</returns>
    internal abstract Truth Evaluate(in FactView facts);

    /// <summary>Adds the ids of every finding the criterion reads.</summary>
    /// <param name="into">The set to add to.</param>
    internal abstract void CollectFindings(ISet<string> into);

    /// <summary>The finding ids this criterion reads, sorted by ordinal order.</summary>
    public ImmutableArray<string> FindingIds
    {
        get
        {
            var set = new SortedSet<string>(StringComparer.Ordinal);
            CollectFindings(set);
            return [.. set];
        }
    }
}

/// <summary>True when a finding is present.</summary>
public sealed record FindingCriterion : Criterion
{
    /// <summary>The finding's id.</summary>
    public required string FindingId { get; init; }

    internal override Truth Evaluate(in FactView facts) => facts.StateOf(FindingId) switch
    {
        EvidenceState.Present => Truth.True,
        EvidenceState.Absent => Truth.False,
        _ => Truth.Unknown,
    };

    internal override void CollectFindings(ISet<string> into) => into.Add(FindingId);

    /// <inheritdoc />
    public override string ToString() => FindingId;
}

/// <summary>True when at least <see cref="Count"/> of its parts are true (all-of and any-of are special cases).</summary>
public sealed record AtLeastCriterion : Criterion
{
    /// <summary>How many parts must be true: the number of parts for all-of, 1 for any-of.</summary>
    public required int Count { get; init; }

    /// <summary>The parts.</summary>
    public required ImmutableArray<Criterion> Parts { get; init; }

    internal override Truth Evaluate(in FactView facts)
    {
        int yes = 0, unknown = 0;
        foreach (var part in Parts)
        {
            switch (part.Evaluate(facts))
            {
                case Truth.True: yes++; break;
                case Truth.Unknown: unknown++; break;
                default: break;
            }
        }

        return yes >= Count ? Truth.True : yes + unknown >= Count ? Truth.Unknown : Truth.False;
    }

    internal override void CollectFindings(ISet<string> into)
    {
        foreach (var part in Parts)
        {
            part.CollectFindings(into);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        Count == Parts.Length ? $"all({string.Join(", ", Parts)})"
        : Count == 1 ? $"any({string.Join(", ", Parts)})"
        : $"atLeast {Count}({string.Join(", ", Parts)})";
}

/// <summary>True when the person's age is within a range: at least <see cref="Min"/> and below <see cref="Below"/>.</summary>
public sealed record AgeCriterion : Criterion
{
    /// <summary>The lowest age that satisfies the criterion, if any.</summary>
    public int? Min { get; init; }

    /// <summary>The first age that no longer satisfies the criterion, if any.</summary>
    public int? Below { get; init; }

    internal override Truth Evaluate(in FactView facts) =>
        (Min is null || facts.Profile.Age >= Min) && (Below is null || facts.Profile.Age < Below) ? Truth.True : Truth.False;

    internal override void CollectFindings(ISet<string> into)
    {
    }

    /// <inheritdoc />
    public override string ToString() => Min is not null ? $"age >= {Min}" : $"age < {Below}";
}

/// <summary>True when the person's sex is <see cref="Sex"/>, or is not stated (<see cref="Domain.Sex.Unknown"/>: the conservative reading).</summary>
public sealed record SexCriterion : Criterion
{
    /// <summary>The sex.</summary>
    public required Sex Sex { get; init; }

    internal override Truth Evaluate(in FactView facts) =>
        facts.Profile.Sex == Sex || facts.Profile.Sex == Domain.Sex.Unknown ? Truth.True : Truth.False;

    internal override void CollectFindings(ISet<string> into)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"sex = {Sex}";
}

/// <summary>True when the person's pregnancy status equals <see cref="IsPregnant"/>.</summary>
public sealed record PregnancyCriterion : Criterion
{
    /// <summary>The pregnancy status that satisfies the criterion.</summary>
    public required bool IsPregnant { get; init; }

    internal override Truth Evaluate(in FactView facts) => facts.Profile.IsPregnant == IsPregnant ? Truth.True : Truth.False;

    internal override void CollectFindings(ISet<string> into)
    {
    }

    /// <inheritdoc />
    public override string ToString() => IsPregnant ? "pregnant" : "not pregnant";
}
