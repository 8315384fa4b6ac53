using System.Collections.Immutable;
using System.Globalization;

namespace BackHip.Domain.Instruments;

/// <summary>Scores the validated instruments exactly per their sources, and compares scores over time.</summary>
/// <remarks>
/// STarT Back (Hill 2008, S57b/S58b): total 0–9, psychosocial subscale 0–5; low 0–3, high subscale 4–5, otherwise
/// medium. Oswestry 2.1a (S73/S74): sum ÷ (5 × answered sections) × 100; bands 0–20, 21–40, 41–60, 61–80, 81–100; at
/// most <see cref="MaxOswestryMissing"/> sections may be missing (the source gives no maximum: a team convention).
/// Roland-Morris (S75): count of the 24 items that apply; every item required. Pain 0–10. Minimal important change
/// (Ostelo 2008, S75): Oswestry 10 points or 30%, Roland-Morris 5 points or 30%, pain 2 points or 30%; STarT Back by
/// change of risk group. Thread-safe; all members are pure functions.
/// </remarks>
public static class InstrumentScoring
{
    /// <summary>The most Oswestry sections that may be missing (team convention; the source gives none).</summary>
    public const int MaxOswestryMissing = 2;

    /// <summary>Checks instrument answers and names every problem item.</summary>
    /// <param name="responses">The answers.</param>
    /// <returns>The problems, with paths such as <c>$.instruments.oswestry.walking</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> is null.</exception>
    public static ValidationResult Validate(InstrumentResponses responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        void Add(string code, string message, string path, string id) =>
            problems.Add(new ValidationProblem { Code = code, Message = message, Path = "$.instruments." + path, Id = id });

        if (responses.StartBack is { } s)
        {
            foreach (var (id, value) in new (string, bool?)[] { ("referredLegPain", s.ReferredLegPain), ("comorbidPain", s.ComorbidPain), ("walksShortDistances", s.WalksShortDistances), ("dressesSlowly", s.DressesSlowly), ("fear", s.Fear), ("anxiety", s.Anxiety), ("catastrophising", s.Catastrophising), ("lowMood", s.LowMood) })
            {
                if (value is null)
                {
                    Add("missing-item", $"STarT Back item '{id}' is not answered; all nine items are required.", "startBack." + id, id);
                }
            }

            if (s.Bothersomeness is null)
            {
                Add("missing-item", "STarT Back item 'bothersomeness' is not answered; all nine items are required.", "startBack.bothersomeness", "bothersomeness");
            }
            else if (!Enum.IsDefined(s.Bothersomeness.Value))
            {
                Add("out-of-range", "STarT Back 'bothersomeness' is not a defined answer.", "startBack.bothersomeness", "bothersomeness");
            }
        }

        if (responses.Oswestry is { } o)
        {
            var missing = new List<string>();
            foreach (var (id, value) in o.Sections())
            {
                if (value is null)
                {
                    missing.Add(id);
                }
                else if (value is < 0 or > 5)
                {
                    Add("out-of-range", $"Oswestry section '{id}' is out of range; sections score 0 to 5.", "oswestry." + id, id);
                }
            }

            if (missing.Count > MaxOswestryMissing)
            {
                Add("too-many-missing", $"Oswestry has {missing.Count} unanswered sections ({string.Join(", ", missing)}); at most {MaxOswestryMissing} may be missing.", "oswestry", string.Join(",", missing));
            }
        }

        if (responses.RolandMorris is { } r)
        {
            if (r.Items.IsDefault || r.Items.Length != 24)
            {
                Add("out-of-range", $"Roland-Morris needs exactly 24 items (found {(r.Items.IsDefault ? 0 : r.Items.Length)}).", "rolandMorris.items", "items");
            }
            else
            {
                for (var i = 0; i < 24; i++)
                {
                    if (r.Items[i] is null)
                    {
                        Add("missing-item", $"Roland-Morris item {i + 1} is not answered; every item is required.", $"rolandMorris.items[{i}]", (i + 1).ToString(CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        if (responses.PainIntensity is { } pain && pain is < 0 or > 10)
        {
            Add("out-of-range", "Pain intensity is out of range; the scale runs 0 to 10.", "painIntensity", "painIntensity");
        }

        return new ValidationResult(problems.ToImmutable());
    }

    /// <summary>Scores every instrument present.</summary>
    /// <param name="responses">The answers.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> is null.</exception>
    /// <exception cref="BackHipValidationException">An answer is out of range or too many are missing; the items are named.</exception>
    public static InstrumentScores Score(InstrumentResponses responses)
    {
        Validate(responses).ThrowIfInvalid("instrument responses");
        return new InstrumentScores
        {
            StartBack = responses.StartBack is { } s ? ScoreStartBack(s) : null,
            Oswestry = responses.Oswestry is { } o ? ScoreOswestry(o) : null,
            RolandMorris = responses.RolandMorris is { } r ? r.Items.Count(i => i == true) : null,
            PainIntensity = responses.PainIntensity,
        };
    }

    private static StartBackScore ScoreStartBack(StartBackResponses s)
    {
        static int One(bool? b) => b == true ? 1 : 0;
        var bother = s.Bothersomeness is Bothersomeness.VeryMuch or Bothersomeness.Extremely ? 1 : 0;
        var psychosocial = One(s.Fear) + One(s.Anxiety) + One(s.Catastrophising) + One(s.LowMood) + bother;
        var total = psychosocial + One(s.ReferredLegPain) + One(s.ComorbidPain) + One(s.WalksShortDistances) + One(s.DressesSlowly);
        var risk = total <= 3 ? StartBackRisk.Low : psychosocial >= 4 ? StartBackRisk.High : StartBackRisk.Medium;
        return new StartBackScore { Total = total, Psychosocial = psychosocial, Risk = risk };
    }

    private static OswestryScore ScoreOswestry(OswestryResponses o)
    {
        var answered = o.Sections().Where(x => x.Value is not null).Select(x => x.Value!.Value).ToList();
        var percent = answered.Sum() / (5.0 * answered.Count) * 100;
        var band = percent <= 20 ? OswestryBand.Minimal : percent <= 40 ? OswestryBand.Moderate : percent <= 60 ? OswestryBand.Severe : percent <= 80 ? OswestryBand.Crippled : OswestryBand.BedBound;
        return new OswestryScore { Percent = percent, SectionsAnswered = answered.Count, Band = band };
    }

    /// <summary>Compares two sets of scores of the same person: improved, unchanged or worse per instrument present in both.</summary>
    /// <param name="before">The earlier scores.</param>
    /// <param name="after">The later scores.</param>
    /// <returns>One change per instrument scored on both occasions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ImmutableArray<InstrumentChange> Compare(InstrumentScores before, InstrumentScores after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var inv = CultureInfo.InvariantCulture;
        var changes = ImmutableArray.CreateBuilder<InstrumentChange>();
        if (before.StartBack is { } sb && after.StartBack is { } sa)
        {
            var delta = (int)sa.Risk - (int)sb.Risk;
            changes.Add(new InstrumentChange
            {
                Instrument = "startBack", Before = sb.Risk.ToString(), After = sa.Risk.ToString(), Delta = delta,
                Direction = delta < 0 ? ChangeDirection.Improved : delta > 0 ? ChangeDirection.Worse : ChangeDirection.Unchanged,
                Threshold = "a change of risk group (S58b)",
            });
        }

        if (before.Oswestry is { } ob && after.Oswestry is { } oa)
        {
            changes.Add(Numeric("oswestry", ob.Percent, oa.Percent, 10, "10 points or 30% (S75)", inv));
        }

        if (before.RolandMorris is { } rb && after.RolandMorris is { } ra)
        {
            changes.Add(Numeric("rolandMorris", rb, ra, 5, "5 points or 30% (S75)", inv));
        }

        if (before.PainIntensity is { } pb && after.PainIntensity is { } pa)
        {
            changes.Add(Numeric("painIntensity", pb, pa, 2, "2 points or 30% (S75)", inv));
        }

        return changes.ToImmutable();
    }

    private static InstrumentChange Numeric(string instrument, double before, double after, double points, string threshold, CultureInfo inv)
    {
        var delta = after - before;
        var improved = -delta >= points || (before > 0 && -delta >= 0.3 * before);
        var worse = delta >= points;
        return new InstrumentChange
        {
            Instrument = instrument, Before = before.ToString("0.#", inv), After = after.ToString("0.#", inv), Delta = delta,
            Direction = improved ? ChangeDirection.Improved : worse ? ChangeDirection.Worse : ChangeDirection.Unchanged,
            Threshold = threshold,
        };
    }
}
