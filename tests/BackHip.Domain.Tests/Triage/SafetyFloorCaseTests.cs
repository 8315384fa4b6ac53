using System.Text.RegularExpressions;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Triage;

/// <summary>The safety-floor cases are well formed, turn into the cases they describe, and the check names what is wrong.</summary>
public sealed partial class SafetyFloorCaseTests
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void Every_floor_case_has_a_kebab_case_id_a_statement_findings_and_resolving_sources() =>
        Assert.All(SafetyFloor.Cases, c =>
        {
            Assert.Matches(KebabCase(), c.Id);
            Assert.EndsWith(".", c.Statement, StringComparison.Ordinal);
            Assert.True(c.Statement.Length > 20, c.Id);
            Assert.NotEmpty(c.Present);
            Assert.All(c.Present, f => Assert.True(KnowledgeBase.Default.TryGetFinding(f, out _), $"{c.Id}: {f}"));
            Assert.NotEmpty(c.SourceKeys);
            Assert.All(c.SourceKeys, k => Assert.True(KnowledgeBase.Default.Sources.ContainsKey(k), $"{c.Id}: {k}"));
            Assert.True(c.MinimumLevel >= TriageLevel.Consultation, c.Id);
        });

    [Fact]
    public void Cauda_equina_cases_cite_the_girft_pathway_and_the_guideline()
    {
        var saddle = SafetyFloor.Cases.Single(c => c.Id == "saddle-numbness");
        Assert.Equal(["GIRFT-CES-2023", "S63c"], saddle.SourceKeys);
        Assert.Equal(["pain-lower-back", "saddle-numbness"], saddle.Present);
        Assert.Equal(TriageLevel.Emergency, saddle.MinimumLevel);
    }

    [Fact]
    public void A_floor_case_becomes_a_case_with_its_profile_and_only_its_findings_present()
    {
        var floorCase = SafetyFloor.Cases.First(c => c.IsPregnant);
        var c = floorCase.ToCase();
        Assert.Equal(floorCase.Age, c.Profile.Age);
        Assert.Equal(floorCase.Sex, c.Profile.Sex);
        Assert.True(c.Profile.IsPregnant);
        Assert.Equal(floorCase.Present.Order(StringComparer.Ordinal), c.Evidence.Select(e => e.FindingId).Order(StringComparer.Ordinal));
        Assert.All(c.Evidence, e => Assert.Equal(EvidenceState.Present, e.State));
        Assert.False(SafetyFloor.Cases.First(x => !x.IsPregnant).ToCase().Profile.IsPregnant);
    }

    [Fact]
    public void The_check_rejects_null_and_names_the_case_levels_and_findings_of_a_shortfall()
    {
        Assert.Throws<ArgumentNullException>(() => SafetyFloor.Check(null!));
        var files = KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, TestKnowledge.RedFlagsEditing("ces-saddle-numbness", r => r["level"] = "consultation"));
        var kb = KnowledgeBase.LoadWaivingSafetyFloor(files, "probe");
        var problem = Assert.Single(SafetyFloor.Check(kb), p => p.Id == "saddle-numbness");
        Assert.Equal("safety-floor", problem.Code);
        Assert.Equal(KnowledgeFiles.RedFlags, problem.File);
        Assert.StartsWith("Safety-floor case 'saddle-numbness' is triaged Consultation but must reach at least Emergency: ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("Present: pain-lower-back, saddle-numbness.", problem.Message, StringComparison.Ordinal);
    }
}
