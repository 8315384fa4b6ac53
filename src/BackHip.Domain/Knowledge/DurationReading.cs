using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BackHip.Domain;

/// <summary>
/// Reads a stated length of time ("3 days", "duration &lt; 1 week", "for more than 3 months", "6-12 weeks") and finds the
/// duration finding it falls in: the findings named "Pain for &lt;length&gt;" ("Pain for less than 2 weeks", "Pain for 2 to
/// 6 weeks", "Pain for more than 12 weeks (chronic)"), read with the same grammar.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. Lengths are in days (a month is 30.44 days, a year 365.25). A finding's length is a
/// half-open span: "less than N" is [0, N), "N to M" is [N, M), "more than N" is [N, ∞). A phrase's length is a point
/// ("3 days", "about 2 months"), an upper bound ("&lt; 1 week", "within 24 hours"), a lower bound ("&gt; 12 weeks", "at least
/// 6 months") or a range ("6-12 weeks"). The phrase falls in a finding when the finding's span holds all of it; of the
/// findings that hold it, the narrowest wins. A phrase no single finding holds ("less than 3 months" spans three) finds
/// nothing, rather than a guess.</para>
/// <para>The whole phrase must be a length, optionally after "pain", "symptoms", "duration", "for", "since" or "over the
/// past": "night pain for 3 weeks" says two things and is left to the word search.</para>
/// </remarks>
internal sealed partial class DurationReading
{
    /// <summary>The score a duration read from a number carries: below an exact name (1), above any partial match of
    /// words (at most 0.95 × the field's weight).</summary>
    internal const double Score = 0.96;

    private const double DaysPerMonth = 30.44;
    private const double DaysPerYear = 365.25;

    private readonly ImmutableArray<Option> _options;

    /// <summary>A duration finding and the span of days its name states.</summary>
    private sealed record Option(string Id, string Name, Span Span);

    /// <summary>A span of days, [Low, High); a point when <see cref="Point"/> is true (Low = High).</summary>
    internal readonly record struct Span(double Low, double High, bool Point)
    {
        public double Width => Point ? 0 : High - Low;

        /// <summary>True when this span (a finding's) holds all of <paramref name="phrase"/>.</summary>
        public bool Holds(Span phrase) => phrase.Point
            ? Low <= phrase.Low && phrase.Low < High
            : Low <= phrase.Low && phrase.High <= High;
    }

    public DurationReading(IEnumerable<Finding> findings)
    {
        var options = ImmutableArray.CreateBuilder<Option>();
        foreach (var f in findings)
        {
            if (FindingName().Match(f.Name.Trim()) is { Success: true } m && TryRead(m.Groups["length"].Value, pointAllowed: false) is { } span)
            {
                options.Add(new Option(f.Id, f.Name, span));
            }
        }

        _options = options.ToImmutable();
    }

    /// <summary>The duration findings found, with their spans in days (for tests and documentation).</summary>
    internal IEnumerable<(string Id, Span Span)> Options => _options.Select(o => (o.Id, o.Span));

    /// <summary>The duration finding a phrase's length falls in, or <see langword="null"/>.</summary>
    /// <param name="text">The phrase.</param>
    /// <returns>The finding's id and name, or <see langword="null"/> when the phrase is not a length or no single finding holds it.</returns>
    public (string Id, string Name)? Find(string text)
    {
        if (_options.IsEmpty || Phrase().Match(text.Trim()) is not { Success: true } m || TryRead(m.Groups["length"].Value, pointAllowed: true) is not { } span)
        {
            return null;
        }

        Option? best = null;
        foreach (var option in _options)
        {
            if (option.Span.Holds(span) && (best is null || option.Span.Width < best.Span.Width))
            {
                best = option;
            }
        }

        return best is null ? null : (best.Id, best.Name);
    }

    /// <summary>Reads "less than 2 weeks", "&gt; 3 months", "6-12 weeks", "3 days" into a span of days.</summary>
    internal static Span? TryRead(string length, bool pointAllowed)
    {
        var m = Length().Match(length.Trim());
        if (!m.Success || Number(m.Groups["n1"].Value) is not { } n1 || UnitDays(m.Groups["unit"].Value) is not { } unit)
        {
            return null;
        }

        var low = n1 * unit;
        if (m.Groups["n2"].Success)
        {
            return Number(m.Groups["n2"].Value) is { } n2 && n2 > n1 && !m.Groups["cmp"].Success ? new Span(low, n2 * unit, false) : null;
        }

        return m.Groups["cmp"].Value.ToLowerInvariant() switch
        {
            "less than" or "under" or "within" or "fewer than" or "<" or "<=" or "≤" or "up to" => new Span(0, low, false),
            "more than" or "over" or "longer than" or "greater than" or ">" or ">=" or "≥" or "at least" => new Span(low, double.PositiveInfinity, false),
            _ when pointAllowed => new Span(low, low, true),
            _ => null,
        };
    }

    private static double? Number(string word)
    {
        var w = word.ToLowerInvariant();
        if (double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return n >= 0 ? n : null;
        }

        var index = Array.IndexOf(NumberWords, w);
        return index switch
        {
            >= 0 => index + 1,
            _ when w is "a" or "an" => 1,
            _ => null,
        };
    }

    private static readonly string[] NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static double? UnitDays(string unit) => unit.ToLowerInvariant() switch
    {
        "hour" or "hours" or "hr" or "hrs" or "h" => 1.0 / 24,
        "day" or "days" or "d" => 1,
        "week" or "weeks" or "wk" or "wks" or "w" => 7,
        "month" or "months" or "mo" or "mos" or "mth" or "mths" => DaysPerMonth,
        "year" or "years" or "yr" or "yrs" or "y" => DaysPerYear,
        _ => null,
    };

    /// <summary>A length: an optional comparison, one number or a range, and a unit.</summary>
    [GeneratedRegex(@"^(?:(?<cmp>less than|fewer than|under|within|up to|more than|longer than|greater than|over|at least|<=|>=|≤|≥|<|>)\s*)?(?:about|around|approximately|approx\.?|~)?\s*(?<n1>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)\s*(?:(?:-|–|to)\s*(?<n2>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?\s*(?<unit>hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|mths?|years?|yrs?|y)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Length();

    /// <summary>A phrase that is a length and nothing more, with the words that may stand before or after it.</summary>
    [GeneratedRegex(@"^(?:(?:duration|pain|symptoms?|ongoing|lasting|history|present)\s*:?\s+)*(?:(?:for the (?:past|last)|over the (?:past|last)|in the (?:past|last)|of|for|since)\s+)?(?<length>.+?)(?:\s+(?:ago|duration|of pain|of symptoms))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phrase();

    /// <summary>A duration finding's name: "Pain for &lt;length&gt;", optionally with a parenthesised label.</summary>
    [GeneratedRegex(@"^(?:pain|symptoms?)\s+for\s+(?<length>[^()]+?)\s*(?:\([^()]*\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FindingName();
}
