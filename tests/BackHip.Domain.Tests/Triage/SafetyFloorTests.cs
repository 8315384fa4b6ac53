using System.Text.Json.Nodes;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Triage;

/// <summary>The safety floor holds for the default knowledge base and rejects custom ones that under-triage a floor case.</summary>
public sealed class SafetyFloorTests
{
    [Fact]
    public void The_default_knowledge_base_holds_every_floor_case()
    {
        Assert.Empty(SafetyFloor.Check(KnowledgeBase.Default));
        Assert.Null(KnowledgeBase.Default.SafetyFloorWaiver);
        Assert.Empty(KnowledgeBase.Default.SafetyFloorShortfalls);
        Assert.DoesNotContain("floor-waived", KnowledgeBase.Default.Version, StringComparison.Ordinal);
    }

    public static TheoryData<string> FloorCaseIds() => [.. SafetyFloor.Cases.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(FloorCaseIds))]
    public void Each_floor_case_reaches_its_minimum_level(string id)
    {
        var floorCase = SafetyFloor.Cases.Single(c => c.Id == id);
        var level = new RedFlagEvaluator(KnowledgeBase.Default).EvaluateLevel(floorCase.ToCase());
        Assert.True(level >= floorCase.MinimumLevel, $"{id}: {level} < {floorCase.MinimumLevel}");
        Assert.All(floorCase.SourceKeys, k => Assert.True(KnowledgeBase.Default.Sources.ContainsKey(k), k));
    }

    [Fact]
    public void Floor_cases_have_unique_ids_and_cover_every_emergency_family()
    {
        Assert.Equal(SafetyFloor.Cases.Length, SafetyFloor.Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.True(SafetyFloor.Cases.Count(c => c.MinimumLevel >= TriageLevel.Emergency) >= 20);
        Assert.Contains(SafetyFloor.Cases, c => c.MinimumLevel == TriageLevel.EmergencyAmbulance);
        Assert.Contains(SafetyFloor.Cases, c => c.IsPregnant);
        Assert.Contains(SafetyFloor.Cases, c => c.Age < 16);
    }

    [Fact]
    public void A_knowledge_base_that_lowers_saddle_numbness_is_rejected_naming_the_case_and_levels()
    {
        var files = KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, TestKnowledge.RedFlagsEditing("ces-saddle-numbness", r => r["level"] = "selfCare"));
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(files));
        var p = Assert.Single(ex.Problems, p => p.Id == "saddle-numbness");
        Assert.Equal("safety-floor", p.Code);
        Assert.Equal(KnowledgeFiles.RedFlags, p.File);
        Assert.Contains("SelfCare", p.Message, StringComparison.Ordinal);
        Assert.Contains("Emergency", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_knowledge_base_that_deletes_the_saddle_rule_is_rejected()
    {
        var files = KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, TestKnowledge.RedFlagsWithout("ces-saddle-numbness"));
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(files));
        Assert.Contains(ex.Problems, p => p.Code == "safety-floor" && p.Id == "saddle-numbness");
    }

    [Fact]
    public void A_knowledge_base_that_neuters_the_saddle_rule_is_rejected()
    {
        var neutered = TestKnowledge.RedFlagsEditing("ces-saddle-numbness", r =>
            r["when"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["finding"] = "saddle-numbness" }, new JsonObject { ["finding"] = "fever-measured" }) });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, neutered)));
        Assert.Contains(ex.Problems, p => p.Code == "safety-floor" && p.Id == "saddle-numbness");
    }

    [Fact]
    public void A_knowledge_base_without_a_floor_finding_is_rejected_naming_the_finding()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Findings])!;
        var findings = node["findings"]!.AsArray();
        findings.Remove(findings.Single(f => (string?)f!["id"] == "scrotal-pain"));
        foreach (var group in node["questionGroups"]!.AsArray())
        {
            var options = group!["options"]!.AsArray();
            if (options.SingleOrDefault(o => (string?)o!["finding"] == "scrotal-pain") is { } option)
            {
                options.Remove(option);
            }
        }

        var rules = TestKnowledge.RedFlagsWithout("testicular-pain");
        // The likelihood model uses the finding too (a pair and a background rate): take those out as well, so the floor's
        // own check is what rejects the knowledge base.
        var model = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        foreach (var section in new[] { "pairs", "backgroundRates" })
        {
            var list = model[section]!.AsArray();
            foreach (var entry in list.Where(e => (string?)e!["finding"] == "scrotal-pain").ToList())
            {
                list.Remove(entry);
            }
        }

        var files = KnowledgeFiles.Embedded.With(KnowledgeFiles.Findings, node.ToJsonString()).With(KnowledgeFiles.RedFlags, rules).With(KnowledgeFiles.Likelihoods, model.ToJsonString());
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(files));
        // Other files may use the finding too (dangling references); the floor names it on its own problem.
        var p = Assert.Single(ex.Problems, p => p.Id == "scrotal-pain" && p.Code == "safety-floor");
        Assert.Contains("'scrotal-pain'", p.Message, StringComparison.Ordinal);
        Assert.StartsWith("Safety-floor case 'scrotal-pain' needs finding(s) 'scrotal-pain', which the knowledge base lacks (", p.Message, StringComparison.Ordinal);
        Assert.Equal("safety-floor", p.Code);
        Assert.Equal(KnowledgeFiles.Findings, p.File);
    }

    [Fact]
    public void Researchers_can_waive_the_floor_loudly()
    {
        var files = KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, TestKnowledge.RedFlagsWithout("ces-saddle-numbness"));
        var kb = KnowledgeBase.LoadWaivingSafetyFloor(files, "study of saddle-rule removal");
        Assert.Equal("study of saddle-rule removal", kb.SafetyFloorWaiver);
        Assert.EndsWith("+floor-waived", kb.Version, StringComparison.Ordinal);
        Assert.Contains(kb.SafetyFloorShortfalls, p => p.Id == "saddle-numbness");
        Assert.Throws<ArgumentException>(() => KnowledgeBase.LoadWaivingSafetyFloor(files, " "));
    }
}
