using System.Globalization;
using BackHip.Domain.Differential;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>
/// Issue 14, point 3: every number still graded <c>study</c> has been re-checked against its source, and says so in
/// its provenance (who was measured, and when and what was read).
/// </summary>
public sealed class StudyGradeCheckedTests
{
    private static KnowledgeBase Kb => KnowledgeBase.Default;

    /// <summary>Every study-graded number of the model with where it was measured and its checked-on note.</summary>
    private static IEnumerable<(string Label, NumberProvenance? Provenance)> StudyNumbers(LikelihoodModel model)
    {
        foreach (var prior in model.Priors)
        {
            if (prior.Grade == EvidenceGrade.Study)
            {
                yield return ($"prior {prior.ConditionId}", prior.Provenance);
            }

            foreach (var setting in prior.Settings.Where(s => s.Grade == EvidenceGrade.Study))
            {
                yield return ($"setting prior {prior.ConditionId} ({setting.Setting})", setting.Provenance);
            }
        }

        foreach (var rate in model.BackgroundRates.Where(r => r.Grade == EvidenceGrade.Study))
        {
            yield return ($"background {rate.FindingId}", rate.Provenance);
        }

        foreach (var pair in model.Pairs.Where(p => !p.FromPainMap && p.Grade == EvidenceGrade.Study))
        {
            yield return ($"pair {pair.ConditionId}/{pair.FindingId}", pair.Provenance);
        }

        foreach (var site in model.PainMaps.Where(s => !s.FromRegions && s.Grade == EvidenceGrade.Study))
        {
            yield return ($"pain-map site {site.ConditionId}/{site.SiteId}", site.Provenance);
        }
    }

    [Fact]
    public void Every_study_graded_number_records_where_it_was_measured_and_when_it_was_checked()
    {
        var numbers = StudyNumbers(Kb.Likelihoods).ToList();
        var missing = numbers
            .Where(n => n.Provenance is null || string.IsNullOrWhiteSpace(n.Provenance.Checked) || string.IsNullOrWhiteSpace(n.Provenance.Population))
            .Select(n => n.Label)
            .ToList();

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Study-graded numbers: {numbers.Count}, without a checked note: {missing.Count}"));
        Assert.NotEmpty(numbers);
        Assert.True(missing.Count == 0, "Study-graded numbers without provenance (population and checked note):\n" + string.Join('\n', missing));
    }

    /// <summary>Every study-graded number with its rationale.</summary>
    private static IEnumerable<(string Label, string? Rationale)> StudyRationales(LikelihoodModel model) =>
        model.Priors.Where(p => p.Grade == EvidenceGrade.Study).Select(p => ($"prior {p.ConditionId}", p.Rationale))
            .Concat(model.BackgroundRates.Where(r => r.Grade == EvidenceGrade.Study).Select(r => ($"background {r.FindingId}", r.Rationale)))
            .Concat(model.Pairs.Where(p => !p.FromPainMap && p.ImpliedFrom is null && p.Grade == EvidenceGrade.Study).Select(p => ($"pair {p.ConditionId}/{p.FindingId}", p.Rationale)))
            .Concat(model.PainMaps.Where(s => !s.FromRegions && s.Grade == EvidenceGrade.Study).Select(s => ($"pain-map site {s.ConditionId}/{s.SiteId}", s.Rationale)));

    [Fact]
    public void No_study_graded_number_gives_a_reason_for_being_an_estimate()
    {
        // One grading rule for the whole file (issue 14 points 2 and 3): a number regraded to study must not keep a
        // rationale that argues it is an estimate ("hence estimate", "graded estimate"); a background's own estimate
        // grade is stated on the background, not on the pair.
        var reason = new System.Text.RegularExpressions.Regex(@"\b(hence|so|thus|therefore)\s+(an\s+)?estimate|\bgraded\s+(as\s+)?(an\s+)?estimate",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var numbers = StudyRationales(Kb.Likelihoods).ToList();
        var contradicting = numbers.Where(n => n.Rationale is { } r && reason.IsMatch(r)).Select(n => n.Label).ToList();
        Assert.NotEmpty(numbers);
        Assert.Matches(reason, "Read off a range, hence estimate.");
        Assert.True(contradicting.Count == 0, "Study-graded numbers whose rationale argues for an estimate:\n" + string.Join('\n', contradicting));
    }

    [Fact]
    public void Priors_that_were_review_estimates_are_graded_as_estimates()
    {
        // Deyo and Weinstein's table of causes is the authors' estimate of prevalence in office practice, compiled from
        // several studies, and the secondary summaries (S4, S5) copy it; none of them measured these shares.
        var priors = Kb.Likelihoods.Priors.ToDictionary(p => p.ConditionId, StringComparer.Ordinal);
        foreach (var id in new[] { "lumbar-disc-herniation", "lumbar-spinal-stenosis", "spondylolisthesis", "axial-spondyloarthritis" })
        {
            var prior = priors[id];
            Assert.Equal(EvidenceGrade.Estimate, prior.Grade);
            Assert.False(string.IsNullOrWhiteSpace(prior.Rationale), id);
            Assert.False(string.IsNullOrWhiteSpace(prior.Provenance?.Checked), id);
        }
    }

    [Fact]
    public void Axial_spondyloarthritis_prior_is_the_chronic_back_pain_prevalence_times_the_chronic_share()
    {
        var prior = Kb.Likelihoods.Priors.Single(p => p.ConditionId == "axial-spondyloarthritis");
        var chronicShare = Kb.Likelihoods.BackgroundRates.Single(r => r.FindingId == "duration-over-12-weeks").Rate;
        Assert.Equal("Hamilton-2015-axSpA", prior.SourceKey);
        Assert.True(Kb.Sources.ContainsKey(prior.SourceKey));
        Assert.Equal(0.013 * chronicShare, prior.Prevalence, 3);
    }
}
