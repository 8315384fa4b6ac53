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
}
