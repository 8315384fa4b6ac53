using System.Globalization;
using BackHip.Domain.Differential;
using BackHip.Domain.Knowledge;
using BackHip.Domain.Tests.Differential;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>
/// Session 12 grade audit (issue 14, points 2 and 3) of the sports, hip, pelvic and rheumatology labels: every pair and
/// measured pain-map site of the group records the audit in its provenance, every estimate says which criterion of the
/// grading rule it fails, and the numbers the rule regraded stay regraded.
/// </summary>
public sealed class SportHipRheumGradeAuditTests
{
    private const string AuditNote = "2026-11-25 grade audit";

    private static readonly string[] Group =
    [
        "hip-osteoarthritis", "femoroacetabular-impingement", "greater-trochanteric-pain-syndrome", "pelvic-apophyseal-avulsion",
        "sacroiliac-joint-dysfunction", "adductor-strain", "hip-flexor-strain", "axial-spondyloarthritis", "osteitis-pubis",
        "polymyalgia-rheumatica", "reactive-arthritis", "rheumatoid-arthritis", "pregnancy-pelvic-girdle-pain", "menstrual-related-pain",
    ];

    private static LikelihoodModel Model => KnowledgeBase.Default.Likelihoods;

    // Written pairs and measured sites; a pair carried from a broader finding is not a number of its own.
    private static IEnumerable<(string Label, EvidenceGrade Grade, string? Rationale, NumberProvenance? Provenance)> GroupNumbers() =>
        Profiles.WrittenNumbers(Group);

    [Fact]
    public void Every_number_of_the_group_records_the_grade_audit()
    {
        var numbers = GroupNumbers().ToList();
        var missing = numbers
            .Where(n => n.Provenance is null || !n.Provenance.Checked.Contains(AuditNote, StringComparison.Ordinal))
            .Select(n => n.Label)
            .ToList();

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Group numbers: {numbers.Count}, study {numbers.Count(n => n.Grade == EvidenceGrade.Study)}, estimate {numbers.Count(n => n.Grade == EvidenceGrade.Estimate)}"));
        Assert.True(numbers.Count >= 90, $"only {numbers.Count} numbers found for the group");
        Assert.True(missing.Count == 0, "Numbers without the grade-audit note:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_estimate_of_the_group_names_the_criterion_it_fails()
    {
        var silent = GroupNumbers()
            .Where(n => n.Grade == EvidenceGrade.Estimate)
            .Where(n => n.Rationale is null
                || !(n.Rationale.Contains("criterion", StringComparison.Ordinal) || n.Rationale.Contains("team figure", StringComparison.Ordinal)))
            .Select(n => n.Label)
            .ToList();

        Assert.True(silent.Count == 0, "Estimates whose rationale names no failing criterion:\n" + string.Join('\n', silent));
    }

    [Theory]
    [InlineData("sacroiliac-joint-dysfunction", "si-provocation-cluster-positive")] // referred for spinal injections
    [InlineData("hip-osteoarthritis", "sutlive-cluster-positive")] // rule figures read on a secondary page only
    [InlineData("hip-osteoarthritis", "worse-stairs")] // stairs or slopes, asked as up or down stairs
    [InlineData("hip-osteoarthritis", "relieved-sitting")] // read in a secondary summary only
    [InlineData("axial-spondyloarthritis", "relieved-by-nsaids")] // comparison group pre-selected for referral
    [InlineData("axial-spondyloarthritis", "crp-raised")] // specificity in a rheumatology-referred cohort
    public void Pairs_measured_in_referred_populations_or_read_on_secondary_pages_are_estimates(string condition, string finding)
    {
        var pair = Assert.Single(Model.Pairs, p => !p.FromPainMap && p.ConditionId == condition && p.FindingId == finding);
        Assert.Equal(EvidenceGrade.Estimate, pair.Grade);
        Assert.DoesNotContain("hence study", pair.Rationale ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Primary_care_pain_drawing_shares_of_hip_osteoarthritis_stay_study_and_the_narrower_thigh_item_does_not()
    {
        var sites = Model.PainMaps
            .Where(s => s.ConditionId == "hip-osteoarthritis" && s.SourceKey == "S34" && s.Kind == PainSiteKind.Measured)
            .ToDictionary(s => s.SiteId, StringComparer.Ordinal);

        foreach (var id in new[] { "pain-lateral-hip", "pain-groin", "pain-buttock", "pain-below-knee", "pain-knee" })
        {
            var site = sites[id];
            Assert.Equal(EvidenceGrade.Study, site.Grade);
            Assert.Equal("primary care", site.Provenance?.Setting);
            Assert.Equal(IndexTestKind.SelfReport, site.Provenance?.IndexType);
        }

        // Anterior or lateral thigh only (42%): a lower bound for any thigh pain.
        Assert.Equal(EvidenceGrade.Estimate, sites["pain-thigh"].Grade);
        Assert.Equal(0.42, sites["pain-thigh"].Frequency, 3);
    }
}
