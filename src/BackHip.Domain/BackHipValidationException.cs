using System.Collections.Immutable;

namespace BackHip.Domain;

/// <summary>Thrown when input (a knowledge base, a case, a JSON document) is invalid; lists every problem found.</summary>
/// <remarks>Nothing partial is ever returned alongside this exception: the operation that threw produced no result.</remarks>
public sealed class BackHipValidationException : Exception
{
    /// <summary>Creates an exception with a generic message and no problems.</summary>
    public BackHipValidationException()
        : this("input", ImmutableArray<ValidationProblem>.Empty)
    {
    }

    /// <summary>Creates an exception with a message and no problems.</summary>
    /// <param name="message">The message.</param>
    public BackHipValidationException(string message)
        : base(message) => Problems = ImmutableArray<ValidationProblem>.Empty;

    /// <summary>Creates an exception with a message, no problems and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BackHipValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = ImmutableArray<ValidationProblem>.Empty;

    /// <summary>Creates an exception for a subject and the problems found in it.</summary>
    /// <param name="subject">What was validated, such as "knowledge base" or "case".</param>
    /// <param name="problems">Every problem found.</param>
    public BackHipValidationException(string subject, ImmutableArray<ValidationProblem> problems)
        : base(BuildMessage(subject, problems)) =>
        Problems = problems.IsDefault ? ImmutableArray<ValidationProblem>.Empty : problems;

    /// <summary>Every problem found, each with its file, id and JSON path where known.</summary>
    public ImmutableArray<ValidationProblem> Problems { get; }

    private static string BuildMessage(string subject, ImmutableArray<ValidationProblem> problems)
    {
        if (problems.IsDefaultOrEmpty)
        {
            return $"The {subject} is invalid.";
        }

        var lines = problems.Select(p => "  - " + p);
        return $"The {subject} is invalid ({problems.Length} problem{(problems.Length == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
