using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace BackHip.Domain;

/// <summary>What a <see cref="SearchHit"/> points to.</summary>
public enum SearchHitKind
{
    /// <summary>A finding (<see cref="KnowledgeBase.Findings"/>).</summary>
    Finding,

    /// <summary>A condition (<see cref="KnowledgeBase.Conditions"/>).</summary>
    Condition,
}

/// <summary>One result of <see cref="KnowledgeBase.Search(string, int)"/>: a finding or condition, how well it matched and on what.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SearchHit
{
    /// <summary>Whether the hit is a finding or a condition.</summary>
    public required SearchHitKind Kind { get; init; }

    /// <summary>The id of the finding or condition.</summary>
    public required string Id { get; init; }

    /// <summary>Its display name.</summary>
    public required string Name { get; init; }

    /// <summary>How well it matched, in (0, 1]; 1 is an exact match of a name, synonym, abbreviation or id.</summary>
    public required double Score { get; init; }

    /// <summary>The name, synonym, abbreviation, id or question the phrase matched best.</summary>
    public required string MatchedOn { get; init; }
}

/// <summary>
/// An offline, deterministic index from words to finding and condition ids: names, synonyms, ids, questions and a small
/// table of common clinical abbreviations and shorthand ("LBP", "SLR +", "CVA tenderness", "can't").
/// </summary>
/// <remarks>Built once per knowledge base; immutable and thread-safe.</remarks>
internal sealed partial class KnowledgeSearch
{
    private const double QuestionWeight = 0.6;

    /// <summary>Shorthand expanded before matching (whole tokens, lower case).</summary>
    private static readonly FrozenDictionary<string, string> Expansions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lbp"] = "low back pain",
        ["slr"] = "straight leg raise",
        ["cslr"] = "crossed straight leg raise",
        ["cva"] = "costovertebral angle",
        ["ces"] = "cauda equina syndrome",
        ["aaa"] = "abdominal aortic aneurysm",
        ["oa"] = "osteoarthritis",
        ["fai"] = "femoroacetabular impingement",
        ["gtps"] = "greater trochanteric pain syndrome",
        ["si"] = "sacroiliac",
        ["sij"] = "sacroiliac joint",
        ["scfe"] = "slipped capital femoral epiphysis",
        ["avn"] = "avascular necrosis",
        ["axspa"] = "axial spondyloarthritis",
        ["as"] = "ankylosing spondylitis",
        ["pmr"] = "polymyalgia rheumatica",
        ["ra"] = "rheumatoid arthritis",
        ["ivdu"] = "injected drugs",
        ["pwid"] = "injected drugs",
        ["uti"] = "urinary infection",
        ["pgp"] = "pelvic girdle pain",
        ["ibp"] = "inflammatory back pain",
        ["pvr"] = "post void residual",
        ["hr"] = "heart rate",
        ["rr"] = "respiratory rate",
        ["bp"] = "blood pressure",
        ["wt"] = "weight",
        ["hx"] = "history",
        ["ca"] = "cancer",
        ["fx"] = "fracture",
        ["pos"] = "positive",
        ["neg"] = "negative",
        ["+"] = "positive",
        ["+ve"] = "positive",
        ["-ve"] = "negative",
        ["can't"] = "cannot",
        ["cant"] = "cannot",
        ["unable"] = "cannot",
        ["won't"] = "will not",
        ["doesn't"] = "does not",
        ["isn't"] = "is not",
        ["tummy"] = "belly",
        ["abdominal"] = "belly",
        ["abdomen"] = "belly",
        ["feet"] = "foot",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "it", "its", "my", "me", "i", "is", "are", "am", "be", "been", "and", "or",
        "do", "does", "did", "you", "your", "have", "has", "had", "with", "for", "from", "that", "this", "there", "any", "when",
        "what", "how", "than", "as", "by", "into", "over", "s",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly ImmutableArray<Entry> _entries;
    private readonly FrozenDictionary<string, double> _idf;
    private readonly DurationReading _durations;

    private sealed record Field(string Text, ImmutableArray<string> Tokens, FrozenSet<string> Set, string Normalized, double Weight, ImmutableArray<FrozenSet<string>> Alternatives)
    {
        /// <summary>True when the text contains a negating word ("not", "no", ...).</summary>
        public bool Negates { get; } = Tokens.Any(Negators.Contains);
    }

    /// <summary>One reading of the phrase: its words, as a set, joined, their total weight, and whether it negates.</summary>
    private sealed record Reading(ImmutableArray<string> Tokens, FrozenSet<string> Set, string Normalized, double Weight, bool Negates, double Factor)
    {
        /// <summary>True for the reading of what follows "history of", "known" or "previous": it may match only a finding
        /// that is a history item (a past or standing fact), never a symptom or sign now.</summary>
        public bool HistoryOnly { get; init; }
    }

