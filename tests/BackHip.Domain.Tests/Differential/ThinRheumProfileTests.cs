using BackHip.Domain.Differential;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Thin-profile pass for the rheumatological, neural and pelvic-girdle labels (session 11, issue 14, thinrheum): the
/// presenter background of pain in other joints (read off the upper end of the 6-50% extremity-pain range among people
/// with persistent low back pain, Øverås 2021), entered so that a sourced share on that finding can be scored. The pair it
/// was meant for (rheumatoid arthritis) was held back: see Knowledge/Research/thinrheum.md. Also the background of
/// alternating buttock pain, the primary-care false-positive rate of the Braun 2011 item.
/// </summary>
public sealed class ThinRheumProfileTests
{
    private const string OtherJointPain = "other-joint-pain";

    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void Other_joint_pain_background_is_the_sourced_upper_end_of_the_co_occurring_extremity_pain_range()
    {
        var background = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == OtherJointPain);
        Assert.Equal(0.5, background.Rate, 3);
        Assert.Equal(EvidenceGrade.Estimate, background.Grade);
        Assert.Equal("Overas-2021-BMCMSD-cooccurring", background.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(background.SourceKey), background.SourceKey);

        var provenance = Assert.IsType<NumberProvenance>(background.Provenance);
        Assert.Equal(IndexTestKind.SelfReport, provenance.IndexType);
        Assert.Equal(34492, provenance.SampleSize);
        Assert.Equal("mixed: clinical and population studies", provenance.Setting);
        Assert.Contains("Searched 2026-11-25", background.Rationale, StringComparison.Ordinal);

        // The upper end of the range: any pair on the finding stays modest (LR+ at most 2) and within the bound.
        Assert.All(PairsWithinBackground(OtherJointPain), p => Assert.True(p.LrPositive <= 2 + 1e-9, $"{p.ConditionId}: LR+ {p.LrPositive}"));
    }

    [Fact]
    public void Alternating_buttock_pain_background_is_the_primary_care_false_positive_rate_its_axial_spa_pair_already_uses()
    {
        var background = Assert.Single(Kb.Likelihoods.BackgroundRates, b => b.FindingId == "alternating-buttock-pain");
        Assert.Equal(0.115, background.Rate, 3);
        Assert.Equal(EvidenceGrade.Estimate, background.Grade);
        Assert.Equal("Braun-2011-primarycare", background.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(background.SourceKey), background.SourceKey);
        Assert.Equal("primary care (orthopaedic practice)", background.Provenance?.Setting);
        Assert.Equal(322, background.Provenance?.SampleSize);
        Assert.Contains("Searched 2026-11-25", background.Rationale, StringComparison.Ordinal);

        // The rate is 1 - specificity of the axial SpA pair from the same table, so that pair scores as before: its own
        // specificity and the presenter background give the same LR+ (about 2.16) and it stays within the bound.
        var axspa = WrittenPair("axial-spondyloarthritis", "alternating-buttock-pain");
        Assert.Equal(0.885, axspa.Specificity);
        Assert.Equal(axspa.Sensitivity!.Value / background.Rate, axspa.LrPositive, 3);
        Assert.Contains(PairsWithinBackground("alternating-buttock-pain"), p => p.ConditionId == "axial-spondyloarthritis");
    }
}
