using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using BackHip.Domain.Serialization;

namespace BackHip.Domain.Batch;

/// <summary>Settings of batch assessment.</summary>
public sealed record BatchOptions
{
    /// <summary>The default options.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>How many cases run at once.</summary>
    /// <value>The default value is <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>How many cases are read ahead and assessed together; bounds memory whatever the input size.</summary>
    /// <value>The default value is 512.</value>
    public int ChunkSize { get; init; } = 512;

    /// <summary>Called after each chunk with the number of items done so far (for progress bars).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<long>? Progress { get; init; }

    internal void Check()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkSize, 1, nameof(ChunkSize));
    }
}

/// <summary>The outcome for one case of a batch: an assessment, or the problems that stopped it.</summary>
public sealed record BatchItem
{
    /// <summary>The 0-based position of the case in the input.</summary>
    public required long Index { get; init; }

    /// <summary>The 1-based input line number, for items read from JSON Lines; otherwise <see langword="null"/>.</summary>
    public long? Line { get; init; }

    /// <summary>The assessment, or <see langword="null"/> when the case was invalid.</summary>
    public Assessment? Assessment { get; init; }

    /// <summary>The problems when the case was invalid; empty otherwise.</summary>
    public ImmutableArray<ValidationProblem> Problems { get; init; } = [];

    /// <summary><see langword="true"/> when the case was assessed.</summary>
    public bool IsSuccess => Assessment is not null;
}

/// <summary>Counts of a JSON Lines run.</summary>
public sealed record BatchSummary
{
    /// <summary>Non-blank lines read.</summary>
    public required long Lines { get; init; }

    /// <summary>Lines assessed.</summary>
    public required long Assessed { get; init; }

    /// <summary>Lines that became error records.</summary>
    public required long Errors { get; init; }
}

/// <summary>Batch assessment: many cases, in input order, on every core, in memory that does not grow with the input.</summary>
/// <remarks>
/// Cases are read in chunks of <see cref="BatchOptions.ChunkSize"/>, assessed in parallel, and yielded in input order
/// before the next chunk is read, so memory stays flat however many cases there are. An invalid case becomes a
/// <see cref="BatchItem"/> with its problems (or, for JSON Lines, an error record with its line number) and the run goes on;
/// so does a case that meets an unexpected exception (a defect), as the problem <c>internal-error</c>.
/// JSON Lines are split at line feeds only (a carriage return before one is dropped; a bare carriage return is part of
/// its line), so line numbers are those an editor shows; a line longer than <see cref="BackHipJson.MaxDocumentBytes"/>
/// characters is skipped while it is read, without being held, and reported as <c>too-large</c>.
/// </remarks>
public static class BatchAssessment
{
    /// <summary>Assesses many cases, in order.</summary>
    /// <param name="assessor">The assessor.</param>
    /// <param name="cases">The cases; enumerated once, lazily.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <returns>One item per case, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assessor"/> or <paramref name="cases"/> is null.</exception>
    public static IEnumerable<BatchItem> AssessMany(this IBackHipAssessor assessor, IEnumerable<Case> cases, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(cases);
        options ??= BatchOptions.Default;
        options.Check();
        return Iterate(assessor, cases, options);
    }

    private static IEnumerable<BatchItem> Iterate(IBackHipAssessor assessor, IEnumerable<Case> cases, BatchOptions options)
    {
        var chunk = new List<Case>(options.ChunkSize);
        long index = 0;
        foreach (var c in cases)
        {
            chunk.Add(c);
            if (chunk.Count == options.ChunkSize)
            {
                foreach (var item in Run(assessor, chunk, index, options))
                {
                    yield return item;
                }

                index += chunk.Count;
                chunk.Clear();
                options.Progress?.Invoke(index);
            }
        }

        if (chunk.Count > 0)
        {
            foreach (var item in Run(assessor, chunk, index, options))
            {
                yield return item;
            }

            options.Progress?.Invoke(index + chunk.Count);
        }
    }

    /// <summary>Assesses an asynchronous stream of cases, in order.</summary>
    /// <param name="assessor">The assessor.</param>
    /// <param name="cases">The cases.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One item per case, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assessor"/> or <paramref name="cases"/> is null.</exception>
    public static async IAsyncEnumerable<BatchItem> AssessManyAsync(this IBackHipAssessor assessor, IAsyncEnumerable<Case> cases, BatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(cases);
        options ??= BatchOptions.Default;
        options.Check();
        var chunk = new List<Case>(options.ChunkSize);
        long index = 0;
        await foreach (var c in cases.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(c);
            if (chunk.Count == options.ChunkSize)
            {
                foreach (var item in Run(assessor, chunk, index, options, cancellationToken))
                {
                    yield return item;
                }

                index += chunk.Count;
                chunk.Clear();
                options.Progress?.Invoke(index);
            }
        }

        foreach (var item in Run(assessor, chunk, index, options, cancellationToken))
        {
            yield return item;
        }

        options.Progress?.Invoke(index + chunk.Count);
    }