    /// <summary>What a reading of the phrase other than as written keeps of its score ("pain radiating to the back" read
    /// as "back pain"): an interpretation never ties with an exact match of the words as written.</summary>
    internal const double InterpretedReadingFactor = 0.99;

    private sealed record Entry(SearchHitKind Kind, string Id, string Name, ImmutableArray<Field> Fields)
    {
        /// <summary>True for a finding of kind <see cref="FindingKind.History"/>.</summary>
        public bool IsHistory { get; init; }
    }

    public KnowledgeSearch(KnowledgeBase knowledge)
    {
        var entries = new List<Entry>();
        foreach (var f in knowledge.Findings)
        {
            var fields = new List<Field> { MakeField(f.Name, 1), MakeField(f.Id.Replace('-', ' '), 1), MakeField(f.Question, QuestionWeight) };
            fields.AddRange(f.Synonyms.Select(s => MakeField(s, 1)));
            entries.Add(new Entry(SearchHitKind.Finding, f.Id, f.Name, [.. fields]) { IsHistory = f.Kind == FindingKind.History });
        }

        foreach (var c in knowledge.Conditions)
        {
            var fields = new List<Field> { MakeField(c.Name, 1), MakeField(c.Id.Replace('-', ' '), 1) };
            fields.AddRange(c.Synonyms.Select(s => MakeField(s, 1)));
            entries.Add(new Entry(SearchHitKind.Condition, c.Id, c.Name, [.. fields]));
        }

        _entries = [.. entries];
        _durations = new DurationReading(knowledge.Findings);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in _entries)
        {
            foreach (var token in e.Fields.SelectMany(x => x.Tokens).Distinct(StringComparer.Ordinal))
            {
                documentFrequency[token] = documentFrequency.GetValueOrDefault(token) + 1;
            }
        }

