using System.Collections.Immutable;

namespace BackHip.Domain.Instruments;

/// <summary>The answer to the STarT Back bothersomeness item.</summary>
public enum Bothersomeness
{
    /// <summary>Not at all.</summary>
    NotAtAll,

    /// <summary>Slightly.</summary>
    Slightly,

    /// <summary>Moderately.</summary>
    Moderately,

    /// <summary>Very much (scores 1).</summary>
    VeryMuch,

    /// <summary>Extremely (scores 1).</summary>
    Extremely,
}

/// <summary>STarT Back risk group.</summary>
public enum StartBackRisk
{
    /// <summary>Total 0–3.</summary>
    Low,

    /// <summary>Total 4 or more with a psychosocial subscale of 3 or less.</summary>
    Medium,

    /// <summary>Psychosocial subscale 4–5.</summary>
    High,
}

/// <summary>Oswestry disability band.</summary>
public enum OswestryBand
{
    /// <summary>0–20%.</summary>
    Minimal,

    /// <summary>21–40%.</summary>
    Moderate,

    /// <summary>41–60%.</summary>
    Severe,

    /// <summary>61–80%.</summary>
    Crippled,

    /// <summary>81–100%: bed-bound, or exaggerating symptoms.</summary>
    BedBound,
}

/// <summary>How a score moved between two occasions, judged against the instrument's minimal important change.</summary>
public enum ChangeDirection
{
    /// <summary>Better by at least the minimal important change.</summary>
    Improved,

    /// <summary>Within the minimal important change.</summary>
    Unchanged,

    /// <summary>Worse by at least the minimal important change.</summary>
    Worse,
}

/// <summary>STarT Back Screening Tool answers, keyed by construct (item numbering differs between published versions).</summary>
/// <remarks>Item wording belongs to Keele University; only short neutral labels are used here. Every item is required.</remarks>
public sealed record StartBackResponses
{
    /// <summary>Leg pain spreading from the back (agree = true).</summary>
    public bool? ReferredLegPain { get; init; }

    /// <summary>Pain elsewhere, such as shoulder or neck (agree = true).</summary>
    public bool? ComorbidPain { get; init; }

    /// <summary>Walks only short distances because of back pain (agree = true).</summary>
    public bool? WalksShortDistances { get; init; }

    /// <summary>Dresses more slowly because of back pain (agree = true).</summary>
    public bool? DressesSlowly { get; init; }

    /// <summary>Fear: not safe to be physically active (agree = true).</summary>
    public bool? Fear { get; init; }

    /// <summary>Anxiety: worrying thoughts a lot of the time (agree = true).</summary>
    public bool? Anxiety { get; init; }

    /// <summary>Catastrophising: feels it will never get better (agree = true).</summary>
    public bool? Catastrophising { get; init; }

    /// <summary>Low mood: not enjoying things (agree = true).</summary>
    public bool? LowMood { get; init; }

    /// <summary>How bothersome the pain has been.</summary>
    public Bothersomeness? Bothersomeness { get; init; }
}

/// <summary>Oswestry Disability Index 2.1a answers: ten sections scored 0 (least) to 5 (most disability); null when not answered or not applicable.</summary>
public sealed record OswestryResponses
{
    /// <summary>Pain intensity.</summary>
    public int? PainIntensity { get; init; }

    /// <summary>Personal care.</summary>
    public int? PersonalCare { get; init; }

    /// <summary>Lifting.</summary>
    public int? Lifting { get; init; }

    /// <summary>Walking.</summary>
    public int? Walking { get; init; }

    /// <summary>Sitting.</summary>
    public int? Sitting { get; init; }

    /// <summary>Standing.</summary>
    public int? Standing { get; init; }

    /// <summary>Sleeping.</summary>
    public int? Sleeping { get; init; }

    /// <summary>Sex life (if applicable).</summary>
    public int? SexLife { get; init; }

    /// <summary>Social life.</summary>
    public int? SocialLife { get; init; }

    /// <summary>Travelling.</summary>
    public int? Travelling { get; init; }

