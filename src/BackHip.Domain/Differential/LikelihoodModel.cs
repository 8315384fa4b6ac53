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

    /// <summary><see langword="true"/> when the modifier was derived by the profile model from the condition's typical profile.</summary>
    public bool IsDerived { get; init; }
}

/// <summary>
/// The profile model: factors applied to a condition's prior from its sourced typical profile (age range, sex
/// predominance) when the file gives no age or sex modifier of its own.
/// </summary>
public sealed record ProfileModel
{
    /// <summary>The factor for an age outside the condition's typical range.</summary>
    public required BackgroundRate OutsideTypicalAge { get; init; }

    /// <summary>The factor for the sex the condition is more common in.</summary>
    public required BackgroundRate PredominantSex { get; init; }

    /// <summary>The factor for the other sex.</summary>
    public required BackgroundRate OtherSex { get; init; }
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

    /// <summary>Adjustments by age, sex and pregnancy.</summary>
    public ImmutableArray<PriorModifier> Modifiers { get; init; } = [];
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

    /// <summary><see langword="true"/> when the pair was derived by the region model rather than written in the file.</summary>
    public bool IsDerived { get; init; }
}

/// <summary>
/// The region model: how likely pain is at a site for a condition whose body regions include that site, and for one
/// whose regions do not. It fills in every condition–site pair the file does not state, so pain location discriminates
/// without hundreds of hand-written numbers.
/// </summary>
public sealed record RegionModel
{
    /// <summary>The question group whose options are the pain-site findings.</summary>
    public required string QuestionGroupId { get; init; }

    /// <summary>P(pain at the site | a condition whose regions include it).</summary>
    public required BackgroundRate InRegion { get; init; }

    /// <summary>P(pain at the site | a condition whose regions do not include it).</summary>
    public required BackgroundRate OutOfRegion { get; init; }
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
        RegionModel? regionModel,
        ProfileModel? profileModel,
        System.Collections.Frozen.FrozenDictionary<string, double> derivedBackground)
    {
        RegionModel = regionModel;
        ProfileModel = profileModel;
        _derivedBackground = derivedBackground;
        Setting = setting;
        DefaultBackgroundRate = defaultBackgroundRate;
        Priors = priors;
        BackgroundRates = backgroundRates;
        Pairs = pairs;
    }

    private readonly System.Collections.Frozen.FrozenDictionary<string, double> _derivedBackground;

    /// <summary>The profile model, when the file has one.</summary>
    public ProfileModel? ProfileModel { get; }

    /// <summary>The region model, when the file has one.</summary>
    public RegionModel? RegionModel { get; }

    /// <summary>The clinical setting the priors describe.</summary>
    public string Setting { get; }

    /// <summary>The background rate used for a finding that has none of its own.</summary>
    public BackgroundRate DefaultBackgroundRate { get; }

    /// <summary>One prior per scored condition.</summary>
    public ImmutableArray<ConditionPrior> Priors { get; }

    /// <summary>Background rates of findings.</summary>
    public ImmutableArray<BackgroundRate> BackgroundRates { get; }

    /// <summary>Every condition–finding pair, written ones first, then those derived by the region model.</summary>
    public ImmutableArray<LikelihoodPair> Pairs { get; }

    /// <summary>How often a finding is present in the setting: its stated background rate, else the prior-weighted
    /// rate of the region model for a pain site, else the false-positive rate (1 − specificity) of a study pair, else
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

    /// <summary>Counts every number written in the file (priors, modifiers, background rates, written pairs, the region
    /// model's two numbers, the default rate) and how many are graded estimate. Derived pairs are not counted: they are
    /// computed from the region model's numbers.</summary>
    /// <returns>The total and the number of estimates.</returns>
    public (int Total, int Estimates) CountGrades()
    {
        var grades = Priors.Select(p => p.Grade)
            .Concat(Priors.SelectMany(p => p.Modifiers).Where(m => !m.IsDerived).Select(m => m.Grade))
            .Concat(ProfileModel is null ? [] : [ProfileModel.OutsideTypicalAge.Grade, ProfileModel.PredominantSex.Grade, ProfileModel.OtherSex.Grade])
            .Concat(BackgroundRates.Select(b => b.Grade))
            .Concat(Pairs.Where(p => !p.IsDerived).Select(p => p.Grade))
            .Concat(RegionModel is null ? [] : [RegionModel.InRegion.Grade, RegionModel.OutOfRegion.Grade])
            .Append(DefaultBackgroundRate.Grade)
            .ToList();
        return (grades.Count, grades.Count(g => g == EvidenceGrade.Estimate));
    }
}
