using System.Text;
using BackHip.Domain.Batch;
using BackHip.Domain.Serialization;

namespace BackHip.Domain.Tests.Performance;

public sealed class BatchTests
{
    private static readonly BackHipAssessor Assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);

    [Fact]
    public void AssessMany_preserves_order_and_reports_bad_cases_without_stopping()
    {
        var cases = FsCheck.Fluent.Gen.Sample(Generators.Cases, 300).ToList();
        cases.Insert(150, Case.For(30, Sex.Male).Present("pain-elbow").Build());
        var items = Assessor.AssessMany(cases, new BatchOptions { ChunkSize = 64, MaxDegreeOfParallelism = 4 }).ToList();
        Assert.Equal(cases.Count, items.Count);
        Assert.Equal(Enumerable.Range(0, cases.Count).Select(i => (long)i), items.Select(i => i.Index));
        Assert.False(items[150].IsSuccess);
        Assert.Equal("unknown-finding", items[150].Problems[0].Code);
        for (var i = 0; i < cases.Count; i += 37)
        {
            if (i != 150)
            {
                Assert.Equal(BackHipJson.WriteAssessment(Assessor.Assess(cases[i])), BackHipJson.WriteAssessment(items[i].Assessment!));
            }
        }
    }

    [Fact]
    public async Task AssessManyAsync_preserves_order()
    {
        var cases = FsCheck.Fluent.Gen.Sample(Generators.Cases, 100).ToList();
        var items = new List<BatchItem>();
        await foreach (var item in Assessor.AssessManyAsync(ToAsync(cases), new BatchOptions { ChunkSize = 16 }, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        Assert.Equal(cases.Select(c => BackHipJson.WriteCase(c)), items.Select(i => BackHipJson.WriteCase(i.Assessment!.Case.ToCase())));
    }

    [Fact]
    public async Task Json_lines_keep_their_order_and_a_bad_line_becomes_an_error_record_with_its_number()
    {
        var good = FsCheck.Fluent.Gen.Sample(Generators.Cases, 40).Select(c => BackHipJson.WriteCase(c)).ToList();
        var lines = new List<string>(good);
        lines.Insert(20, "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"pain-elbow\",\"state\":\"present\"}]}");
        lines.Insert(10, "{ not json");
        lines.Insert(5, "");
        var output = new StringWriter();
        var summary = await Assessor.ProcessJsonLinesAsync(new StringReader(string.Join("\n", lines)), output, new BatchOptions { ChunkSize = 7 }, TestContext.Current.CancellationToken);
        var results = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(42, summary.Lines);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(42, results.Length);
        Assert.StartsWith("{\"schemaVersion\":1,\"line\":12,", results[10], StringComparison.Ordinal);
        Assert.Contains("malformed-json", results[10], StringComparison.Ordinal);
        Assert.StartsWith("{\"schemaVersion\":1,\"line\":23,", results[21], StringComparison.Ordinal);
        Assert.Contains("unknown-finding", results[21], StringComparison.Ordinal);
        var assessed = results.Where(r => !r.Contains("\"line\":", StringComparison.Ordinal)).Select(BackHipJson.ReadAssessment).ToList();
        Assert.Equal(good, assessed.Select(a => BackHipJson.WriteCase(a.Case.ToCase())));
    }

    private static async IAsyncEnumerable<Case> ToAsync(IEnumerable<Case> cases)
    {
        foreach (var c in cases)
        {
            await Task.Yield();
            yield return c;
        }
    }

    /// <summary>Produces the same line many times without holding them in memory.</summary>
    internal sealed class RepeatingReader(string line, int count) : TextReader
    {
        private int _left = count;

        public override string? ReadLine() => _left-- > 0 ? line : null;

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ReadLine());
    }
}

/// <summary>Runs alone: it measures the live heap of the whole process, which parallel tests would disturb.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(typeof(RunsAlone))]
public sealed class BatchMemoryTests
{
    private static readonly BackHipAssessor Assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);

    [Fact]
    public async Task Memory_stays_flat_as_the_number_of_lines_grows()
    {
        var small = await PeakGrowth(5_000);
        var large = await PeakGrowth(50_000);
        TestContext.Current.TestOutputHelper?.WriteLine($"peak live-heap growth: 5,000 lines {small:N0} B; 50,000 lines {large:N0} B");
        Assert.True(large <= (small * 1.2) + (4 << 20), $"peak live-heap growth went from {small:N0} to {large:N0} bytes");
    }

    /// <summary>The largest rise of the live heap (after full collections) over its level before the run.</summary>
    private static async Task<long> PeakGrowth(int lines)
    {
        var line = BackHipJson.WriteCase(Case.For(42, Sex.Male).Initial("pain-lower-back", "pain-below-knee").Present("slr-positive").Absent("fever-or-chills").Build());
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var options = new BatchOptions
        {
            ChunkSize = 256,
            Progress = done =>
            {
                if (done % 2_560 == 0 || done == lines)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            },
        };
        await Assessor.ProcessJsonLinesAsync(new BatchTests.RepeatingReader(line, lines), TextWriter.Null, options, TestContext.Current.CancellationToken);
        return Math.Max(peak, 0);
    }
}
