using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>
/// Issue 14, point 2: none of the twenty largest likelihood ratios in the model may be a bare estimate.
/// </summary>
public sealed partial class LargestRatioTests
{
    private const int Count = 20;

    private static KnowledgeBase Kb => KnowledgeBase.Default;

    /// <summary>
    /// Takes every likelihood ratio the model uses (the LR+ and the LR− of every pair in
    /// <c>KnowledgeBase.Default.Likelihoods.Pairs</c>, written pairs and pain-map pairs alike; an LR of exactly 1 counts
    /// nothing and is skipped), orders them by |ln LR|, largest first (ties broken by condition, finding, then LR+ before
    /// LR−, all ordinal), and keeps the first twenty plus any further ratio whose |ln LR| equals the twentieth.
    /// Each kept ratio must either be graded other than <c>estimate</c>, or have a rationale that records a search that
    /// found nothing better: the word <c>searched</c> (any case, not as "not searched") followed, later in the same
    /// rationale, by a statement that something was not found: <c>not found</c>, <c>none found</c>, <c>found none</c>, or
    /// <c>no</c> … <c>found</c> within one sentence (no full stop between them). New records take the form
    /// "Searched YYYY-MM-DD (kinds of source; queries): X was not found", and say why the number stands; the search itself
    /// is written up under <c>Knowledge/Research/</c>. The list is printed.
    /// </summary>
    [Fact]
    public void Twenty_largest_ratios_are_sourced_or_record_what_was_searched_and_not_found()
    {
        var ratios = Kb.Likelihoods.Pairs
            .SelectMany(p => new[] { (Pair: p, Sign: "LR+", Value: p.LrPositive), (Pair: p, Sign: "LR-", Value: p.LrNegative) })
            .Where(r => r.Value != 1.0)
            .Select(r => (r.Pair, r.Sign, r.Value, Size: Math.Abs(Math.Log(r.Value))))
            .OrderByDescending(r => r.Size)
            .ThenBy(r => r.Pair.ConditionId, StringComparer.Ordinal)
            .ThenBy(r => r.Pair.FindingId, StringComparer.Ordinal)
            .ThenBy(r => r.Sign, StringComparer.Ordinal)
            .ToList();
        Assert.True(ratios.Count >= Count, $"only {ratios.Count} ratios");
        var cut = ratios[Count - 1].Size;
        var top = ratios.TakeWhile((r, i) => i < Count || r.Size == cut).ToList();

        var report = new StringBuilder();
        var bare = new List<string>();
        foreach (var (pair, sign, value, size) in top)
        {
            var recorded = pair.Grade != EvidenceGrade.Estimate || RecordsSearch(pair.Rationale);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{pair.ConditionId}/{pair.FindingId}{(pair.FromPainMap ? " (pain map)" : "")} {sign} {value:0.###} |ln| {size:0.00} {pair.Grade} {pair.SourceKey}{(recorded ? "" : "  <-- bare estimate")}");
            report.AppendLine(line);
            if (!recorded)
            {
                bare.Add(line);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(bare.Count == 0, $"{bare.Count} of the {top.Count} largest ratios are estimates whose rationale does not say what was searched and not found:\n{string.Join('\n', bare)}");
    }

    [Theory]
    [InlineData("Estimate. Searched 2026-11-24 (abstracts, guidelines) for a frequency among presenters: not found.", true)]
    [InlineData("Emergency repairs used (searched for a frequency of incarceration at presentation; none found).", true)]
    [InlineData("Searched for a western presenter-based figure and found none.", true)]
    [InlineData("Searched (2026-11-23): no study frequency and no background rate among hip pain found.", true)]
    [InlineData("Team estimate; no accuracy data.", false)]
    [InlineData("Not searched; no data found.", false)]
    [InlineData("Not found. Searched 2026-11-24 for a frequency.", false)]
    [InlineData("Searched 2026-11-24 for a frequency. No frequency. Found in one series: 12%.", false)]
    [InlineData(null, false)]
    public void Search_record_needs_a_search_followed_by_what_was_not_found(string? rationale, bool expected) =>
        Assert.Equal(expected, RecordsSearch(rationale));

    private static bool RecordsSearch(string? rationale) => rationale is not null && SearchRecord().IsMatch(rationale);

    [GeneratedRegex(@"(?<!\bnot )\bsearched\b.*?(?:\bnot found\b|\bnone found\b|\bfound none\b|\bno\b[^.]*?\bfound\b)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SearchRecord();
}
