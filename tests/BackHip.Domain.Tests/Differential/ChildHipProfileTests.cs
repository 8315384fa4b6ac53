using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The transient synovitis profile (issue 14): its case-series frequencies record where they came from, and they move the
/// irritable-hip differential the way the sources say: fever is far commoner in septic arthritis (about half or more)
/// than in transient synovitis (13%), so a present fever shifts the balance towards septic arthritis and an absent one
/// towards transient synovitis.
/// </summary>
public sealed class ChildHipProfileTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static double SepticOverSynovitis(int age, Func<CaseBuilder, CaseBuilder> fever)
    {
        var builder = Case.For(age, Sex.Male).Initial("pain-hip").Present("limp").Absent("fall-or-trauma");
        var ranked = new DifferentialEngine(Kb).Score(fever(builder).Build()).Ranked;
        var septic = ranked.Single(r => r.ConditionId == "septic-arthritis-hip").Probability;
        var synovitis = ranked.Single(r => r.ConditionId == "transient-synovitis-hip").Probability;
        return septic / synovitis;
    }

    [Fact]
    public void Transient_synovitis_numbers_are_case_series_frequencies_graded_estimate_with_provenance()
    {
        foreach (var finding in new[] { "fever-or-chills", "limp" })
        {
            var pair = Pair("transient-synovitis-hip", finding);
            Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
            Assert.NotNull(pair.Provenance);
            Assert.True(Kb.Sources.ContainsKey(pair.SourceKey), pair.SourceKey);
        }

        // A case-series frequency over the adult background: fever 0.13 / 0.023, limp 0.375 / 0.15.
        Assert.InRange(Pair("transient-synovitis-hip", "fever-or-chills").LrPositive, 5, 6.5);
        Assert.InRange(Pair("transient-synovitis-hip", "limp").LrPositive, 2, 3);
        // Fever is rarer in transient synovitis than in septic arthritis, so its positive ratio stays the smaller one.
        Assert.True(Pair("transient-synovitis-hip", "fever-or-chills").LrPositive < Pair("septic-arthritis-hip", "fever-or-chills").LrPositive);
    }

    [Fact]
    public void A_well_afebrile_limping_five_year_old_ranks_transient_synovitis_above_septic_arthritis()
    {
        // Afebrile: 87% of transient synovitis against at most half of septic arthritis; limp is recorded for transient
        // synovitis only, and the prior at five is about ten to one (Krul 2010 incidence against the septic hip curve).
        Assert.True(SepticOverSynovitis(5, b => b.Absent("fever-or-chills")) < 1);
    }

    [Fact]
    public void Fever_always_moves_an_irritable_hip_towards_septic_arthritis()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(2, 12)), age =>
        {
            var present = SepticOverSynovitis(age, b => b.Present("fever-or-chills"));
            var unknown = SepticOverSynovitis(age, b => b);
            var absent = SepticOverSynovitis(age, b => b.Absent("fever-or-chills"));
            return present > unknown && unknown > absent;
        }), maxTest: 20);
    }
}