        _idf = documentFrequency.ToFrozenDictionary(kv => kv.Key, kv => Math.Log(1 + (_entries.Length / (double)kv.Value)), StringComparer.Ordinal);
    }

    public ImmutableArray<SearchHit> Search(string text, int maxResults)
    {
        var query = Tokens(text);
        if (query.IsEmpty)
        {
            return [];
        }

        // The phrase as written, and, for "pain radiating to the groin" and the like, the site it names ("groin pain"):
        // each entry takes the better of the two readings, so an exact name ("pain radiating to the back") still wins.
        var trimmed = text.Trim();
        var readings = new List<Reading> { Read(query) };
        if (RadiatingTo().Match(trimmed) is { Success: true } m && Tokens(m.Groups["site"].Value + " pain") is { IsEmpty: false } site)
        {
            readings.Add(Read(site, InterpretedReadingFactor));
        }

        // "history of diabetes", "known osteoporosis", "previous spinal surgery": also what follows, but only as a
        // history item ("previous back pain" is not back pain now).
        if (HistoryOf().Match(trimmed) is { Success: true } h && Tokens(h.Groups["what"].Value) is { IsEmpty: false } what)
        {
            readings.Add(Read(what, InterpretedReadingFactor) with { HistoryOnly = true });
        }

        // A stated length of time ("3 days", "duration < 1 week") falls in one duration finding, read from the number.
        var duration = _durations.Find(text);
        var hits = new List<SearchHit>();
        foreach (var entry in _entries)
        {
            var best = 0.0;
            string? on = null;
            if (duration is { } d && entry.Kind == SearchHitKind.Finding && string.Equals(entry.Id, d.Id, StringComparison.Ordinal))
            {
                best = DurationReading.Score;
                on = d.Name;
            }

            foreach (var field in entry.Fields)
            {
                foreach (var reading in readings)
                {
                    if (reading.HistoryOnly && !entry.IsHistory)
                    {
                        continue;
                    }

                    var score = Score(reading, field);
                    if (score > best)
                    {
                        best = score;
                        on = field.Text;
                    }
                }
            }

            if (best >= 0.2 && on is not null)
            {
                hits.Add(new SearchHit { Kind = entry.Kind, Id = entry.Id, Name = entry.Name, Score = Math.Round(best, 4), MatchedOn = on });
            }
        }

        return [.. hits
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Kind)
            .ThenBy(h => h.Id, StringComparer.Ordinal)
            .Take(maxResults)];
    }

    /// <summary>"pain radiating to the groin", "ache spreading down the leg": the site the pain reaches.</summary>
    [GeneratedRegex(@"^(?:pain|ache|aching|discomfort)\s+(?:that\s+)?(?:radiat\w*|spread\w*|go(?:es|ing)|shoot\w*|travel\w*|extend\w*|referred)\s+(?:(?:in)?(?:to|down|towards?)\s+(?:the\s+|both\s+|one\s+)?(?<site>.+)|(?<site>(?:below|beyond|past)\s+.+))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RadiatingTo();

    /// <summary>"history of diabetes", "known osteoporosis", "previous spinal surgery", "h/o kidney stones": the past or
    /// standing fact named.</summary>
    [GeneratedRegex(@"^(?:(?:a\s+|past\s+|previous\s+|prior\s+)?(?:medical\s+)?history\s+of|h/o|known|previous|prior|past)\s+(?<what>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HistoryOf();

    /// <summary>What a word the index has never seen ("mild", "gross", "subjective") weighs in a phrase, as a share of
    /// the weight of the rarest known word: it cannot tell one entry from another, so it lowers every score a little
    /// rather than ruling matches out.</summary>
    internal const double UnknownWordShare = 0.25;

    /// <summary>A query word's weight: its inverse document frequency, or a quarter of the largest for a word no entry
    /// contains.</summary>
    private double QueryWeight(string token) => !Qualifiers.Contains(token) && _idf.TryGetValue(token, out var v) ? v : UnknownWordShare * Math.Log(1 + _entries.Length);

    /// <summary>Words that qualify what a phrase names rather than name it ("prolonged sitting", "recent heavy lifting",
    /// "mild fever", "subjective fever"): in a phrase they weigh as a word the index does not know, so a name without them
    /// still matches well, while a name that has them still gains by matching them.</summary>
    private static readonly FrozenSet<string> Qualifiers = new[]
    {
        "prolonged", "recent", "recently", "recurrent", "persistent", "ongoing", "mild", "slight", "marked", "subjective",
        "gross", "frank", "significant", "occasional",
    }.ToFrozenSet(StringComparer.Ordinal);

    private double Idf(string token) => _idf.TryGetValue(token, out var v) ? v : Math.Log(1 + _entries.Length);

    private Reading Read(ImmutableArray<string> tokens, double factor = 1) =>
        new(tokens, tokens.ToFrozenSet(StringComparer.Ordinal), string.Join(' ', tokens), tokens.Sum(QueryWeight), tokens.Any(Negators.Contains), factor);

    private double Score(Reading reading, Field field)
    {
        if (field.Tokens.IsEmpty)
        {
            return 0;
        }

        if (string.Equals(reading.Normalized, field.Normalized, StringComparison.Ordinal))
        {
            return field.Weight * reading.Factor;
        }

        var matched = reading.Tokens.Where(field.Set.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (matched.Count == 0)
        {
            return 0;
        }

        // Share of the query's information the field explains, times how much of the field the query covers. Words of
        // a name's "or" that the phrase chose against ("chills" against "fever or chills") are not part of what the
        // phrase had to cover.
        var recall = Math.Min(1, matched.Sum(QueryWeight) / reading.Weight);
        var fieldWeight = field.Set.Sum(Idf) - UnchosenAlternativesWeight(field, matched);
        var precision = matched.Sum(Idf) / fieldWeight;
        var score = field.Weight * reading.Factor * 0.95 * recall * Math.Sqrt(precision);

        // A phrase and a name that say opposite things ("relieved by lying down" against "not relieved by lying down",
        // "relieved" against "unrelieved") share most of their words. A name that negates what the phrase affirms
        // keeps a fraction of its score; a phrase that negates ("no fever") may be denying the finding itself, so a name
        // that does not negate keeps most of its score and a name that negates alike wins the tie.
        return Polarity(reading, field) switch
        {
            PolarityMatch.FieldNegates => score * FieldNegatesFactor,
            PolarityMatch.QueryNegates => score * QueryNegatesFactor,
            _ => score,
        };
    }

    /// <summary>What a match keeps when the name negates and the phrase does not.</summary>
    internal const double FieldNegatesFactor = 0.3;

    /// <summary>What a match keeps when the phrase negates and the name does not (the phrase may deny the finding).</summary>
    internal const double QueryNegatesFactor = 0.8;

    /// <summary>Words that negate what follows them.</summary>
    private static readonly FrozenSet<string> Negators = new[] { "not", "no", "never", "without", "none" }.ToFrozenSet(StringComparer.Ordinal);

    private enum PolarityMatch
    {
        Same,
        FieldNegates,
        QueryNegates,
    }

    /// <summary>Which side negates: a negating word on one side only, or a word that is the other side's word with
    /// "un" or "non" before it.</summary>
    private static PolarityMatch Polarity(Reading reading, Field field)
    {
        static bool Prefixed(IEnumerable<string> words, IReadOnlySet<string> other) =>
            words.Any(w => (w.StartsWith("un", StringComparison.Ordinal) && w.Length > 4 && other.Contains(w[2..]))
                || (w.StartsWith("non", StringComparison.Ordinal) && w.Length > 5 && other.Contains(w[3..])));

        var queryNegates = reading.Negates || Prefixed(reading.Tokens, field.Set);
        var fieldNegates = field.Negates || Prefixed(field.Tokens, reading.Set);
        return (queryNegates, fieldNegates) switch
        {
            (false, true) => PolarityMatch.FieldNegates,
            (true, false) => PolarityMatch.QueryNegates,
            _ => PolarityMatch.Same,
        };
    }

    private static Field MakeField(string text, double weight)
    {
        var tokens = Tokens(text);
        return new Field(text, tokens, tokens.ToFrozenSet(StringComparer.Ordinal), string.Join(' ', tokens), weight, Alternatives(text));
    }

    /// <summary>The words a name offers as alternatives: the words either side of each "or" ("fever or chills", "upper or
    /// middle back"), with the single words of a list before it ("clicking, catching or locking").</summary>
    internal static ImmutableArray<FrozenSet<string>> Alternatives(string text)
    {
        var segments = OrWord().Split(text);
        if (segments.Length < 2)
        {
            return [];
        }

        var groups = ImmutableArray.CreateBuilder<FrozenSet<string>>();
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            var pieces = segments[i].Split(',');
            var left = Tokens(pieces[^1]);
            var right = Tokens(segments[i + 1].Split(',')[0]);
            if (left.IsEmpty || right.IsEmpty)
            {
                continue;
            }

            var group = new HashSet<string>(StringComparer.Ordinal) { left[^1], right[0] };
            foreach (var piece in pieces[..^1])
            {
                if (Tokens(piece) is { Length: 1 } single)
                {
                    group.Add(single[0]);
                }
            }

            groups.Add(group.ToFrozenSet(StringComparer.Ordinal));
        }

        return groups.ToImmutable();
    }

    /// <summary>The weight of the field's alternatives that the phrase did not match, in groups where it matched another.</summary>
    private double UnchosenAlternativesWeight(Field field, List<string> matched)
    {
        if (field.Alternatives.IsEmpty)
        {
            return 0;
        }

        var unchosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in field.Alternatives)
        {
            if (matched.Any(group.Contains))
            {
                unchosen.UnionWith(group.Where(w => !matched.Contains(w, StringComparer.Ordinal)));
            }
        }

        return unchosen.Sum(Idf);
    }

    [GeneratedRegex(@"\bor\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrWord();

    /// <summary>Lower-case tokens with shorthand expanded, stop words dropped and a light plural stemming.</summary>
    internal static ImmutableArray<string> Tokens(string text)
    {
        var spaced = new StringBuilder(text.Length + 8);
        foreach (var ch in text.ToLowerInvariant().Normalize(NormalizationForm.FormKC))
        {
            spaced.Append(ch switch
            {
                '+' => " + ",
                '’' => '\'',
                _ when char.IsLetterOrDigit(ch) || ch == '\'' || ch == '-' => ch,
                _ => ' ',
            });
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in spaced.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('\'');
            if (Expansions.TryGetValue(word, out var expanded))
            {
                AddWords(expanded, result);
                continue;
            }

            AddWords(word.Replace('-', ' '), result);
        }

        return result.ToImmutable();
    }

    private static void AddWords(string words, ImmutableArray<string>.Builder into)
    {
        foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = Expansions.TryGetValue(w, out var e) && !e.Contains(' ', StringComparison.Ordinal) ? e : w;
            if (StopWords.Contains(word) || word.Length == 0)
            {
                continue;
            }

            into.Add(Stem(word));
        }
    }

    /// <summary>British spellings folded to American ones inside a word ("haematuria" and "hematuria", "anaesthesia" and
    /// "anesthesia", "oedema", "dyspnoea", "tumour"), so either spelling finds a name written in the other.</summary>
    private static readonly (string From, string To)[] SpellingFolds =
    [
        ("haem", "hem"), ("anaem", "anem"), ("aesth", "esth"), ("paed", "ped"), ("oedem", "edem"),
        ("oesoph", "esoph"), ("oestr", "estr"), ("coeli", "celi"), ("rrhoea", "rrhea"), ("pnoea", "pnea"), ("leucocyt", "leukocyt"),
        ("tumour", "tumor"), ("behaviour", "behavior"), ("colour", "color"),
    ];

    /// <summary>The word with British spellings folded (see <see cref="SpellingFolds"/>).</summary>
    private static string Fold(string word)
    {
        foreach (var (from, to) in SpellingFolds)
        {
            if (word.Contains(from, StringComparison.Ordinal))
            {
                word = word.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return word;
    }

    private static string Stem(string word)
    {
        word = Fold(word);

        if (word.Length > 6 && word.EndsWith("ness", StringComparison.Ordinal))
        {
            return word[..^4];
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }
}
