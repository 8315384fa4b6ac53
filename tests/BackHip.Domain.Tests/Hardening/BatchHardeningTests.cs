using System.Text;
using BackHip.Domain.Batch;
using BackHip.Domain.Serialization;
using BackHip.Domain.Tests.Performance;

namespace BackHip.Domain.Tests.Hardening;

/// <summary>Bad input never crashes a batch, lines are numbered as a person counts them, and limits hold while reading (issue 17, defects 1, 5, 6).</summary>
public sealed class BatchHardeningTests
{
    private static readonly BackHipAssessor Assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);

    internal static readonly string Good = BackHipJson.WriteCase(Case.For(42, Sex.Male).Initial("pain-lower-back").Present("slr-positive").Build());

    internal const string NullEvidence = """{"schemaVersion":1,"profile":{"age":40,"sex":"male"},"evidence":[null]}""";

    private static (BatchSummary Summary, string[] Records) Process(string input, IBackHipAssessor? assessor = null, int chunk = 4)
    {
        var output = new StringWriter();
        var summary = (assessor ?? Assessor).ProcessJsonLinesAsync(new StringReader(input), output, new BatchOptions { ChunkSize = chunk }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (summary, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static long LineOf(string record) => System.Text.Json.JsonDocument.Parse(record).RootElement.TryGetProperty("line", out var line) ? line.GetInt64() : -1;

    [Fact]
    public void A_null_evidence_item_is_an_error_record_and_the_run_goes_on()
    {
        var (summary, records) = Process(string.Join("\n", Good, NullEvidence, Good, Good, Good, Good));
        Assert.Equal(6, records.Length);
        Assert.Equal(2, LineOf(records[1]));
        Assert.Contains("\"path\":\"$.evidence[0]\"", records[1], StringComparison.Ordinal);
        Assert.Equal(new BatchSummary { Lines = 6, Assessed = 5, Errors = 1 }, summary);
    }

    [Fact]
    public void An_unexpected_exception_on_one_line_becomes_an_internal_error_record_not_a_crash()
    {
        var throwing = new ThrowingAssessor(Assessor, onAge: 66);
        var bad = BackHipJson.WriteCase(Case.For(66, Sex.Female).Initial("pain-lower-back").Build());
        var (summary, records) = Process(string.Join("\n", Good, bad, Good, Good, Good, bad, Good), throwing);
        Assert.Equal(7, records.Length);
        Assert.Equal(2, LineOf(records[1]));
        Assert.Equal(6, LineOf(records[5]));
        Assert.Contains("\"code\":\"internal-error\"", records[1], StringComparison.Ordinal);
        Assert.Equal(new BatchSummary { Lines = 7, Assessed = 5, Errors = 2 }, summary);

        var items = throwing.AssessMany([Case.For(30, Sex.Male).Build(), Case.For(66, Sex.Female).Build(), Case.For(30, Sex.Male).Build()]).ToList();
        Assert.Equal(3, items.Count);
        Assert.True(items[0].IsSuccess);
        Assert.Equal("internal-error", Assert.Single(items[1].Problems).Code);
        Assert.True(items[2].IsSuccess);
    }

    [Fact]
    public void A_bare_carriage_return_does_not_split_a_line()
    {
        var (summary, records) = Process($"{Good}\n{{ broken\r still the same line\n{Good}\r\n{Good}\r{Good}\n{Good}");
        Assert.Equal(5, records.Length);
        Assert.Equal([-1L, 2L, -1L, 4L, -1L], records.Select(LineOf));
        Assert.Equal(new BatchSummary { Lines = 5, Assessed = 3, Errors = 2 }, summary);
    }

    [Fact]
    public async Task Json_lines_can_be_consumed_as_items_with_their_line_numbers()
    {
        var input = $"{Good}\n\n{NullEvidence}\r\n{Good}";
        var items = new List<BatchItem>();
        await foreach (var item in Assessor.AssessJsonLinesAsync(new StringReader(input), new BatchOptions { ChunkSize = 2 }, TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        Assert.Equal([1L, 3L, 4L], items.Select(i => i.Line));
        Assert.Equal([0L, 1L, 2L], items.Select(i => i.Index));
        Assert.Equal([true, false, true], items.Select(i => i.IsSuccess));
    }

    [Fact]
    public async Task Reading_a_case_from_a_stream_stops_at_the_limit()
    {
        using var endless = new EndlessStream();
        var ex = await Assert.ThrowsAsync<BackHipValidationException>(() => BackHipJson.ReadCaseAsync(endless, null, TestContext.Current.CancellationToken));
        Assert.Equal("too-large", Assert.Single(ex.Problems).Code);
        Assert.InRange(endless.Served, BackHipJson.MaxDocumentBytes, BackHipJson.MaxDocumentBytes + (128 << 10));
        using var ok = new MemoryStream(Encoding.UTF8.GetBytes(Good));
        Assert.Equal(BackHipJson.ReadCase(Good), await BackHipJson.ReadCaseAsync(ok, null, TestContext.Current.CancellationToken));
    }

    /// <summary>Serves spaces forever and counts them.</summary>
    internal sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An assessor that fails with an unexpected exception for one age.</summary>
    private sealed class ThrowingAssessor(IBackHipAssessor inner, int onAge) : IBackHipAssessor
    {
        public KnowledgeBase Knowledge => inner.Knowledge;

        public Domain.Assessment Assess(Case patientCase) =>
            patientCase.Profile.Age == onAge ? throw new InvalidOperationException("boom") : inner.Assess(patientCase);
    }
}

/// <summary>Measures process-wide allocation, so it runs alone.</summary>
[Collection(typeof(RunsAlone))]
public sealed class BatchLineLimitTests
{
    private static readonly BackHipAssessor Assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);

    [Fact]
    public async Task A_100_million_character_line_is_rejected_while_reading_without_being_held()
    {
        const long hugeLine = 100_000_000;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var output = new StringWriter();
        var summary = await Assessor.ProcessJsonLinesAsync(new HugeLineReader(hugeLine, BatchHardeningTests.Good), output, null, TestContext.Current.CancellationToken);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"allocated while reading a {hugeLine:N0}-character line: {allocated:N0} B");
        var records = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, records.Length);
        Assert.StartsWith("{\"schemaVersion\":1,\"line\":1,", records[0], StringComparison.Ordinal);
        Assert.Contains("\"code\":\"too-large\"", records[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\"line\":", records[1], StringComparison.Ordinal);
        Assert.Equal(new BatchSummary { Lines = 2, Assessed = 1, Errors = 1 }, summary);
        Assert.True(allocated < 64L << 20, $"reading the line allocated {allocated:N0} bytes");
    }

    /// <summary>One line of <c>length</c> characters, then a second line, generated on the fly.</summary>
    private sealed class HugeLineReader(long length, string second) : TextReader
    {
        private long _left = length;
        private int _secondAt = -1;

        public override int Read(Span<char> buffer)
        {
            if (_left > 0)
            {
                var n = (int)Math.Min(buffer.Length, _left);
                buffer[..n].Fill('x');
                _left -= n;
                return n;
            }

            var tail = "\n" + second + "\n";
            if (_secondAt < 0)
            {
                _secondAt = 0;
            }

            var count = Math.Min(buffer.Length, tail.Length - _secondAt);
            tail.AsSpan(_secondAt, count).CopyTo(buffer);
            _secondAt += count;
            return count;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Peek() => -1;

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));
    }
}
