using System.Text.Json.Nodes;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Triage;

/// <summary>The red-flag file reader names each broken rule by file, id and JSON path, and builds only whole rules.</summary>
public sealed class RedFlagRulesReaderTests
{
    private static string Edit(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags])!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    private static JsonArray Rules(JsonObject root) => root["rules"]!.AsArray();

    private static IReadOnlyList<ValidationProblem> Problems(string redFlags) =>
        Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, redFlags))).Problems;

    private static ValidationProblem Single(string redFlags, string code) =>
        Assert.Single(Problems(redFlags), p => p.Code == code && p.File == KnowledgeFiles.RedFlags);

    [Fact]
    public void A_null_rule_is_named_by_its_path()
    {
        var p = Single(Edit(r => Rules(r)[1] = null), "missing-field");
        Assert.Equal("Entry is null.", p.Message);
        Assert.Equal("$.rules[1]", p.Path);
    }

    [Fact]
    public void A_condition_that_is_not_in_the_knowledge_base_is_named_with_its_index()
    {
        var id = (string)Rules(JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags])!.AsObject())[2]!["id"]!;
        var p = Single(Edit(r => Rules(r)[2]!["conditions"] = new JsonArray("cauda-equina-syndrome", "tennis-elbow")), "dangling-reference");
        Assert.Equal($"Condition 'tennis-elbow' is not in {KnowledgeFiles.Conditions}.", p.Message);
        Assert.Equal("$.rules[2].conditions[1]", p.Path);
        Assert.Equal(id, p.Id);
    }

    [Fact]
    public void A_rule_that_reads_no_finding_is_rejected()
    {
        var p = Single(Edit(r => Rules(r)[0]!["when"] = new JsonObject { ["ageAtLeast"] = 50 }), "empty-logic");
        Assert.Equal("A red-flag rule must read at least one finding.", p.Message);
        Assert.Equal("$.rules[0].when", p.Path);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("rationale")]
    [InlineData("id")]
    public void A_missing_text_field_is_named_by_its_path(string field)
    {
        var id = (string)Rules(JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags])!.AsObject())[3]!["id"]!;
        var p = Assert.Single(Problems(Edit(r => Rules(r)[3]!.AsObject().Remove(field))), p => p.Code == "missing-field");
        Assert.Equal($"$.rules[3].{field}", p.Path);
        Assert.Equal(KnowledgeFiles.RedFlags, p.File);
        Assert.Equal($"'{field}' is required.", p.Message);
        Assert.Equal(field == "id" ? null : id, p.Id);
    }

    [Fact]
    public void A_broken_criterion_is_named_under_the_rules_when_path_and_an_unbuildable_one_is_not_a_crash()
    {
        var dangling = Single(Edit(r => Rules(r)[5]!["when"] = new JsonObject { ["finding"] = "no-such-finding" }), "dangling-reference");
        Assert.Equal("$.rules[5].when.finding", dangling.Path);
        var empty = Single(Edit(r => Rules(r)[5]!["when"] = new JsonObject()), "empty-logic");
        Assert.Equal("$.rules[5].when", empty.Path);
        Assert.Equal("The criterion is empty.", empty.Message);
        Assert.Equal("$.rules[5].when", Single(Edit(r => Rules(r)[5]!.AsObject().Remove("when")), "empty-logic").Path);
    }

    [Theory]
    [InlineData("pathology")]
    [InlineData("level")]
    [InlineData("grade")]
    public void An_unknown_enum_value_is_named_by_its_path(string field)
    {
        var p = Assert.Single(Problems(Edit(r => Rules(r)[4]![field] = "sometimes")), p => p.Code == "unknown-value");
        Assert.Equal($"$.rules[4].{field}", p.Path);
    }

    [Fact]
    public void Rule_ids_must_be_unique_sources_must_resolve_and_the_schema_version_must_be_one()
    {
        var duplicate = Single(Edit(r => Rules(r)[1]!["id"] = (string)Rules(r)[0]!["id"]!), "duplicate-id");
        Assert.Equal("$.rules[1].id", duplicate.Path);
        Assert.Equal($"The rule id '{duplicate.Id}' is used more than once.", duplicate.Message);
        Assert.Equal("$.rules[0].sources[0]", Single(Edit(r => Rules(r)[0]!["sources"] = new JsonArray("no-such-source")), "unresolved-source").Path);
        Assert.Equal("$.schemaVersion", Single(Edit(r => r["schemaVersion"] = 2), "schema-version").Path);
    }

    [Fact]
    public void A_file_without_rules_loads_no_rules_and_fails_the_safety_floor_instead_of_crashing()
    {
        var problems = Problems(Edit(r => r.Remove("rules")));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal("safety-floor", p.Code));
        Assert.Empty(KnowledgeBase.LoadWaivingSafetyFloor(KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, Edit(r => r.Remove("rules"))), "probe").RedFlagRules);
    }

    [Fact]
    public void An_unreadable_file_is_a_problem_not_a_crash() =>
        Assert.Contains(Problems("{ not json"), p => p.Code == "malformed-json" && p.File == KnowledgeFiles.RedFlags);

    [Fact]
    public void A_rule_without_conditions_loads_with_none_and_keeps_its_fields()
    {
        var first = Rules(JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags])!.AsObject())[0]!;
        var id = (string)first["id"]!;
        var kb = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, Edit(r => Rules(r)[0]!.AsObject().Remove("conditions"))));
        var rule = kb.RedFlagRules.Single(x => x.Id == id);
        Assert.Empty(rule.ConditionIds);
        Assert.Equal((string)first["message"]!, rule.Message);
        Assert.Equal((string)first["rationale"]!, rule.Rationale);
        Assert.Equal(rule.When.FindingIds, rule.FindingIds);
        Assert.Equal(KnowledgeBase.Default.RedFlagRules.Select(r => r.Id), KnowledgeBase.Default.RedFlagRules.Select(r => r.Id).Distinct());
        Assert.Equal($"{id} → {rule.Level}", rule.ToString());

        // Every rule of the freshly loaded file keeps what the file says (the default knowledge base is loaded only once
        // per process, so a fresh load is what shows a reader that drops or mixes up a field).
        var json = Rules(JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags])!.AsObject());
        Assert.Equal(json.Count, kb.RedFlagRules.Length);
        static string Camel(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
        Assert.All(json.Zip(kb.RedFlagRules), pair =>
        {
            var (node, r) = pair;
            Assert.Equal((string)node!["id"]!, r.Id);
            Assert.Equal((string)node["pathology"]!, Camel(r.Pathology));
            Assert.Equal((string)node["level"]!, Camel(r.Level));
            Assert.Equal((string)node["grade"]!, Camel(r.Grade));
            Assert.Equal(node["sources"]!.AsArray().Select(k => (string)k!), r.SourceKeys);
            Assert.Equal(r.Id == id ? [] : node["conditions"]!.AsArray().Select(k => (string)k!), r.ConditionIds);
            Assert.NotEmpty(r.FindingIds);
            Assert.Equal(r.When.FindingIds, r.FindingIds);
        });
    }

    [Fact]
    public void Rules_are_equal_by_id()
    {
        var a = KnowledgeBase.Default.RedFlagRules[0];
        var b = KnowledgeBase.Default.RedFlagRules[1];
        Assert.True(a.Equals((object)a));
        Assert.False(a.Equals(b));
        Assert.False(a.Equals(null));
        Assert.Equal(StringComparer.Ordinal.GetHashCode(a.Id), a.GetHashCode());
    }
}