    internal IEnumerable<(string Id, int? Value)> Sections()
    {
        yield return ("painIntensity", PainIntensity);
        yield return ("personalCare", PersonalCare);
        yield return ("lifting", Lifting);
        yield return ("walking", Walking);
        yield return ("sitting", Sitting);
        yield return ("standing", Standing);
        yield return ("sleeping", Sleeping);
        yield return ("sexLife", SexLife);
        yield return ("socialLife", SocialLife);
        yield return ("travelling", Travelling);
    }
}

/// <summary>Roland-Morris Disability Questionnaire answers: 24 yes/no items (true = the statement applies today).</summary>
/// <remarks>Item wording belongs to its owners; items are identified by number 1–24. Equality compares the items.</remarks>
public sealed record RolandMorrisResponses
{
    /// <summary>The 24 answers in item order; every item is required.</summary>
    public required ImmutableArray<bool?> Items { get; init; }

    /// <inheritdoc />
    public bool Equals(RolandMorrisResponses? other) =>
        other is not null && (Items.IsDefault || other.Items.IsDefault ? Items.IsDefault == other.Items.IsDefault : Items.SequenceEqual(other.Items));

    /// <inheritdoc />
    public override int GetHashCode() => Items.IsDefault ? 0 : Items.Aggregate(17, (h, x) => unchecked((h * 31) + (x is null ? 0 : x.Value ? 2 : 1)));
}

/// <summary>Instrument answers a case may carry.</summary>
public sealed record InstrumentResponses
{
    /// <summary>STarT Back answers, if given.</summary>
    public StartBackResponses? StartBack { get; init; }

    /// <summary>Oswestry answers, if given.</summary>
    public OswestryResponses? Oswestry { get; init; }

    /// <summary>Roland-Morris answers, if given.</summary>
    public RolandMorrisResponses? RolandMorris { get; init; }

    /// <summary>Numeric pain rating 0–10, if given.</summary>
    public int? PainIntensity { get; init; }
}

/// <summary>A STarT Back score.</summary>
public sealed record StartBackScore
{
    /// <summary>Total 0–9.</summary>
    public required int Total { get; init; }

    /// <summary>Psychosocial subscale 0–5 (fear, anxiety, catastrophising, low mood, bothersomeness).</summary>
    public required int Psychosocial { get; init; }

    /// <summary>The risk group.</summary>
    public required StartBackRisk Risk { get; init; }
}

/// <summary>An Oswestry score.</summary>
public sealed record OswestryScore
{
    /// <summary>Disability percentage 0–100: sum / (5 × answered sections) × 100.</summary>
    public required double Percent { get; init; }

    /// <summary>How many sections were answered (8–10).</summary>
    public required int SectionsAnswered { get; init; }

    /// <summary>The disability band.</summary>
    public required OswestryBand Band { get; init; }
}

/// <summary>Scores of the instruments a case carried.</summary>
public sealed record InstrumentScores
{
    /// <summary>STarT Back, if answered.</summary>
    public StartBackScore? StartBack { get; init; }

    /// <summary>Oswestry, if answered.</summary>
    public OswestryScore? Oswestry { get; init; }

    /// <summary>Roland-Morris score 0–24, if answered.</summary>
    public int? RolandMorris { get; init; }

    /// <summary>Numeric pain rating 0–10, if given.</summary>
    public int? PainIntensity { get; init; }
}

/// <summary>How one instrument changed between two occasions.</summary>
public sealed record InstrumentChange
{
    /// <summary>The instrument: startBack, oswestry, rolandMorris or painIntensity.</summary>
    public required string Instrument { get; init; }

    /// <summary>The earlier score (risk group for STarT Back).</summary>
    public required string Before { get; init; }

    /// <summary>The later score.</summary>
    public required string After { get; init; }

    /// <summary>After minus before (for STarT Back, the change in risk group).</summary>
    public required double Delta { get; init; }

    /// <summary>Improved, unchanged or worse against the minimal important change.</summary>
    public required ChangeDirection Direction { get; init; }

    /// <summary>The minimal important change used, in words, with its source key.</summary>
    public required string Threshold { get; init; }
}
