using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>A person's answer to a <see cref="ProposedQuestion"/> of any <see cref="QuestionType"/>.</summary>
/// <remarks>
/// Immutable. Applying it (<see cref="ProposedQuestion.Apply(Case, QuestionAnswer)"/>) sets every option of the
/// question: <see cref="Selected"/> ones present, <see cref="Unsure"/> ones unknown, the rest absent; with
/// <see cref="NotSure"/> every option is recorded as unknown ("don't know" / "not sure"). A single yes/no question has one
/// option, its finding: yes selects it, no selects nothing, don't know is <see cref="DontKnow"/>.
/// </remarks>
public sealed record QuestionAnswer
{
    /// <summary>The finding ids ticked or chosen (present). At most one for a one-of question.</summary>
    public ImmutableArray<string> Selected { get; init; } = [];

    /// <summary>Finding ids the person is not sure about (recorded as unknown); the others not selected are absent.</summary>
    public ImmutableArray<string> Unsure { get; init; } = [];

    /// <summary><see langword="true"/> for "not sure" / "don't know" about the whole question: every option stays unknown.</summary>
    public bool NotSure { get; init; }

    /// <summary>"None of these" (or "no" to a single question): every option absent.</summary>
    public static QuestionAnswer NoneOfThese { get; } = new();

    /// <summary>"Don't know" / "not sure": every option recorded as unknown.</summary>
    public static QuestionAnswer DontKnow { get; } = new() { NotSure = true };

    /// <summary>Ticks (or, for a one-of question, chooses) the given options; the others become absent.</summary>
    /// <param name="findingIds">The finding ids of the options chosen.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="findingIds"/> is null.</exception>
    public static QuestionAnswer Select(params string[] findingIds)
    {
        ArgumentNullException.ThrowIfNull(findingIds);
        return new() { Selected = [.. findingIds] };
    }

    /// <summary>The answer to a single yes/no question: present selects the finding, absent selects nothing, unknown is
    /// "don't know".</summary>
    /// <param name="findingId">The finding asked about.</param>
    /// <param name="state">The answer.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="findingId"/> is null.</exception>
    public static QuestionAnswer ForSingle(string findingId, EvidenceState state)
    {
        ArgumentNullException.ThrowIfNull(findingId);
        return state switch
        {
            EvidenceState.Present => Select(findingId),
            EvidenceState.Absent => NoneOfThese,
            _ => DontKnow,
        };
    }
}
