using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using BackHip.Domain.Instruments;
using BackHip.Domain.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Hardening;

/// <summary>
/// The red-team fuzzing, kept as a property (issue 17): generated case documents, valid ones and ones broken in the ways
/// the red team found (garbled enums, nulls, missing, unknown, repeated and case-variant keys, wrong types, truncation,
/// carriage returns, lone surrogates, out-of-range numbers), checked against three rules: only
/// <see cref="BackHipValidationException"/> escapes; nothing invalid is accepted, and whatever is accepted means exactly
/// what the document says; a valid document round-trips. 3,000 documents in CI; <c>BACKHIP_STRESS=1</c> runs 100,000.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Garbles = ["{0}, {1}", "{0},{1}", " {0}", "{0} ", "{2}", "{3}", "", "1", "{0}\u0000", "{0}s"];

    private static readonly string[] UnknownKeys = ["extra", "isInitial", "findingId", "isPregnant", "Finding", "State", "SECRET-Jane-Doe", "profile ", "\u00e9tat"];

    private static readonly string[] Findings = Generators.StatableFindings;

    /// <summary>One fuzzed document: its text, whether some mutation broke it, and the case it means when it is valid.</summary>
    private sealed record Fuzzed(string Json, bool Broken, Case Expected, string Mutations);

    private static Gen<Fuzzed> Documents =>
        from c in Generators.Cases
        from seed in Gen.Choose(0, int.MaxValue)
        select Mutate(c, new Random(seed));

    private static Fuzzed Mutate(Case generated, Random random)
    {
        var expected = random.Next(3) == 0 ? generated.WithInstruments(RandomInstruments(random)) : generated;
        var root = JsonNode.Parse(BackHipJson.WriteCase(expected))!.AsObject();
        var broken = false;
        var log = new List<string>();
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations; m++)
        {
            var kind = random.Next(14);
            log.Add(kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
            broken |= ApplyTreeMutation(root, kind, random);
        }

        var json = random.Next(4) == 0 ? root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) : root.ToJsonString();
        if (random.Next(8) == 0)
        {
            (json, var breaks) = ApplyTextMutation(json, random);
            broken |= breaks;
            log.Add("text");
        }

        return new Fuzzed(json, broken, expected, string.Join(",", log));
    }

    /// <summary>Applies one mutation to the document tree; returns whether it makes the document invalid.</summary>
    private static bool ApplyTreeMutation(JsonObject root, int kind, Random random)
    {
        var evidence = root["evidence"] as JsonArray;
        var item = evidence is { Count: > 0 } ? evidence[random.Next(evidence.Count)] as JsonObject : null;
        var profile = root["profile"] as JsonObject;
        switch (kind)
        {
            case 0 when item is not null: // a garbled answer
                item["state"] = Garble(Text(item["state"]), ["unknown", "present", "absent"], random);
                return true;
            case 1 when item is not null: // a garbled origin
                item["origin"] = Garble(item["origin"] is null ? "interview" : Text(item["origin"]), ["initial", "interview", "redFlagScreen", "clinician"], random);
                return true;
            case 2 when profile is not null: // a garbled sex
                profile["sex"] = Garble(profile["sex"] is null ? "unknown" : Text(profile["sex"]), ["female", "male", "unknown"], random);
                return true;
            case 3 when evidence is not null: // a null item
                evidence.Insert(random.Next(evidence.Count + 1), null);
                return true;
            case 4: // a required field removed
                var (owner, key) = random.Next(4) switch
                {
                    0 => (root, "profile"),
                    1 => (profile, "age"), // sex is optional (unknown when left out)
                    2 => (profile, "age"),
                    _ => item is not null ? (item, random.Next(2) == 0 ? "finding" : "state") : (root, "schemaVersion"),
                };
                return owner is not null && owner.Remove(key);
            case 5: // an unknown key
                var target = random.Next(3) switch { 0 => root, 1 => profile, _ => item } ?? root;
                target[UnknownKeys[random.Next(UnknownKeys.Length)]] = random.Next(2) == 0 ? true : "x";
                return true;
            case 6 when profile is not null: // a wrong type or an out-of-range number
                profile["age"] = random.Next(6) switch { 0 => "40", 1 => 40.5, 2 => 1e3, 3 => -1, 4 => 121, _ => 3_000_000_000L };
                return true;
            case 7 when item is not null: // a wrong type in evidence
                item[random.Next(2) == 0 ? "initial" : "finding"] = random.Next(2) == 0 ? 5 : "true";
                return true;
            case 8 when item is not null: // an unknown, composite or repeated finding
                item["finding"] = random.Next(3) switch { 0 => "no-such-finding", 1 => "asas-ibp-criteria", _ => "x" + Text(item["finding"]) };
                return true;
            case 9: // a wrong schema version
                root["schemaVersion"] = random.Next(2) == 0 ? 2 : "1";
                return true;
            case 10: // defaults written out or left out: the meaning is unchanged
                foreach (var e in evidence?.OfType<JsonObject>() ?? [])
                {
                    if (e["origin"] is not null && Text(e["origin"]) == "interview" && random.Next(2) == 0)
                    {
                        e.Remove("origin");
                    }

                    if (e["initial"] is null)
                    {
                        e["initial"] = false;
                    }
                }

                if (profile is not null && profile["pregnant"] is null)
                {
                    profile["pregnant"] = false;
                }

                if (root["instruments"] is null && random.Next(2) == 0)
                {
                    root["instruments"] = null;
                }

                return false;
            case 11: // properties reordered: the meaning is unchanged
                Reorder(root, random);
                return false;
            case 12 when item is not null && evidence is not null: // the same finding twice
                evidence.Add(item.DeepClone());
                return true;
            case 13 when item is not null: // a control character or a trailing space
                item["finding"] = Text(item["finding"]) + (random.Next(2) == 0 ? "\u0001" : " ");
                return true;
            default:
                return false;
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "x";

    private static string Garble(string value, string[] valid, Random random)
    {
        value = value.Length == 0 ? valid[0] : value;
        var other = valid[random.Next(valid.Length)];
        var pattern = Garbles[random.Next(Garbles.Length)];
        var garbled = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, value, other, char.ToUpperInvariant(value[0]) + value[1..], value.ToUpperInvariant());
        return valid.Contains(garbled) ? value + "," + other : garbled;
    }

    private static void Reorder(JsonNode? node, Random random)
    {
        if (node is JsonObject obj)
        {
            var properties = obj.ToList();
            obj.Clear();
            foreach (var (key, value) in properties.OrderBy(_ => random.Next()))
            {
                Reorder(value, random);
                obj[key] = value;
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Reorder(child, random);
            }
        }
    }

    /// <summary>Text-level damage: every variant leaves the document invalid (<c>evidence</c>, which no mutation removes, is repeated).</summary>
    private static (string Json, bool Broken) ApplyTextMutation(string json, Random random) => random.Next(6) switch
    {
        0 => (json[..random.Next(json.Length - 1)], true),
        1 => (json + (random.Next(2) == 0 ? "x" : "\r{}"), true),
        2 => (json.Insert(1, "\"evidence\":[],"), true),
        3 => (json.Insert(1, "\"SchemaVersion\":1,"), true),
        4 => (json.Insert(json.Length - 1, ",\"evidence\":[]"), true),
        _ => (json.Replace("\"state\":\"", "\"state\":\"\\ud800", StringComparison.Ordinal), json.Contains("\"state\":\"", StringComparison.Ordinal)),
    };

    private static InstrumentResponses RandomInstruments(Random random) => new()
    {
        PainIntensity = random.Next(2) == 0 ? random.Next(0, 11) : null,
        StartBack = random.Next(2) == 0 ? null : new StartBackResponses
        {
            ReferredLegPain = random.Next(2) == 0, ComorbidPain = random.Next(2) == 0, WalksShortDistances = random.Next(2) == 0, DressesSlowly = random.Next(2) == 0,
            Fear = random.Next(2) == 0, Anxiety = random.Next(2) == 0, Catastrophising = random.Next(2) == 0, LowMood = random.Next(2) == 0,
            Bothersomeness = (Bothersomeness)random.Next(5),
        },
        Oswestry = random.Next(2) == 0 ? null : new OswestryResponses { PainIntensity = random.Next(6), Walking = random.Next(6), Lifting = random.Next(6), Sitting = random.Next(6), Standing = random.Next(6), Sleeping = random.Next(6), SocialLife = random.Next(6), Travelling = random.Next(6), PersonalCare = random.Next(6), SexLife = random.Next(2) == 0 ? null : random.Next(6) },
        RolandMorris = random.Next(2) == 0 ? null : new RolandMorrisResponses { Items = [.. Enumerable.Range(0, 24).Select(_ => (bool?)(random.Next(2) == 0))] },
    };

    /// <summary>The document with defaults filled in and keys sorted, to compare what a document says with what was read.</summary>
    private static string Canonical(JsonNode node)
    {
        var copy = node.DeepClone();
        if (copy is JsonObject root)
        {
            if (root["profile"] is JsonObject profile && profile["pregnant"] is null)
            {
                profile["pregnant"] = false;
            }

            root["evidence"] ??= new JsonArray();
            foreach (var item in root["evidence"]!.AsArray().OfType<JsonObject>())
            {
                item["initial"] ??= false;
                item["origin"] ??= "interview";
            }

            if (root.ContainsKey("instruments") && root["instruments"] is null)
            {
                root.Remove("instruments");
            }
        }

        return Sorted(copy)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static bool Holds(Fuzzed doc, ref int accepted)
    {
        Case read;
        try
        {
            read = BackHipJson.ReadCase(doc.Json);
        }
        catch (BackHipValidationException ex)
        {
            Assert.True(doc.Broken, $"a valid document was rejected ({doc.Mutations}): {ex.Message}\n{doc.Json}");
            Assert.NotEmpty(ex.Problems);
            Assert.All(ex.Problems, p => Assert.StartsWith("$", p.Path ?? "$", StringComparison.Ordinal));
            Assert.DoesNotContain("BackHip.Domain.", ex.Message, StringComparison.Ordinal);
            return true;
        }

        // Accepted: it must not have been broken, must mean the case it was made from, and must say exactly what was read.
        Assert.False(doc.Broken, $"an invalid document was accepted ({doc.Mutations}):\n{doc.Json}");
        Assert.Equal(doc.Expected, read);
        var written = BackHipJson.WriteCase(read);
        Assert.Equal(Canonical(JsonNode.Parse(doc.Json)!), Canonical(JsonNode.Parse(written)!));
        Assert.Equal(read, BackHipJson.ReadCase(written));
        accepted++;
        return true;
    }

    [Fact]
    public void Fuzzed_case_documents_are_read_exactly_or_rejected_with_the_documented_exception()
    {
        var count = Stress.Size(ci: 3_000, stress: 100_000);
        var watch = Stopwatch.StartNew();
        var accepted = 0;
        Properties.Check(Prop.ForAll(Arb.From(Documents), doc => Holds(doc, ref accepted)), maxTest: count);
        TestContext.Current.TestOutputHelper?.WriteLine($"{count:N0} fuzzed case documents ({accepted:N0} valid and read back exactly, {count - accepted:N0} rejected) in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.InRange(accepted, count / 5, count - (count / 5));
    }

    [Fact]
    public void Random_json_values_only_ever_yield_the_documented_exception()
    {
        var count = Stress.Size(ci: 2_000, stress: 100_000);
        Properties.Check(Prop.ForAll(Arb.From(RandomJson(3)), node =>
        {
            var json = node?.ToJsonString() ?? "null";
            try
            {
                var read = BackHipJson.ReadCase(json);
                Assert.Equal(Canonical(node!), Canonical(JsonNode.Parse(BackHipJson.WriteCase(read))!));
            }
            catch (BackHipValidationException ex)
            {
                Assert.NotEmpty(ex.Problems);
            }

            try
            {
                BackHipJson.ReadCase(Encoding.UTF8.GetBytes(json));
            }
            catch (BackHipValidationException)
            {
            }

            return true;
        }), maxTest: count);
    }

    private static JsonObject Object((string Key, JsonNode? Value)[] pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs)
        {
            o[k] = v;
        }

        return o;
    }

    /// <summary>Random JSON biased towards the case contract's names and values.</summary>
    private static Gen<JsonNode?> RandomJson(int depth)
    {
        string[] keys = ["schemaVersion", "profile", "age", "sex", "pregnant", "evidence", "finding", "state", "initial", "origin", "instruments", "painIntensity", "x", "Sex"];
        string[] strings = ["male", "female", "present", "absent", "unknown", "interview", "night-pain", "pain-lower-back", "", "male, female", " present"];
        var leaf = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(strings).Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Choose(-3, 130).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Elements(0.5, 1e300, -0.0, 1.0).Select(d => (JsonNode?)JsonValue.Create(d)));
        if (depth == 0)
        {
            return leaf;
        }

        var child = RandomJson(depth - 1);
        var pair = from k in Gen.Elements(keys) from v in child select (k, v);
        var obj = from n in Gen.Choose(0, 5)
                  from pairs in Gen.ArrayOf(pair, n)
                  select (JsonNode?)Object(pairs);
        var arr = from n in Gen.Choose(0, 4)
                  from items in Gen.ArrayOf(child, n)
                  select (JsonNode?)new JsonArray([.. items]);
        return Gen.Frequency((2, leaf), (3, obj), (2, arr));
    }
}
