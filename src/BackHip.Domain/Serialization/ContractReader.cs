using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackHip.Domain.Serialization;

/// <summary>
/// Checks a parsed document against the contract's shipped JSON Schema (the subset the exporter writes: <c>type</c>,
/// <c>enum</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties: false</c>, <c>items</c>) and lists every
/// problem with its wire-format path. Enum values must be spelled exactly as documented, integers must be whole 32-bit
/// numbers, and a property may appear once, in one letter case. Messages never repeat the document's values.
/// </summary>
internal sealed partial class ContractReader
{
    private const int MaxShownName = 32;

    private readonly Node _root;

    private ContractReader(Node root) => _root = root;

    public static ContractReader Case { get; } = FromSchema("case.schema.json");

    public static ContractReader Assessment { get; } = FromSchema("assessment.schema.json");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex PlainName();

    /// <summary>Parses UTF-8 JSON (at most <see cref="BackHipJson.MaxDepth"/> deep, no comments or trailing commas).</summary>
    /// <returns>The document, or <see langword="null"/> with a problem added.</returns>
    public static JsonDocument? Parse(ReadOnlySpan<byte> utf8Json, List<ValidationProblem> problems)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = BackHipJson.MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException();
            }

            return document;
        }
        catch (JsonException ex)
        {
            document?.Dispose();
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {ex.BytePositionInLine + 1})")
                : string.Empty;
            var message = reader.CurrentDepth >= BackHipJson.MaxDepth
                ? $"The document nests deeper than {BackHipJson.MaxDepth} levels{where}."
                : utf8Json.Trim(" \t\r\n"u8).IsEmpty ? "The document is empty." : $"The document is not well-formed JSON{where}.";
            problems.Add(new ValidationProblem { Code = "malformed-json", Message = message, Path = "$" });
            return null;
        }
    }

    /// <summary>Checks the document against the contract; adds every problem found.</summary>
    public void Check(JsonElement element, List<ValidationProblem> problems) => Check(element, _root, "$", problems);

    /// <summary>A property name as shown in a path: itself when short and plain, otherwise elided.</summary>
    public static string Segment(string name) =>
        name.Length <= MaxShownName && PlainName().IsMatch(name) ? "." + name : "['…']";

    /// <summary>The string of an element, or <see langword="null"/> when it is not valid Unicode.</summary>
    public static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void Check(JsonElement element, Node node, string path, List<ValidationProblem> problems)
    {
        var kind = KindOf(element);
        if ((node.Types & kind) == 0)
        {
            var message = kind == Kind.Number && (node.Types & Kind.Integer) != 0
                ? "Expected a whole number from -2147483648 to 2147483647, written without a fraction or exponent."
                : Expected(node, kind);
            Add(problems, node.Enum is not null ? "unknown-value" : "wrong-type", message, path);
            return;
        }

        switch (kind)
        {
            case Kind.String when node.Enum is not null:
                var text = TryGetString(element);
                if (text is null || !node.Enum.Contains(text))
                {
                    Add(problems, "unknown-value", Expected(node, kind), path);
                }

                break;
            case Kind.String:
                if (TryGetString(element) is null)
                {
                    Add(problems, "malformed-json", "The string is not valid Unicode.", path);
                }

                break;
            case Kind.Number when !element.TryGetDouble(out var number) || !double.IsFinite(number):
                Add(problems, "out-of-range", "The number is too large.", path);
                break;
            case Kind.Object:
                CheckObject(element, node, path, problems);
                break;
            case Kind.Array when node.Items is not null:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, node.Items, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), problems);
                }

                break;
            default:
                break;
        }
    }

    private static void CheckObject(JsonElement element, Node node, string path, List<ValidationProblem> problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                Add(problems, "malformed-json", "A property name is not valid Unicode.", path);
                continue;
            }

            var at = path + Segment(name);
            if (seen.TryGetValue(name, out var earlier))
            {
                Add(problems, "duplicate-property", string.Equals(earlier, name, StringComparison.Ordinal)
                    ? "The property appears more than once."
                    : "The property appears more than once, in different letter case.", at);
                continue;
            }

            seen[name] = name;
            if (node.Properties is not null && node.Properties.TryGetValue(name, out var child))
            {
                Check(property.Value, child, at, problems);
            }
            else if (!node.AllowsOtherProperties)
            {
                var hint = node.Properties is not null && node.Properties.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ? " (property names are case-sensitive)"
                    : string.Empty;
                Add(problems, "unknown-property", $"Not a property here{hint}; expected {Names(node.Properties?.Keys)}.", at);
            }
        }

        foreach (var required in node.Required)
        {
            if (!seen.TryGetValue(required, out var given) || !string.Equals(given, required, StringComparison.Ordinal))
            {
                Add(problems, "missing-field", $"'{required}' is required.", path + "." + required);
            }
        }
    }

    private static void Add(List<ValidationProblem> problems, string code, string message, string path) =>
        problems.Add(new ValidationProblem { Code = code, Message = message, Path = path });

    private static string Expected(Node node, Kind found)
    {
        if (node.Enum is not null)
        {
            return $"Expected one of {Names(node.Enum.Where(v => v is not null)!)}{(node.Types.HasFlag(Kind.Null) ? " or null" : string.Empty)}.";
        }

        var names = new List<string>();
        foreach (var (flag, name) in KindNames)
        {
            if (node.Types.HasFlag(flag) && !(flag == Kind.Integer && node.Types.HasFlag(Kind.Number)))
            {
                names.Add(name);
            }
        }

        return $"Expected {string.Join(" or ", names)}; found {KindNames.First(k => k.Flag == found).Name}.";
    }

    private static string Names(IEnumerable<string>? names) =>
        names is null ? "no properties" : string.Join(", ", names.Select(n => "'" + n + "'"));

    private static readonly (Kind Flag, string Name)[] KindNames =
    [
        (Kind.Object, "an object"), (Kind.Array, "an array"), (Kind.String, "a string"), (Kind.Integer, "a whole number"),
        (Kind.Number, "a number"), (Kind.Boolean, "true or false"), (Kind.Null, "null"),
    ];

    private static Kind KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Kind.Object,
        JsonValueKind.Array => Kind.Array,
        JsonValueKind.String => Kind.String,
        JsonValueKind.Number => element.TryGetInt32(out _) ? Kind.Integer : Kind.Number,
        JsonValueKind.True or JsonValueKind.False => Kind.Boolean,
        _ => Kind.Null,
    };

    private static ContractReader FromSchema(string fileName)
    {
        using var document = JsonDocument.Parse(BackHipJson.ShippedSchema(fileName));
        return new ContractReader(Compile(document.RootElement));
    }

    private static Node Compile(JsonElement schema)
    {
        var types = Kind.None;
        FrozenSet<string?>? values = null;
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToArray() : new[] { type.GetString() };
            foreach (var name in names)
            {
                types |= name switch
                {
                    "object" => Kind.Object,
                    "array" => Kind.Array,
                    "string" => Kind.String,
                    "integer" => Kind.Integer,
                    "number" => Kind.Number | Kind.Integer,
                    "boolean" => Kind.Boolean,
                    "null" => Kind.Null,
                    _ => throw new InvalidOperationException("Unsupported schema type."),
                };
            }
        }

        if (schema.TryGetProperty("enum", out var enumValues))
        {
            values = enumValues.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToFrozenSet(StringComparer.Ordinal);
            types |= Kind.String | (values.Contains(null) ? Kind.Null : Kind.None);
        }

        if (types == Kind.None)
        {
            types = Kind.Any;
        }

        var properties = schema.TryGetProperty("properties", out var props)
            ? props.EnumerateObject().ToFrozenDictionary(p => p.Name, p => Compile(p.Value), StringComparer.Ordinal)
            : null;
        var required = schema.TryGetProperty("required", out var req) ? req.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];
        var others = !schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False;
        var items = schema.TryGetProperty("items", out var itemSchema) ? Compile(itemSchema) : null;
        return new Node(types, values, properties, required, others, items);
    }

    [Flags]
    private enum Kind
    {
        None = 0,
        Object = 1,
        Array = 2,
        String = 4,
        Integer = 8,
        Number = 16,
        Boolean = 32,
        Null = 64,
        Any = Object | Array | String | Integer | Number | Boolean | Null,
    }

    private sealed record Node(Kind Types, FrozenSet<string?>? Enum, FrozenDictionary<string, Node>? Properties, string[] Required, bool AllowsOtherProperties, Node? Items);
}
