using System.Text.Json.Nodes;

namespace BackHip.Domain.Tests;

/// <summary>Builds edited copies of the embedded knowledge files for tests.</summary>
internal static class TestKnowledge
{
    /// <summary>The embedded red-flag file with the given rules removed.</summary>
    public static string RedFlagsWithout(params string[] ruleIds) => EditRule(rules =>
    {
        foreach (var rule in rules.Where(r => ruleIds.Contains((string?)r!["id"])).ToList())
        {
            rules.Remove(rule);
        }
    });

    /// <summary>The embedded red-flag file with one rule edited.</summary>
    public static string RedFlagsEditing(string ruleId, Action<JsonObject> edit) => EditRule(rules =>
        edit(rules.Single(r => (string?)r!["id"] == ruleId)!.AsObject()));

    private static string EditRule(Action<JsonArray> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags])!;
        edit(node["rules"]!.AsArray());
        return node.ToJsonString();
    }
}
