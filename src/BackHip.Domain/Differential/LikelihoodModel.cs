using System.Collections.Immutable;

namespace BackHip.Domain.Differential;

/// <summary>A multiplier on a condition's prior for people matching a profile criterion (age band, sex, pregnancy).</summary>
public sealed record PriorModifier
{
    /// <summary>Who the modifier applies to; reads only the profile.</summary>
    public required Criterion When { get; init; }

    /// <summary>The factor the prior is multiplied by (an odds ratio or likelihood ratio from the source).</summary>
    public required double Factor { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }
}

/// <summary>One point of an age curve: the factor on a condition's prior at an age.</summary>
public sealed record AgePoint
{
    /// <summary>The age in years (usually the midpoint of a band the source reports).</summary>
    public required int Age { get; init; }

    /// <summary>The factor on the prior at that age, positive.</summary>
    public required double Factor { get; init; }
}

/// <summary>
/// How a condition's prior changes with age, from sourced age-band figures: the factor is interpolated linearly in
/// log scale between the points and held flat before the first and after the last, so one year of age never makes a
/// step.
/// </summary>
public sealed record AgeCurve
{
    /// <summary>The points, in ascending age; at least one.</summary>
    public required ImmutableArray<AgePoint> Points { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why these points, required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>The factor at an age: log-linear between points, flat outside them.</summary>
    /// <param name="age">The age in years.</param>
    /// <returns>The factor, positive.</returns>
    public double FactorAt(int age)
    {
        var points = Points;
        if (points.IsDefaultOrEmpty)
        {
            return 1.0;
        }

        if (age <= points[0].Age)
        {
            return points[0].Factor;
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (age <= points[i].Age)
            {
                var a = points[i - 1];
                var b = points[i];
                var t = (double)(age - a.Age) / (b.Age - a.Age);
                return Math.Exp(((1 - t) * Math.Log(a.Factor)) + (t * Math.Log(b.Factor)));
            }
        }

        return points[^1].Factor;
    }
}

/// <summary>A condition's prior: its prevalence among adults presenting with low back or hip pain, with provenance.</summary>
public sealed record ConditionPrior
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The prevalence, in (0, 1).</summary>
    public required double Prevalence { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>Where the default prevalence comes from (population, setting, kind of figure, sample size, what was
    /// read), when recorded; null for priors entered before provenance was kept.</summary>
    public NumberProvenance? Provenance { get; init; }

    /// <summary>Adjustments by age, sex and pregnancy.</summary>
    public ImmutableArray<PriorModifier> Modifiers { get; init; } = [];

    /// <summary>How the prior changes with age, when sources give age-band figures; null means age does not change it
    /// (beyond the condition's hard applicability limits).</summary>
    public AgeCurve? AgeCurve { get; init; }

    /// <summary>The prior's factor at an age: the age curve's, or 1 without one.</summary>
    /// <param name="age">The age in years.</param>
    /// <returns>The factor.</returns>
    public double AgeFactor(int age) => AgeCurve?.FactorAt(age) ?? 1.0;

    /// <summary>Prevalences in other settings, where a source gives one (at most one per setting); the age curve and the
    /// modifiers apply to them as to <see cref="Prevalence"/>.</summary>
    public ImmutableArray<SettingPrior> Settings { get; init; } = [];

    /// <summary>The prior used for a case in a setting: the setting's own when <see cref="Settings"/> has it, otherwise
    /// <see langword="null"/> (the default <see cref="Prevalence"/> applies).</summary>
    /// <param name="setting">The case's setting, or <see langword="null"/> when not stated.</param>
    /// <returns>The setting's prior, or <see langword="null"/>.</returns>
    public SettingPrior? InSetting(CareSetting? setting)
    {
        if (setting is null)
        {
            return null;
        }

        foreach (var item in Settings)
        {
            if (item.Setting == setting)
            {
                return item;
            }
        }

        return null;
    }
}

/// <summary>A condition's prevalence among people with back or hip pain assessed in one setting, with its source.</summary>
public sealed record SettingPrior
{
    /// <summary>The setting.</summary>
    public required CareSetting Setting { get; init; }

    /// <summary>The prevalence in that setting, in (0, 1).</summary>
    public required double Prevalence { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>Where the number was measured, when the file records it.</summary>
    public NumberProvenance? Provenance { get; init; }
}

/// <summary>What a source measured in: the index test's kind, as the source applied it.</summary>
public enum IndexTestKind
{
    /// <summary>What the person reports (a history item or questionnaire answer).</summary>
    SelfReport,

    /// <summary>A clinician's examination finding.</summary>
    Examination,

    /// <summary>A laboratory or bedside test result.</summary>
    Test,

    /// <summary>An imaging finding.</summary>
    Imaging,
}

/// <summary>
/// Where a number comes from, so a number moved across populations or index tests is visible as such: the population and
/// setting the source measured it in, its reference standard, the kind of index test, the sample size and what was read
/// to check it.
/// </summary>
public sealed record NumberProvenance
{
    /// <summary>The population the source measured (for example "adults presenting to primary care with low back pain").</summary>
    public required string Population { get; init; }

    /// <summary>The care setting (for example primary care, emergency department, specialist, surgical series).</summary>
    public required string Setting { get; init; }

    /// <summary>The reference standard the source used, when it has one (null for a frequency in a case series).</summary>
    public string? ReferenceStandard { get; init; }

    /// <summary>The kind of index test the source measured.</summary>
    public required IndexTestKind IndexType { get; init; }

    /// <summary>The number of people the figure rests on, when the source gives it.</summary>
    public int? SampleSize { get; init; }

    /// <summary>What was read to check the number (for example "abstract", "full text", "secondary: review X"), with the date checked.</summary>
    public required string Checked { get; init; }
}

/// <summary>How often a finding is present among people with back or hip pain in general; used for questions.</summary>
public sealed record BackgroundRate
{
    /// <summary>The finding id.</summary>
    public required string FindingId { get; init; }

    /// <summary>The rate, in (0, 1).</summary>
    public required double Rate { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>Where the number was measured, when the file records it.</summary>
    public NumberProvenance? Provenance { get; init; }
}

/// <summary>The diagnostic accuracy of one finding for one condition, with provenance.</summary>
/// <remarks>
/// Given as sensitivity and specificity (the likelihood ratios are then computed: LR+ = sens / (1 − spec),
/// LR− = (1 − sens) / spec) or as likelihood ratios directly. A missing LR− is 1: an absent finding is then neutral.
/// </remarks>
public sealed record LikelihoodPair
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The finding id.</summary>
    public required string FindingId { get; init; }

    /// <summary>The sensitivity, when the source gives it.</summary>
    public double? Sensitivity { get; init; }

    /// <summary>The specificity, when the source gives it.</summary>
    public double? Specificity { get; init; }

    /// <summary>The positive likelihood ratio: how much a present finding multiplies the odds.</summary>
    public required double LrPositive { get; init; }

    /// <summary>The negative likelihood ratio: how much an absent finding multiplies the odds.</summary>
    public required double LrNegative { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number; required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>Where the number was measured (population, setting, reference standard, index-test kind), when the file records it.</summary>
    public NumberProvenance? Provenance { get; init; }

    /// <summary>P(finding | rest), the background rate a sensitivity given alone is divided by (LR+ = sensitivity / rate),
    /// or <see langword="null"/> when the pair states its own specificity or ratios (a pair carried from a broader finding,
    /// see <see cref="ImpliedFrom"/>, keeps the broader pair's rate, which its ratio rests on). The ratio then rests on two numbers,
    /// each with its own grade: <see cref="Grade"/> grades the sensitivity, <see cref="BackgroundGrade"/> the rate.</summary>
    public double? BackgroundRate { get; init; }

    /// <summary>The source key of <see cref="BackgroundRate"/> (the background rate's own source, or the pain maps' unmapped
    /// rate's source for a site background derived from the pain maps); <see langword="null"/> when there is none.</summary>
    public string? BackgroundSourceKey { get; init; }

    /// <summary>The grade of <see cref="BackgroundRate"/> (a site background derived from the pain maps is an estimate);
    /// <see langword="null"/> when there is none.</summary>
    public EvidenceGrade? BackgroundGrade { get; init; }

    /// <summary><see langword="true"/> when the pair comes from the condition's pain map: P(site | condition) is the map's
    /// frequency and P(site | rest) the site's background rate.</summary>
    public bool FromPainMap { get; init; }

    /// <summary>The broader finding whose pair this one carries, or <see langword="null"/> for a written pair. A finding a
    /// variable's <c>implies</c> map makes narrower than another (a reported fever is a yes to "fever or chills") takes the
    /// broader pair's LR+, with absence neutral, for every condition that has no pair of its own for it; such a pair is
    /// derived when the file is read, not a number of its own, and is left out of <see cref="LikelihoodModel.CountGrades"/>.</summary>
    public string? ImpliedFrom { get; init; }

    /// <summary><see langword="true"/> when the pair is derived for a label of exclusion (see <see cref="ResidualLabels"/>):
    /// its <see cref="Sensitivity"/> is the part of the finding's background rate that the conditions with pairs of their
    /// own leave, computed when the file is read. Graded estimate and left out of <see cref="LikelihoodModel.CountGrades"/>,
    /// since it is computed from other numbers.</summary>
    public bool Residual { get; init; }

    /// <summary>The frequency band (see <see cref="Differential.FrequencyBand"/>) a source's words put the finding in, when no source
    /// gives a count: <see cref="Sensitivity"/> is then the band's <see cref="Differential.FrequencyBand.Value"/> and the pair is
    /// an estimate. <see langword="null"/> for a pair whose numbers a source reports.</summary>
    public string? FrequencyBand { get; init; }
}

/// <summary>
/// A verbal frequency band: how often a finding is present in a condition when a textbook, guideline or review says so in
/// words ("nearly all", "most", "sometimes", "rarely") and no source counts it. The bands are the Human Phenotype
/// Ontology's frequency terms; a pair in a band takes the band's midpoint as its sensitivity, graded estimate, so a
/// condition's profile can name its characteristic findings without a number being presented as measured.
/// </summary>
public sealed record FrequencyBand
{
    /// <summary>The band's name in likelihoods.json, such as <c>veryFrequent</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The ontology term that defines the band, such as <c>HP:0040281</c>.</summary>
    public required string Term { get; init; }

    /// <summary>The lowest share of people with the condition the band covers.</summary>
    public required double Low { get; init; }

    /// <summary>The highest share the band covers.</summary>
    public required double High { get; init; }

    /// <summary>The share a pair in the band uses: the midpoint of <see cref="Low"/> and <see cref="High"/>.</summary>
    public double Value => (Low + High) / 2;

    /// <summary>The source key of the band's definition.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade of the band's definition.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Which words the band takes, and why its midpoint is used.</summary>
    public required string Rationale { get; init; }
}

/// <summary>How a pain-map site's frequency was obtained.</summary>
public enum PainSiteKind
{
    /// <summary>A source reports the frequency.</summary>
    Measured,

    /// <summary>A source names the site as where the condition's pain is typically felt but gives no frequency; the
    /// frequency is the file's typical-site rate, an estimate, used for the site's presence only (its absence counts
    /// nothing, since no source measured how often the pain is felt elsewhere).</summary>
    Typical,

    /// <summary>The condition's sourced definition places its pain elsewhere; the frequency is the file's unmapped rate,
    /// an estimate.</summary>
    OutsideDefinition,

    /// <summary>The condition's sourced definition requires pain at this site (low back pain is pain of the lower back);
    /// the frequency is 1 minus the file's unmapped rate, an estimate of how often a person with the condition does not
    /// report pain there (pain placed or named otherwise). Its absence counts against the condition by that much and no
    /// further, so one answer never excludes it.</summary>
    Defining,

    /// <summary>A site the condition's pain reaches by referral or spread (one of its
    /// <see cref="Condition.ReferredRegions"/>) with no measured frequency; the frequency is the file's
    /// referred-site rate, an estimate, used for the site's presence only (its absence counts nothing).</summary>
    /// <remarks>Added after the other kinds so that their values stay as they were.</remarks>
    Referred,
}

/// <summary>One site of a condition's pain map: how often its pain is felt there, with provenance.</summary>
public sealed record PainMapSite
{
    /// <summary>The condition id.</summary>
    public required string ConditionId { get; init; }

    /// <summary>The pain-site finding id.</summary>
    public required string SiteId { get; init; }

    /// <summary>P(pain at the site | condition), in (0, 1) (a measured frequency of 1 is refused: a site the condition's
    /// definition requires is <see cref="PainSiteKind.Defining"/>).</summary>
    public required double Frequency { get; init; }

    /// <summary>How the frequency was obtained.</summary>
    public PainSiteKind Kind { get; init; }

    /// <summary><see langword="true"/> when the site was not written in the map but taken, as a typical site, from the
    /// condition's sourced body regions.</summary>
    public bool FromRegions { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade.</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why this number, required for estimates.</summary>
    public string? Rationale { get; init; }

    /// <summary>Where the number was measured, when the file records it.</summary>
    public NumberProvenance? Provenance { get; init; }
}

/// <summary>
/// Findings that measure one thing (the options of a one-of question and findings that restate them, such as a coarser
/// duration question). Scoring treats them as one variable: once one is answered present, absent answers of the others
/// add nothing. For a one-of question (whose options exclude each other), only the first present option (in
/// knowledge-base order) that has a pair counts for each condition, the option answered present makes every option not
/// answered at all absent, and a condition with no pair for the present option counts the options answered absent
/// ("under 2 weeks" is also "not over 12 weeks"). For findings of separate questions that measure one thing (an entry
/// with its own id, such as reported and measured fever), only the strongest answer counts for each condition: the
/// largest LR+ among present answers, or with none present the smallest LR- among absent ones, so a further answer the
/// same way never moves a condition against it (an examined saddle anaesthesia is not weakened by the reported
/// numbness added beside it).
/// </summary>
public sealed record FindingVariable
{
    /// <summary>The variable's id: the one-of question group it extends.</summary>
    public required string Id { get; init; }

    /// <summary>The findings of the variable, in knowledge-base order.</summary>
    public required ImmutableArray<string> FindingIds { get; init; }

    /// <summary>Why these findings measure one thing, when the file says (one-of groups need no reason).</summary>
    public string? Rationale { get; init; }
}

/// <summary>
/// Findings of separate questions where a yes to a narrower one is also a yes to the broader one (kicking sports are
/// sport), so a condition with pairs on both would count one fact twice. For such a condition scoring counts the
/// narrower pair alone when the narrower answer is yes (the broader pair is left out), and the broader pair alone when
/// the broader answer is no (the narrower answer's "no" is implied and left out). Every other combination counts both,
/// which never overstates: a "no" to the narrower question beside a "yes" to the broader one counts the narrower pair's
/// plain LR-, nearer 1 than the conditional ratio it stands for.
/// </summary>
public sealed record NestedFindings
{
    /// <summary>The broader finding.</summary>
    public required string BroadId { get; init; }

    /// <summary>The narrower findings: each answered yes implies the broader one.</summary>
    public required ImmutableArray<string> NarrowerIds { get; init; }

    /// <summary>Why a yes to each narrower finding is a yes to the broader one.</summary>
    public required string Rationale { get; init; }
}

/// <summary>
/// Labels of exclusion: conditions diagnosed when no specific cause is found (nonspecific low back pain), which therefore
/// carry whatever part of a finding's presentation the specific conditions do not explain.
/// </summary>
/// <remarks>
/// <para>A finding's background rate b is how often it is present among everyone presenting: the prior-weighted mixture
/// of P(finding | condition) over every condition. A condition with no pair of its own sits at b. For each finding with a
/// stated background rate that at least one specific condition has a pair for, each residual label without a pair of
/// its own takes P(finding | label) = b − Σ w<sub>c</sub> (P(finding | c) − b) / W, the sum over the conditions with a pair
/// (w their prior shares in the default setting, conditions limited to pregnancy left out; W the share of the residual
/// labels without a pair), so the mixture again equals b. These pairs are marked <see cref="LikelihoodPair.Residual"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ResidualLabels
{
    /// <summary>The residual conditions, in file order.</summary>
    public required ImmutableArray<string> ConditionIds { get; init; }

    /// <summary>The source that defines these conditions as labels of exclusion.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The grade of that definition (the derived pairs are always estimates).</summary>
    public required EvidenceGrade Grade { get; init; }

    /// <summary>Why these conditions are labels of exclusion.</summary>
    public string? Rationale { get; init; }

    /// <summary>Findings whose paired conditions, weighted by their priors, put more presenters with the finding than
    /// its background rate allows (the sourced numbers contradict each other): no pair is derived for them, and the
    /// residual labels stay neutral to them.</summary>
    public required ImmutableArray<string> Inconsistent { get; init; }
}

/// <summary>The priors and likelihoods the differential engine scores with.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LikelihoodModel
{
    internal LikelihoodModel(
        string setting,
        BackgroundRate defaultBackgroundRate,
        ImmutableArray<ConditionPrior> priors,
        ImmutableArray<BackgroundRate> backgroundRates,
        ImmutableArray<LikelihoodPair> pairs,
        ImmutableArray<PainMapSite> painMaps,
        ImmutableArray<FindingVariable> variables,
        System.Collections.Frozen.FrozenDictionary<string, double> derivedBackground,
        ImmutableArray<BackgroundRate> mapRates,
        ImmutableArray<NestedFindings> nested = default,
        ImmutableArray<FrequencyBand> frequencyBands = default,
        ResidualLabels? residual = null)
    {
        Residual = residual;
        Nested = nested.IsDefault ? [] : nested;
        FrequencyBands = frequencyBands.IsDefault ? [] : frequencyBands;
        PainMapRates = mapRates;
        PainMaps = painMaps;
        Variables = variables;
        _derivedBackground = derivedBackground;
        Setting = setting;
        DefaultBackgroundRate = defaultBackgroundRate;
        Priors = priors;
        BackgroundRates = backgroundRates;
        Pairs = pairs;
    }

    private readonly System.Collections.Frozen.FrozenDictionary<string, double> _derivedBackground;

    /// <summary>Every site of every condition's pain map (each also appears in <see cref="Pairs"/> as a pair marked
    /// <see cref="LikelihoodPair.FromPainMap"/>).</summary>
    public ImmutableArray<PainMapSite> PainMaps { get; }

    /// <summary>The pain maps' own numbers: the typical-site rate, the referred-site rate when the file gives one, and the
    /// unmapped rate, last (empty without pain maps).</summary>
    public ImmutableArray<BackgroundRate> PainMapRates { get; }

    /// <summary>Groups of findings scored as one variable: every one-of question group, with the findings the file
    /// adds to it.</summary>
    public ImmutableArray<FindingVariable> Variables { get; }

    /// <summary>Broader findings and the narrower findings whose yes implies them (see <see cref="NestedFindings"/>).</summary>
    public ImmutableArray<NestedFindings> Nested { get; }

    /// <summary>The labels of exclusion and the findings they could not be given a derived pair for, or
    /// <see langword="null"/> when the file names none (see <see cref="ResidualLabels"/>).</summary>
    public ResidualLabels? Residual { get; }

    /// <summary>The verbal frequency bands pairs may be written in (see <see cref="FrequencyBand"/>), lowest first.</summary>
    public ImmutableArray<FrequencyBand> FrequencyBands { get; }

    /// <summary>The clinical setting the priors describe.</summary>
    public string Setting { get; }

    /// <summary>The background rate used for a finding that has none of its own.</summary>
    public BackgroundRate DefaultBackgroundRate { get; }

    /// <summary>One prior per scored condition.</summary>
    public ImmutableArray<ConditionPrior> Priors { get; }

    /// <summary>Background rates of findings.</summary>
    public ImmutableArray<BackgroundRate> BackgroundRates { get; }

    /// <summary>Every condition–finding pair: the written ones, then those derived for labels of exclusion
    /// (<see cref="LikelihoodPair.Residual"/>), then one per pain-map site, then those carried to narrower findings
    /// (<see cref="LikelihoodPair.ImpliedFrom"/>).</summary>
    public ImmutableArray<LikelihoodPair> Pairs { get; }

    /// <summary>How often a finding is present in the setting: its stated background rate, else for a pain site the
    /// prior-weighted rate over the pain maps, else the false-positive rate (1 − specificity) of a study pair, else
    /// <see cref="DefaultBackgroundRate"/>.</summary>
    /// <param name="findingId">The finding id.</param>
    /// <returns>The rate in (0, 1).</returns>
    public double BackgroundRateOf(string findingId)
    {
        foreach (var rate in BackgroundRates)
        {
            if (string.Equals(rate.FindingId, findingId, StringComparison.Ordinal))
            {
                return rate.Rate;
            }
        }

        if (_derivedBackground.TryGetValue(findingId, out var derived))
        {
            return derived;
        }

        foreach (var pair in Pairs)
        {
            if (pair.Specificity is { } spec && string.Equals(pair.FindingId, findingId, StringComparison.Ordinal))
            {
                return 1 - spec;
            }
        }

        return DefaultBackgroundRate.Rate;
    }

    /// <summary>Counts every number written in the file (priors, their setting prevalences, modifiers, age curves, background rates, pairs, pain-map
    /// sites and their two rates, the default rate) and how many are graded estimate. A written pain-map site counts once
    /// (its pair is computed from it); typical sites taken from body regions and derived site background rates are not
    /// counted (they are computed from the typical-site rate and the maps), nor are pairs derived for labels of exclusion or
    /// carried to narrower findings.</summary>
    /// <returns>The total and the number of estimates.</returns>
    public (int Total, int Estimates) CountGrades()
    {
        var grades = Priors.Select(p => p.Grade)
            .Concat(Priors.SelectMany(p => p.Modifiers).Select(m => m.Grade))
            .Concat(Priors.Where(p => p.AgeCurve is not null).Select(p => p.AgeCurve!.Grade))
            .Concat(Priors.SelectMany(p => p.Settings).Select(s => s.Grade))
            .Concat(BackgroundRates.Select(b => b.Grade))
            .Concat(Pairs.Where(p => !p.FromPainMap && p.ImpliedFrom is null && !p.Residual).Select(p => p.Grade))
            .Concat(PainMaps.Where(m => !m.FromRegions).Select(m => m.Grade))
            .Concat(PainMapRates.Select(r => r.Grade))
            .Append(DefaultBackgroundRate.Grade)
            .ToList();
        return (grades.Count, grades.Count(g => g == EvidenceGrade.Estimate));
    }
}
