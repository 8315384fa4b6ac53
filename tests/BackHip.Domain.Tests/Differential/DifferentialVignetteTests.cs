using BackHip.Domain.Differential;

namespace BackHip.Domain.Tests.Differential;

public sealed class DifferentialVignetteTests
{
    [Fact]
    public void Suite_has_at_least_60_valid_adult_cases_covering_many_conditions()
    {
        var cases = DifferentialVignettes.All().ToList();
        Assert.True(cases.Count >= 60, $"only {cases.Count} vignettes");
        Assert.All(cases, c => Assert.True(c.Case.Profile.Age >= 18, c.Name));
        Assert.All(cases, c => Assert.True(KnowledgeBase.Default.Validate(c.Case).IsValid, c.Name + ": " + string.Join("; ", KnowledgeBase.Default.Validate(c.Case).Problems)));
        Assert.All(cases, c => Assert.True(KnowledgeBase.Default.TryGetCondition(c.ExpectedConditionId, out _), c.ExpectedConditionId));
        Assert.True(cases.Select(c => c.ExpectedConditionId).Distinct().Count() >= 35);
    }

    [Fact]
    public void Engine_keeps_its_regression_guard_on_the_team_vignettes()
    {
        var report = DifferentialEvaluation.Run(new DifferentialEngine(KnowledgeBase.Default), DifferentialVignettes.All(), KnowledgeBase.Default);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        // Lowered in issue 14 from 70% / 90%: measured 62.1% / 81.8% once the region model (pain below the knee LR 7.9)
        // and the profile model's age and sex steps were replaced by sourced pain maps and age/sex data. These cases
        // were written by the same hands as the numbers; the external set is the measure now. With the serious groups
        // split into children and the sourced serious-spinal profiles (issue 13/14) the measured figures are 59.1% /
        // 80.3%: the guard below catches a regression from there, it is not a target.
        Assert.True(report.Top1 >= 0.55 && report.Top3 >= 0.78, report.ToString());
    }

    [Fact]
    public void Every_team_vignette_is_marked_with_how_it_was_written_and_reported_by_kind()
    {
        var cases = DifferentialVignettes.All().ToList();
        Assert.All(cases, c => Assert.Equal(DifferentialVignettes.Origin, c.Origin));
        var kb = KnowledgeBase.Default;
        bool Examined(LabelledCase c) => c.Case.Evidence.Any(e => e.State == EvidenceState.Present && kb.TryGetFinding(e.FindingId, out var f) && f.Kind == FindingKind.Sign);
        var engine = new DifferentialEngine(kb);
        var historyOnly = cases.Where(c => !Examined(c)).ToList();
        var examined = cases.Where(Examined).ToList();
        Assert.NotEmpty(historyOnly);
        Assert.NotEmpty(examined);
        var h = DifferentialEvaluation.Run(engine, historyOnly, kb);
        var x = DifferentialEvaluation.Run(engine, examined, kb);
        TestContext.Current.TestOutputHelper?.WriteLine($"Team vignettes ({DifferentialVignettes.Origin}):");
        TestContext.Current.TestOutputHelper?.WriteLine($"  history only          n={h.CaseCount}  top-1 {h.Top1:P0}  top-3 {h.Top3:P0}");
        TestContext.Current.TestOutputHelper?.WriteLine($"  with examination      n={x.CaseCount}  top-1 {x.Top1:P0}  top-3 {x.Top3:P0}");
        Assert.Equal(cases.Count, h.CaseCount + x.CaseCount);
    }
}
