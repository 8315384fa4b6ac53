using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Fracture and trauma pass (issue 14): pairs that the presenter backgrounds for a fall and for severe pain made
/// possible (pelvic insufficiency fracture after a fall, renal colic with severe pain), the osteoporotic fracture's trauma
/// pair given its negative ratio, and the removal of its major-trauma pair, a follow-up asked only after a fall or injury
/// whose ratio multiplied on the injury's own.
/// </summary>
public sealed class FractureTraumaPassTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Theory]
    [InlineData("pelvic-insufficiency-fracture", "fall-or-trauma", "FFP-posterior-85-PMC8270908", 85, 15.0, 17.0, 0.35, 0.38)]
    [InlineData("kidney-stone", "pain-severe", "Renal-colic-ED-pain-2002", 227, 3.6, 4.0, 0.30, 0.34)]
    public void New_sensitivity_pairs_are_estimates_with_provenance_and_the_ratios_their_shares_give(
        string condition, string finding, string source, int sampleSize, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Null(pair.Specificity);
        Assert.Equal(sampleSize, pair.Provenance?.SampleSize);
    }

    [Fact]
    public void Osteoporotic_fracture_keeps_the_published_trauma_ratio_and_gains_the_back_calculated_negative_one()
    {
        var pair = Pair("osteoporotic-vertebral-fracture", "fall-or-trauma");
        Assert.Equal("Enthoven-2016-PhysTher", pair.SourceKey);
        Assert.Equal(6.2, pair.LrPositive, 6);
        Assert.Equal(0.82, pair.LrNegative, 6);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
    }

    [Fact]
    public void Major_trauma_adds_nothing_to_an_osteoporotic_fracture_beyond_the_injury_it_follows()
    {
        // major-trauma is asked only after fall-or-trauma: a ratio of its own multiplied on the injury's counted it twice.
        Assert.Contains("fall-or-trauma", Kb.GetFinding("major-trauma").Requires);
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == "osteoporotic-vertebral-fracture" && p.FindingId == "major-trauma");

        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(60, 95)), age =>
        {
            CaseBuilder Injured() => Case.For(age, Sex.Female).Initial("pain-lower-back").Present("fall-or-trauma");
            var minor = Probability("osteoporotic-vertebral-fracture", Injured().Absent("major-trauma"));
            var major = Probability("osteoporotic-vertebral-fracture", Injured().Present("major-trauma"));
            var traumatic = Probability("traumatic-spinal-fracture", Injured().Present("major-trauma"))
                > Probability("traumatic-spinal-fracture", Injured().Absent("major-trauma"));

            // Only the traumatic fracture moves up with a major mechanism; the osteoporotic one can move only through
            // the renormalisation of the others, so never up.
            return major <= minor * 1.000001 && traumatic;
        }), maxTest: 20);
    }

    [Fact]
    public void A_fall_raises_pelvic_insufficiency_fracture_and_its_absence_lowers_it_at_every_older_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(65, 95)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Female).Initial("pain-groin", "pain-buttock");
            var present = Probability("pelvic-insufficiency-fracture", Base().Present("fall-or-trauma"));
            var unknown = Probability("pelvic-insufficiency-fracture", Base());
            var absent = Probability("pelvic-insufficiency-fracture", Base().Absent("fall-or-trauma"));
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }

    [Fact]
    public void Where_a_condition_rates_both_severe_pain_and_a_sudden_severe_onset_only_one_of_them_counts_its_absence()
    {
        // Both questions ask about severe pain: the absence of severity may lower a condition once, not twice.
        var both = Kb.Likelihoods.Pairs.Where(p => p.FindingId == "pain-severe")
            .Select(p => (Severe: p, Onset: Kb.Likelihoods.Pairs.SingleOrDefault(o => o.ConditionId == p.ConditionId && o.FindingId == "onset-sudden-severe")))
            .Where(x => x.Onset is not null)
            .ToList();
        Assert.All(both, x => Assert.False(x.Severe.LrNegative < 1 && x.Onset!.LrNegative < 1,
            $"{x.Severe.ConditionId}: LR- {x.Severe.LrNegative} on pain-severe and {x.Onset!.LrNegative} on onset-sudden-severe"));
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == "kidney-stone" && p.FindingId == "onset-sudden-severe");
    }
}
