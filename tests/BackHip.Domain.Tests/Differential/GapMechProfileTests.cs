using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Gap pass for the mechanical, groin and rheumatology group (issue 14, session 10): pain eased by exercise for axial
/// SpA (Braun 2011, primary-care orthopaedic practice). The finding is one of the five ASAS inflammatory back pain items,
/// so its pair must count only while the case leaves the ASAS cluster undetermined and never on top of the cluster.
/// </summary>
public sealed class GapMechProfileTests
{
    private const string AxSpa = "axial-spondyloarthritis";

    /// <summary>The four ASAS items other than pain eased by exercise.</summary>
    private static readonly string[] OtherAsasItems = ["onset-before-age-40", "onset-gradual", "not-relieved-rest", "night-pain-eases-on-getting-up"];

    [Fact]
    public void Relieved_by_exercise_is_the_primary_care_figure_graded_estimate_with_its_cohort()
    {
        var pair = SourcedPair(AxSpa, "relieved-exercise", "Braun-2011-primarycare", (1.2, 1.4), (0.5, 0.62));
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(0.779, pair.Sensitivity);
        Assert.Equal(0.397, pair.Specificity);
        Assert.Equal(322, pair.Provenance?.SampleSize);
        Assert.Equal(IndexTestKind.SelfReport, pair.Provenance?.IndexType);
    }

    [Fact]
    public void The_item_is_one_of_the_asas_cluster_items_whose_cluster_axial_spa_scores()
    {
        var cluster = Assert.Single(KnowledgeBase.Default.Findings, f => f.Id == "asas-ibp-criteria");
        Assert.NotNull(cluster.Composite);
        Assert.Contains("relieved-exercise", cluster.Composite!.Of);
        Assert.All(OtherAsasItems, item => Assert.Contains(item, cluster.Composite.Of));
        Assert.Single(KnowledgeBase.Default.Likelihoods.Pairs, p => p.ConditionId == AxSpa && p.FindingId == "asas-ibp-criteria");
    }

    [Fact]
    public void With_the_cluster_undetermined_the_answer_moves_axial_spa_both_ways_at_every_young_adult_age()
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 44)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Male).Initial("pain-lower-back").Present("duration-over-12-weeks");
            var (present, unknown, absent) = Directions(AxSpa, Base, "relieved-exercise");
            return present > unknown && unknown > absent;
        }), maxTest: 15);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Once_the_other_four_items_settle_the_cluster_the_answer_adds_nothing(bool othersPresent)
    {
        // Four of five present makes the cluster positive whatever the fifth answer; four absent makes it negative.
        // Either way the cluster is determined, so the item's own pair must not be counted on top of it.
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 44)), age =>
        {
            CaseBuilder Base()
            {
                var builder = Case.For(age, Sex.Female).Initial("pain-lower-back").Present("duration-over-12-weeks");
                return othersPresent ? builder.Present(OtherAsasItems) : builder.Absent(OtherAsasItems);
            }

            var (present, _, absent) = Directions(AxSpa, Base, "relieved-exercise");
            return Math.Abs(present - absent) < 1e-12;
        }), maxTest: 10);
    }
}
