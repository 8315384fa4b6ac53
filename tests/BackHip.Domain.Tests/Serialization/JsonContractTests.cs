using System.Text;
using BackHip.Domain.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Serialization;

public sealed class JsonContractTests
{
    private static readonly BackHipAssessor Assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);

    private static Case Sciatica => Case.For(42, Sex.Male).Initial("pain-lower-back", "pain-below-knee").Present("pain-shooting", "slr-positive", "duration-under-2-weeks").Absent("bladder-dysfunction", "saddle-numbness", "fever-or-chills").Build();

    [Fact]
    public void Schemas_in_the_repo_match_the_contracts_and_ship_in_the_package()
    {
        Snapshots.Match(BackHipJson.CaseSchema(), "src", "BackHip.Domain", "Serialization", "Schemas", "case.schema.json");
        Snapshots.Match(BackHipJson.AssessmentSchema(), "src", "BackHip.Domain", "Serialization", "Schemas", "assessment.schema.json");
        if (!Snapshots.Updating)
        {
            Assert.Equal(BackHipJson.CaseSchema(), BackHipJson.ShippedSchema("case.schema.json").ReplaceLineEndings("\n"));
            Assert.Equal(BackHipJson.AssessmentSchema(), BackHipJson.ShippedSchema("assessment.schema.json").ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Assessment_json_is_byte_identical_to_the_checked_in_document() =>
        Snapshots.Match(BackHipJson.WriteAssessment(Assessor.Assess(Sciatica)) + "\n", "tests", "BackHip.Domain.Tests", "Serialization", "sample-assessment.json");

    [Fact]
    public void Documents_are_camel_case_with_string_enums_schema_version_and_no_nulls()
    {
        var json = BackHipJson.WriteAssessment(Assessor.Assess(Sciatica));
        Assert.StartsWith("{\"schemaVersion\":1,", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"consultation\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(":null", json, StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\":1", BackHipJson.WriteConditions(KnowledgeBase.Default), StringComparison.Ordinal);
        Assert.Contains("\"cauda-equina-syndrome\"", BackHipJson.WriteConditions(KnowledgeBase.Default), StringComparison.Ordinal);
        Assert.Contains("\"saddle-numbness\"", BackHipJson.WriteFindings(KnowledgeBase.Default), StringComparison.Ordinal);
        Assert.Contains("\"knee-to-chest\"", BackHipJson.WriteExercises(KnowledgeBase.Default), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_generated_case_round_trips_to_an_equal_case() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c => BackHipJson.ReadCase(BackHipJson.WriteCase(c)).Equals(c)));

    [Fact]
    public void Any_assessment_round_trips() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var json = BackHipJson.WriteAssessment(Assessor.Assess(c));
            return BackHipJson.WriteAssessment(BackHipJson.ReadAssessment(json)) == json;
        }), maxTest: 60);

    public static TheoryData<string, string> BadCases => new()
    {
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":[],\"extra\":1}", "unknown-property" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":\"thirty\",\"sex\":\"male\"}}", "wrong-type" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"robot\"}}", "unknown-value" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":1}}", "unknown-value" },
        { "{\"schemaVersion\":1,\"profile\":{\"sex\":\"male\"}}", "missing-field" },
        { "{\"schemaVersion\":1,\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"}}", "duplicate-property" },
        { "{\"schemaVersion\":2,\"profile\":{\"age\":30,\"sex\":\"male\"}}", "schema-version" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"present\"},{\"finding\":\"night-pain\",\"state\":\"absent\"}]}", "conflicting-evidence" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"present\"},{\"finding\":\"night-pain\",\"state\":\"present\"}]}", "duplicate-evidence" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":99999999999999999999,\"sex\":\"male\"}}", "wrong-type" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"", "malformed-json" },
        { "", "malformed-json" },
        { "null", "wrong-type" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Strict_reading_rejects_bad_documents_with_one_exception_type(string json, string code)
    {
        var ex = Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(json));
        Assert.Contains(ex.Problems, p => p.Code == code && p.Path is not null);
    }

    [Fact]
    public void Limits_are_enforced()
    {
        var evidence = string.Join(",", Enumerable.Range(0, BackHipJson.MaxEvidenceItems + 1).Select(_ => "{\"finding\":\"night-pain\",\"state\":\"present\"}"));
        var tooMany = Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase($"{{\"schemaVersion\":1,\"profile\":{{\"age\":30,\"sex\":\"male\"}},\"evidence\":[{evidence}]}}"));
        Assert.Contains(tooMany.Problems, p => p.Code == "too-many-evidence");
        var huge = "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":[]," + new string(' ', BackHipJson.MaxDocumentBytes) + "}";
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(huge)).Problems, p => p.Code == "too-large");
        var deep = new string('[', 100) + new string(']', 100);
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase("{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":" + deep + "}")).Problems, p => p.Code == "malformed-json");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(huge));
        Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(stream));
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"present\"}]}");
        bytes[60] = 0xC3;
        bytes[61] = 0x28;
        Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(bytes));
    }

    [Fact]
    public void Random_and_mutated_json_only_ever_yields_the_documented_error()
    {
        var valid = Encoding.UTF8.GetBytes(BackHipJson.WriteCase(Sciatica));
        var mutations = Gen.Choose(0, 5);
        var gen = from kind in mutations
                  from position in Gen.Choose(0, valid.Length - 1)
                  from value in Gen.Choose(0, 255)
                  from noise in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))
                  select Mutate(valid, kind, position, (byte)value, noise);
        Properties.Check(Prop.ForAll(Arb.From(gen), bytes =>
        {
            try
            {
                BackHipJson.ReadCase(bytes);
                return true;
            }
            catch (BackHipValidationException ex)
            {
                return !ex.Problems.IsEmpty;
            }
        }), maxTest: 500);
    }

    private static byte[] Mutate(byte[] valid, int kind, int position, byte value, byte[] noise) => kind switch
    {
        0 => valid[..position],
        1 => [.. valid[..position], value, .. valid[(position + 1)..]],
        2 => noise,
        3 => [.. valid[..position], .. Encoding.UTF8.GetBytes("\"x\":1e999,"), .. valid[position..]],
        4 => [.. valid[..position], .. Encoding.UTF8.GetBytes(new string('[', 64)), .. valid[position..]],
        _ => [.. valid[..position], 0xFF, 0xFE, .. valid[position..]],
    };
}