    /// <summary>Reads JSON Lines cases, writes JSON Lines assessments in the same order; a bad line becomes an error
    /// record <c>{"schemaVersion":1,"line":N,"problems":[…]}</c> and the run goes on. Blank lines are skipped.</summary>
    /// <param name="assessor">The assessor.</param>
    /// <param name="input">The reader of case lines.</param>
    /// <param name="output">The writer of result lines.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async Task<BatchSummary> ProcessJsonLinesAsync(this IBackHipAssessor assessor, TextReader input, TextWriter output, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= BatchOptions.Default;
        options.Check();
        long lines = 0, errors = 0;
        await foreach (var chunk in ReadChunksAsync(input, options, cancellationToken).ConfigureAwait(false))
        {
            var results = new string[chunk.Count];
            var failed = 0;
            Parallel.For(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, i =>
            {
                var item = AssessLine(assessor, chunk[i], 0L);
                if (!item.IsSuccess)
                {
                    Interlocked.Increment(ref failed);
                }

                results[i] = item.Assessment is { } assessment ? BackHipJson.WriteAssessment(assessment) : BackHipJson.WriteError(chunk[i].Number, item.Problems);
            });
            lines += chunk.Count;
            errors += failed;
            foreach (var result in results)
            {
                await output.WriteLineAsync(result.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            options.Progress?.Invoke(lines);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new BatchSummary { Lines = lines, Assessed = lines - errors, Errors = errors };
    }

    /// <summary>Reads JSON Lines cases and yields one item per non-blank line, in order, each with its line number: an
    /// assessment, or the problems of the line. Blank lines are skipped.</summary>
    /// <param name="assessor">The assessor.</param>
    /// <param name="input">The reader of case lines.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One item per non-blank line, in input order; <see cref="BatchItem.Index"/> counts non-blank lines from 0.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async IAsyncEnumerable<BatchItem> AssessJsonLinesAsync(this IBackHipAssessor assessor, TextReader input, BatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(input);
        options ??= BatchOptions.Default;
        options.Check();
        long index = 0;
        await foreach (var chunk in ReadChunksAsync(input, options, cancellationToken).ConfigureAwait(false))
        {
            var results = new BatchItem[chunk.Count];
            var first = index;
            Parallel.For(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, i =>
                results[i] = AssessLine(assessor, chunk[i], first + i));
            foreach (var item in results)
            {
                yield return item;
            }

            index += chunk.Count;
            options.Progress?.Invoke(index);
        }
    }

    /// <summary>The most characters of lines held at once; a chunk ends early when it would hold more.</summary>
    private const long MaxChunkChars = 16L << 20;

    private static async IAsyncEnumerable<List<JsonLine>> ReadChunksAsync(TextReader input, BatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new JsonLinesReader(input, BackHipJson.MaxDocumentBytes);
        var chunk = new List<JsonLine>(Math.Min(options.ChunkSize, 4096));
        long chars = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Text is not null && string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            chunk.Add(line);
            chars += line.Text?.Length ?? 0;
            if (chunk.Count >= options.ChunkSize || chars >= MaxChunkChars)
            {
                yield return chunk;
                chunk = new List<JsonLine>(chunk.Count);
                chars = 0;
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static BatchItem AssessLine(IBackHipAssessor assessor, JsonLine line, long index)
    {
        if (line.Text is null)
        {
            return new BatchItem { Index = index, Line = line.Number, Problems = [new ValidationProblem { Code = "too-large", Message = $"The line is longer than {BackHipJson.MaxDocumentBytes} characters.", Path = "$" }] };
        }

        try
        {
            return new BatchItem { Index = index, Line = line.Number, Assessment = assessor.Assess(BackHipJson.ReadCase(line.Text, assessor.Knowledge)) };
        }
        catch (BackHipValidationException ex)
        {
            return new BatchItem { Index = index, Line = line.Number, Problems = ex.Problems };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new BatchItem { Index = index, Line = line.Number, Problems = [InternalError(ex)] };
        }
    }

    /// <summary>The problem reported for an unexpected exception: its type only, never its message (which may quote input).</summary>
    private static ValidationProblem InternalError(Exception ex) => new()
    {
        Code = "internal-error",
        Message = $"An unexpected {ex.GetType().Name} occurred while assessing this case; this is a defect in BackHip.Domain, please report it.",
        Path = "$",
    };

    private static BatchItem[] Run(IBackHipAssessor assessor, List<Case> chunk, long firstIndex, BatchOptions options, CancellationToken cancellationToken = default)
    {
        var results = new BatchItem[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, i =>
        {
            try
            {
                results[i] = new BatchItem { Index = firstIndex + i, Assessment = assessor.Assess(chunk[i]) };
            }
            catch (BackHipValidationException ex)
            {
                results[i] = new BatchItem { Index = firstIndex + i, Problems = ex.Problems };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = new BatchItem { Index = firstIndex + i, Problems = [InternalError(ex)] };
            }
        });
        return results;
    }
}
