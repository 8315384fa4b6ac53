namespace BackHip.Domain;

/// <summary>One problem found while validating input: a knowledge-base file, a case, or a document.</summary>
/// <remarks>
/// Equality is by value. <see cref="File"/>, <see cref="Id"/> and <see cref="Path"/> are set where they apply, so a
/// message can point at the exact place of the problem (for example <c>conditions.json</c>, <c>hip-fracture</c>,
/// <c>$.conditions[12].icd10cm[0].code</c>).
/// </remarks>
public sealed record ValidationProblem
{
    /// <summary>A stable, machine-readable code for the kind of problem, such as <c>duplicate-id</c>.</summary>
    public required string Code { get; init; }

    /// <summary>A human-readable description of the problem.</summary>
    public required string Message { get; init; }

    /// <summary>The file the problem was found in, or <see langword="null"/> when the input is not a file.</summary>
    public string? File { get; init; }

    /// <summary>The id of the entry with the problem (a condition, finding, rule …), when there is one.</summary>
    public string? Id { get; init; }

    /// <summary>The JSON path of the problem inside its document, such as <c>$.findings[3].kind</c>, when known.</summary>
    public string? Path { get; init; }

    /// <summary>Renders the problem on one line: file, id and path first, then the message.</summary>
    /// <returns>A single-line description.</returns>
    public override string ToString()
    {
        var where = string.Join(" ", new[] { File, Id is null ? null : $"'{Id}'", Path }.Where(p => p is not null));
        return where.Length == 0 ? $"{Code}: {Message}" : $"{where}: {Code}: {Message}";
    }
}
