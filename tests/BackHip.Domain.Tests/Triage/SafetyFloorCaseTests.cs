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
        Assert.All(SafetyFloor.Cases, AssertWellFormed);

    // The table is built by a method (Cases keeps its result) so that these checks also run on a table built while a
    // mutant is active: a static initializer runs once per test host, before mutation testing activates any mutant.
    [Fact]
    public void A_freshly_built_floor_is_well_formed_has_unique_ids_and_the_default_rules_reach_every_case()
    {
        var cases = SafetyFloor.BuildCases();
        Assert.Equal(SafetyFloor.Cases.Length, cases.Length);
        Assert.All(cases, AssertWellFormed);
        Assert.Equal(cases.Length, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        var evaluator = new RedFlagEvaluator(KnowledgeBase.Default);
        Assert.All(cases, c =>
        {
            var level = evaluator.EvaluateLevel(c.ToCase());
            Assert.True(level >= c.MinimumLevel, $"{c.Id}: {level} < {c.MinimumLevel}");
        });
    }

    [Fact]
    public void Floor_cases_about_pregnancy_findings_are_pregnant_and_the_cauda_equina_cases_share_their_sources()
    {
        var cases = SafetyFloor.BuildCases();
        Assert.All(cases.Where(c => c.Present.Any(f => f is "vaginal-bleeding" or "pregnancy-contractions")), c => Assert.True(c.IsPregnant, c.Id));
        string[] ces = ["saddle-numbness", "new-bladder-dysfunction", "bowel-incontinence", "weakness-both-legs", "saddle-anaesthesia", "urinary-retention"];
        Assert.All(ces, id => Assert.Equal(["GIRFT-CES-2023", "S63c"], cases.Single(c => c.Id == id).SourceKeys));
    }

    private static void AssertWellFormed(SafetyFloorCase c)
    {
        Assert.Matches(KebabCase(), c.Id);
        Assert.EndsWith(".", c.Statement, StringComparison.Ordinal);
        Assert.True(c.Statement.Length > 20, c.Id);
        Assert.NotEmpty(c.Present);
        Assert.All(c.Present, f => Assert.True(KnowledgeBase.Default.TryGetFinding(f, out _), $"{c.Id}: {f}"));
        Assert.NotEmpty(c.SourceKeys);
        Assert.All(c.SourceKeys, k => Assert.True(KnowledgeBase.Default.Sources.ContainsKey(k), $"{c.Id}: {k}"));
        Assert.True(c.MinimumLevel >= TriageLevel.Consultation, c.Id);
    }

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
