using System.Globalization;
using BackHip.Domain.Differential;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Grade audit of the spinal malignancy and infection numbers (session 12, issue 14 points 2 and 3, branch auditspb): one
/// rule decides every grade. Each written pair and measured pain-map site of spinal metastasis, myeloma, epidural abscess,
/// vertebral osteomyelitis and spinal tuberculosis records a 2026-11-25 audit note; an estimate names the criterion that
/// fails; a study rationale no longer argues for an estimate. The numbers that changed grade keep their values.
/// </summary>
public sealed class SpinalGradeAuditTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static readonly string[] Group =
    [
        "spinal-metastasis", "multiple-myeloma", "spinal-epidural-abscess", "vertebral-osteomyelitis-discitis", "spinal-tuberculosis",
    ];

    private static IEnumerable<(string Id, EvidenceGrade Grade, string? Rationale, NumberProvenance? Provenance)> Numbers() => WrittenNumbers(Group);

    [Fact]
    public void Every_number_of_the_group_records_the_audit_and_the_criterion_behind_its_grade()
    {
        var numbers = Numbers().ToList();
        Assert.Equal(64, numbers.Count);
        Assert.All(numbers, n =>
        {
            Assert.True(n.Provenance is not null, $"{n.Id} has no provenance");
            // The grade audit's note, or a later pass's note (primary figures, or the profile pass that entered the number
            // under the audit's rule), which replaces it with what was read then.
            var checkedNote = n.Provenance!.Checked ?? string.Empty;
            Assert.True(checkedNote.StartsWith("2026-11-25 grade audit: ", StringComparison.Ordinal)
                || checkedNote.StartsWith("2026-11-25 primary pass: ", StringComparison.Ordinal)
                || (checkedNote.StartsWith("2026-11-25 profile pass: ", StringComparison.Ordinal) && checkedNote.Contains("2026-11-25 grade audit rule", StringComparison.Ordinal)), $"{n.Id}: {checkedNote}");
            Assert.False(string.IsNullOrWhiteSpace(n.Provenance.Population), n.Id);
            if (n.Grade == EvidenceGrade.Estimate)
            {
                Assert.Matches(@"\bcriteri(on|a) \d", n.Rationale ?? string.Empty);
            }
            else
            {
                Assert.Equal(EvidenceGrade.Study, n.Grade);
                Assert.DoesNotContain("so an estimate", n.Rationale, StringComparison.Ordinal);
                Assert.DoesNotContain("hence estimate", n.Rationale, StringComparison.Ordinal);
                Assert.Contains("Study", n.Rationale, StringComparison.Ordinal);
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spinal malignancy and infection numbers: {numbers.Count}, study {numbers.Count(n => n.Grade == EvidenceGrade.Study)}"));
    }

    [Theory]
    // The epidural-abscess shares of a systematic review of hospital series, re-read: study; the pair's own number is
    // graded, not the population background it is divided by.
    [InlineData("spinal-epidural-abscess", "diabetes", 0.27, "study")]
    [InlineData("spinal-epidural-abscess", "iv-drug-use", 0.22, "study")]
    [InlineData("spinal-epidural-abscess", "fever-measured", 0.197, "study")]
    // Electrophoresis alone measured for a finding that also counts an abnormal light-chain ratio: a narrower index.
    [InlineData("multiple-myeloma", "paraprotein-detected", 0.82, "estimate")]
    public void Regraded_numbers_keep_their_values(string condition, string finding, double sensitivity, string grade)
    {
        var pair = Pair(condition, finding);
        Assert.Equal(sensitivity, pair.Sensitivity);
        Assert.Equal(Enum.Parse<EvidenceGrade>(grade, ignoreCase: true), pair.Grade);
        Assert.NotNull(pair.Provenance?.SampleSize);
    }

    [Fact]
    public void Myeloma_back_pain_site_is_an_estimate_because_back_pain_at_any_level_is_broader()
    {
        var site = Assert.Single(Kb.Likelihoods.PainMaps, s => s.ConditionId == "multiple-myeloma" && s.SiteId == "pain-lower-back");
        Assert.Equal(0.58, site.Frequency);
        Assert.Equal(EvidenceGrade.Estimate, site.Grade);
        Assert.Equal(110, site.Provenance?.SampleSize);
        Assert.Contains("criterion 4", site.Rationale, StringComparison.Ordinal);
    }
}
