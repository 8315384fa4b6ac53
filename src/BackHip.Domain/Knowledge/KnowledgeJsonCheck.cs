using System.Globalization;
using System.Text.Json;

namespace BackHip.Domain.Knowledge;

/// <summary>Checks a knowledge file before it is read, for what the reader would otherwise let through silently.</summary>
internal static class KnowledgeJsonCheck
{
    /// <summary>Keys given twice in one object, exactly or in another letter case (where the last would win).</summary>
    /// <returns>The path of each repeat and the spelling the key was first given in; empty when the text is not JSON.</returns>
    public static List<(string Path, string Key, bool OtherCase)> RepeatedKeys(string json)
    {
        var found = new List<(string, string, bool)>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
            Walk(document.RootElement, "$", found);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON: the reader reports it with its line and position.
        }

        return found;
    }

    /// <summary><see langword="true"/> when the text holds a surrogate that is not half of a pair (not valid Unicode).</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A reader error described in the file's own terms: what went wrong and where, never a .NET type name.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var what = message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "A property is not part of this file's format (property names are case-sensitive)"
            : message.Contains("could not be converted", StringComparison.Ordinal)
                ? "A value has the wrong type for its property"
                : message.Contains("missing required", StringComparison.OrdinalIgnoreCase)
                    ? "A required property is missing"
                    : "The file is not well-formed JSON";
        return string.Create(CultureInfo.InvariantCulture, $"{what} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
    }

    private static void Walk(JsonElement element, string path, List<(string, string, bool)> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                if (seen.TryGetValue(property.Name, out var first))
                {
                    found.Add((path + Segment(property.Name), first, !string.Equals(first, property.Name, StringComparison.Ordinal)));
                    continue;
                }

                seen[property.Name] = property.Name;
                Walk(property.Value, path + Segment(property.Name), found);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), found);
            }
        }
    }

    private static string Segment(string name) =>
        name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) ? "." + name : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
}
