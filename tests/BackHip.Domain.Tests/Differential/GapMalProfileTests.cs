using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Profile-gap pass for the malignancy and bone-medical group (session 10, issue 14): shoulder pain for polymyalgia
/// rheumatica (bilateral shoulder aching in 96.3%, 2012 criteria validation) against the HUNT shoulder-pain background,
/// counted once with the shoulder-neck ache it restates; night pain for myeloma (69% of 81 seen by an orthopaedist,
/// Graziani 2021); the Paget age curve from age-band incidence (Cook 2021); and the
/// presenter backgrounds of constant and worsening pain. Every number is an estimate with a source that resolves.
/// </summary>
public sealed class GapMalProfileTests
{
    private const string Pmr = "polymyalgia-rheumatica";
    private const string Paget = "pagets-disease-of-bone";
    private const string Myeloma = "multiple-myeloma";

    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void Shoulder_pain_is_the_sourced_share_for_polymyalgia_and_moves_it_both_ways()
    {
        MeasuredShareMovesBothWays(Pmr, "pain-shoulder", "Macchioni-2014-PMR", 0.963, 136, (1.5, 1.6), (0.09, 0.11), () => Case.For(72, Sex.Female).Initial("pain-hip"));
    }

    [Fact]
    public void Shoulder_pain_and_the_shoulder_neck_ache_count_once_and_never_against_each_other()
    {
        // One measured share (bilateral shoulder aching) underlies both pairs: with both answered yes, only the stronger
        // counts, so adding the second never lowers polymyalgia and both together equal the stronger alone.
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(50, 90)), Arb.From(Gen.Elements(Sex.Female, Sex.Male)), (age, sex) =>
        {
            CaseBuilder Base() => Case.For(age, sex).Initial("pain-hip");
            var shoulder = Probability(Pmr, Base().Present("pain-shoulder"));
            var ache = Probability(Pmr, Base().Present("shoulder-neck-stiffness"));
            var both = Probability(Pmr, Base().Present("pain-shoulder").Present("shoulder-neck-stiffness"));
            return both >= ache - 1e-12 && both >= shoulder - 1e-12 && Math.Abs(both - Math.Max(shoulder, ache)) < 1e-9;
        }), maxTest: 40);
    }

    [Fact]
    public void The_shoulder_girdle_variable_joins_the_two_shoulder_findings()
    {
        var variable = Assert.Single(Kb.Likelihoods.Variables, v => v.Id == "shoulder-girdle-ache");
        Assert.Equal(["pain-shoulder", "shoulder-neck-stiffness"], variable.FindingIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shoulder_constant_and_worsening_pain_backgrounds_are_sourced_presenter_rates()
    {
        SourcedBackground("pain-shoulder", 0.62, "Overas-2023-HUNT-cooccurring", "population", 36046);
        SourcedBackground("pain-constant", 0.45, "EurJPhysiother-2016-constant-LBP", "physiotherapy clinics", 62);
        SourcedBackground("pain-worsening", 0.41, "Verkerk-2011-BMCMSD", "tertiary rehabilitation centre", 1760);
        PairsWithinBackground("pain-constant");
        PairsWithinBackground("pain-worsening");
    }

    [Fact]
    public void Night_pain_is_the_sourced_share_for_myeloma_and_moves_it_both_ways()
    {
        MeasuredShareMovesBothWays(Myeloma, "night-pain", "Graziani-2021-MM-warning-signs", 0.69, 81, (1.5, 1.65), (0.5, 0.6), () => Case.For(70, Sex.Male).Initial("pain-lower-back"));

        // Not moved to metastasis: its night-pain pair is the frequent band of narrative reviews (an estimate), not the
        // myeloma series' share.
        var metastasis = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == "spinal-metastasis" && p.FindingId == "night-pain");
        Assert.Equal("frequent", metastasis.FrequencyBand);
        Assert.NotEqual(0.69, metastasis.Sensitivity);
    }

    [Fact]
    public void Paget_age_curve_follows_the_measured_rise_in_incidence()
    {
        var prior = Assert.Single(Kb.Likelihoods.Priors, p => p.ConditionId == Paget);
        var curve = Assert.IsType<AgeCurve>(prior.AgeCurve);
        Assert.Equal("Cook-2021-Rheumatology-Paget", curve.SourceKey);
        Assert.Equal(EvidenceGrade.Estimate, curve.Grade);
        Assert.True(Kb.Sources.ContainsKey(curve.SourceKey), curve.SourceKey);

        // 0.0555 per 10,000 a year at 45-49 against 5.0 at 85 and over (means of the sexes): a 90-fold rise.
        Assert.InRange(prior.AgeFactor(87) / prior.AgeFactor(47), 85, 95);

        // The curve averages to one over adult presenters of 27-85, so the prior keeps its meaning.
        var mean = Enumerable.Range(27, 59).Average(prior.AgeFactor);
        Assert.InRange(mean, 0.9, 1.15);

        // It rises at every adult age up to the oldest band.
        for (var age = 30; age < 87; age++)
        {
            Assert.True(prior.AgeFactor(age + 1) > prior.AgeFactor(age), $"{age}: {prior.AgeFactor(age):0.####}");
        }
    }

    // A share measured in a case series, entered as a sensitivity over the finding's presenter background: its source,
    // value, grade and sample size, the background bound, and that a yes raises the condition and a no lowers it.
    private static void MeasuredShareMovesBothWays(string condition, string finding, string source, double share, int sampleSize,
        (double Low, double High) lrPositive, (double Low, double High) lrNegative, Func<CaseBuilder> baseCase)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, lrPositive, lrNegative);
        Assert.Equal(share, pair.Sensitivity);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(sampleSize, pair.Provenance?.SampleSize);
        Assert.Contains(PairsWithinBackground(finding), p => p.ConditionId == condition);

        var (present, unknown, absent) = Directions(condition, baseCase, finding);
        Assert.True(present > unknown && unknown > absent, $"present {present}, unknown {unknown}, absent {absent}");
    }
}
