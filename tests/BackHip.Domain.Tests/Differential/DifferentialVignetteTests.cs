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
    public void Engine_meets_top1_70_and_top3_90_percent()
    {
        var report = DifferentialEvaluation.Run(new DifferentialEngine(KnowledgeBase.Default), DifferentialVignettes.All(), KnowledgeBase.Default);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(report.Top1 >= 0.70 && report.Top3 >= 0.90, report.ToString());
    }
}
