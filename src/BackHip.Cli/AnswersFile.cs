using System.Globalization;
using System.Text.Json;
using BackHip.Domain;

namespace BackHip.Cli;

/// <summary>Checks an <c>interview --answers</c> file before the interview reads it, naming every problem at once:
/// unknown properties, an age out of range, a misspelt sex, unknown finding ids and unknown answer values.</summary>
internal static class AnswersFile
{
    private static readonly string[] Properties = ["age", "sex", "pregnant", "initial", "answers"];
    private static readonly string[] Sexes = ["female", "male", "unknown"];
    private static readonly string[] States = ["present", "absent", "unknown"];

    /// <summary>The problems of an answers file; empty when the interview can replay it.</summary>
    public static List<string> Problems(string json, KnowledgeBase kb)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ["the file must hold a JSON object such as {\"age\":40,\"sex\":\"female\",\"answers\":{\"saddle-numbness\":\"absent\"}}"];
            }

            foreach (var p in root.EnumerateObject().Where(p => !Properties.Contains(p.Name, StringComparer.Ordinal)))
            {
                problems.Add($"unknown property '{p.Name}' (expected {string.Join(", ", Properties)})");
            }

            if (!root.TryGetProperty("age", out var age))
            {
                problems.Add("'age' is missing");
            }
            else if (age.ValueKind != JsonValueKind.Number || !age.TryGetInt32(out var years) || years is < 0 or > 120)
            {
                problems.Add($"'age' must be a whole number from 0 to 120, not {age.GetRawText()}");
            }

            if (!root.TryGetProperty("sex", out var sex))
            {
                problems.Add("'sex' is missing (female, male or unknown)");
            }
            else if (sex.ValueKind != JsonValueKind.String || !Sexes.Contains(sex.GetString(), StringComparer.Ordinal))
            {
                problems.Add($"'sex' must be female, male or unknown, not {sex.GetRawText()}");
            }

            if (root.TryGetProperty("pregnant", out var pregnant) && pregnant.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"'pregnant' must be true or false, not {pregnant.GetRawText()}");
            }

            if (root.TryGetProperty("initial", out var initial))
            {
                if (initial.ValueKind != JsonValueKind.Array)
                {
                    problems.Add("'initial' must be an array of finding ids");
                }
                else
                {
                    foreach (var id in initial.EnumerateArray())
                    {
                        if (id.ValueKind != JsonValueKind.String || !kb.TryGetFinding(id.GetString()!, out _))
                        {
                            problems.Add($"'initial' names unknown finding {id.GetRawText()}");
                        }
                    }
                }
            }

            if (root.TryGetProperty("answers", out var answers))
            {
                if (answers.ValueKind != JsonValueKind.Object)
                {
                    problems.Add("'answers' must be an object of finding id → present, absent or unknown");
                }
                else
                {
                    foreach (var a in answers.EnumerateObject())
                    {
                        if (!kb.TryGetFinding(a.Name, out _))
                        {
                            problems.Add($"'answers' names unknown finding '{a.Name}'");
                        }

                        if (a.Value.ValueKind != JsonValueKind.String || !States.Contains(a.Value.GetString(), StringComparer.Ordinal))
                        {
                            problems.Add($"answer for '{a.Name}' must be present, absent or unknown, not {a.Value.GetRawText()}");
                        }
                    }
                }
            }
        }

        return problems;
    }
}
