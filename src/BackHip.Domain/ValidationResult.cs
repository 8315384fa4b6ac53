using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>The outcome of validating input: either valid, or every problem found, never only the first.</summary>
/// <remarks>Immutable and thread-safe. The throwing twin is <see cref="ThrowIfInvalid"/>, which raises a
/// <see cref="BackHipValidationException"/> carrying the same list.</remarks>
public sealed class ValidationResult
{
    /// <summary>A result with no problems.</summary>
    public static ValidationResult Valid { get; } = new(ImmutableArray<ValidationProblem>.Empty);

    /// <summary>Creates a result from a list of problems; an empty list is valid.</summary>
    /// <param name="problems">The problems found.</param>
    public ValidationResult(ImmutableArray<ValidationProblem> problems) =>
        Problems = problems.IsDefault ? ImmutableArray<ValidationProblem>.Empty : problems;

    /// <summary>Every problem found, in the order found.</summary>
    public ImmutableArray<ValidationProblem> Problems { get; }

    /// <summary><see langword="true"/> when no problem was found.</summary>
    public bool IsValid => Problems.IsEmpty;

    /// <summary>Throws a <see cref="BackHipValidationException"/> listing every problem, unless the result is valid.</summary>
    /// <param name="subject">What was validated, used in the exception message (for example "case").</param>
    /// <exception cref="BackHipValidationException">The result has problems.</exception>
    public void ThrowIfInvalid(string subject)
    {
        if (!IsValid)
        {
            throw new BackHipValidationException(subject, Problems);
        }
    }
}
