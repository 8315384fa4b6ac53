using System.Text;
using BackHip.Domain.Serialization;

namespace BackHip.Domain.Tests.Hardening;

/// <summary>Bad case documents are never misread and are answered in the wire format (issue 17, defects 1–4 and 9).</summary>
public sealed class CaseReadingTests
{
    private const string Profile = "\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"}";

    private static BackHipValidationException Rejects(string json) => Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(json));

    [Theory]
    [InlineData("[null]", "$.evidence[0]")]
    [InlineData("[{\"finding\":\"night-pain\",\"state\":\"present\"},null]", "$.evidence[1]")]
    [InlineData("null", "$.evidence")]
    public void A_null_where_an_object_or_array_belongs_is_a_problem_at_its_path(string evidence, string path)
    {
        var ex = Rejects("{" + Profile + ",\"evidence\":" + evidence + "}");
        Assert.Contains(ex.Problems, p => p.Path == path);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"profile\":null}", "$.profile")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":null}}", "$.profile.sex")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":null,\"sex\":\"male\"}}", "$.profile.age")]
    [InlineData("{" + Profile + ",\"evidence\":[{\"finding\":null,\"state\":\"present\"}]}", "$.evidence[0].finding")]
    [InlineData("{" + Profile + ",\"instruments\":{\"rolandMorris\":null,\"oswestry\":{\"walking\":\"3\"}}}", "$.instruments.oswestry.walking")]
    [InlineData("{" + Profile + ",\"instruments\":{\"rolandMorris\":{\"items\":null}}}", "$.instruments.rolandMorris.items")]
    public void Nulls_and_wrong_types_name_their_wire_path(string json, string path) =>
        Assert.Contains(Rejects(json).Problems, p => p.Path == path);

    [Theory]
    [InlineData("\"state\":\"unknown, present\"", "$.evidence[0].state")]
    [InlineData("\"state\":\"present, absent\"", "$.evidence[0].state")]
    [InlineData("\"state\":\"Present\"", "$.evidence[0].state")]
    [InlineData("\"state\":\" present\"", "$.evidence[0].state")]
    [InlineData("\"state\":\"present \"", "$.evidence[0].state")]
    [InlineData("\"state\":\"1\"", "$.evidence[0].state")]
    [InlineData("\"state\":\"present\",\"origin\":\"initial, clinician\"", "$.evidence[0].origin")]
    [InlineData("\"state\":\"present\",\"origin\":\"redflagscreen\"", "$.evidence[0].origin")]
    [InlineData("\"state\":\"present\",\"origin\":\"Interview\"", "$.evidence[0].origin")]
    public void Evidence_enums_accept_exactly_the_documented_spellings(string fields, string path)
    {
        var ex = Rejects("{" + Profile + ",\"evidence\":[{\"finding\":\"night-pain\"," + fields + "}]}");
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Equal("unknown-value", problem.Code);
    }

    [Theory]
    [InlineData("female, male")]
    [InlineData(" male")]
    [InlineData("male ")]
    [InlineData("Male")]
    [InlineData("MALE")]
    [InlineData("male\u0000")]
    public void Sex_accepts_exactly_the_documented_spellings(string sex)
    {
        var ex = Rejects("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":" + System.Text.Json.JsonSerializer.Serialize(sex) + "}}");
        Assert.Equal("$.profile.sex", Assert.Single(ex.Problems).Path);
    }

    [Theory]
    [InlineData("\"veryMuch, extremely\"")]
    [InlineData("\"VeryMuch\"")]
    [InlineData("\" extremely\"")]
    [InlineData("3")]
    public void StartBack_answers_accept_exactly_the_documented_spellings(string bother)
    {
        var ex = Rejects("{" + Profile + ",\"instruments\":{\"startBack\":{\"referredLegPain\":true,\"comorbidPain\":true,\"walksShortDistances\":true,\"dressesSlowly\":true,\"fear\":true,\"anxiety\":true,\"catastrophising\":true,\"lowMood\":true,\"bothersomeness\":" + bother + "}}}");
        Assert.Equal("$.instruments.startBack.bothersomeness", Assert.Single(ex.Problems).Path);
    }

    [Fact]
    public void Every_documented_spelling_is_accepted()
    {
        foreach (var state in new[] { "unknown", "present", "absent" })
        {
            foreach (var origin in new[] { "initial", "interview", "redFlagScreen", "clinician" })
            {
                var c = BackHipJson.ReadCase("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"female\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"" + state + "\",\"origin\":\"" + origin + "\"}]}");
                Assert.Equal(state, c.Evidence[0].State.ToString(), StringComparer.OrdinalIgnoreCase);
                Assert.Equal(origin, c.Evidence[0].Origin.ToString(), StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void A_missing_origin_is_interview_as_documented()
    {
        var c = BackHipJson.ReadCase("{" + Profile + ",\"evidence\":[{\"finding\":\"pain-lower-back\",\"state\":\"present\",\"initial\":true},{\"finding\":\"night-pain\",\"state\":\"absent\"}]}");
        Assert.Equal(EvidenceOrigin.Interview, c.Evidence[0].Origin);
        Assert.True(c.Evidence[0].IsInitial);
        Assert.Equal(EvidenceOrigin.Interview, c.Evidence[1].Origin);
        Assert.Contains("\"initial\":true,\"origin\":\"interview\"", BackHipJson.WriteCase(c), StringComparison.Ordinal);
    }

    [Fact]
    public void Case_validation_paths_use_the_wire_names()
    {
        var kb = KnowledgeBase.Default;
        var paths = kb.Validate(Case.For(30, Sex.Male).Pregnant().Present("pain-elbow").Build()).Problems.Select(p => p.Path).ToList();
        Assert.Contains("$.profile.pregnant", paths);
        Assert.Contains("$.evidence[0].finding", paths);
        var missing = kb.Validate(Case.Create(new PatientProfile { Age = 30, Sex = Sex.Male }, [new Evidence { FindingId = " ", State = EvidenceState.Present }]));
        Assert.Equal("$.evidence[0].finding", Assert.Single(missing.Problems).Path);
        var composite = kb.Validate(Case.For(30, Sex.Male).Present("asas-ibp-criteria").Build());
        Assert.Equal("$.evidence[0].finding", Assert.Single(composite.Problems).Path);
    }

    public static TheoryData<string, string> WireCases => new()
    {
        { "{" + Profile + ",\"evidence\":[],\"extra\":1}", "$.extra" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":\"thirty\",\"sex\":\"male\"}}", "$.profile.age" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"robot\"}}", "$.profile.sex" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":1}}", "$.profile.sex" },
        { "{\"schemaVersion\":1,\"profile\":{\"sex\":\"male\"}}", "$.profile.age" },
        { "{\"schemaVersion\":1,\"schemaVersion\":1,\"profile\":{\"age\":30,\"sex\":\"male\"}}", "$.schemaVersion" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":99999999999999999999,\"sex\":\"male\"}}", "$.profile.age" },
        { "{\"schemaVersion\":1,\"profile\":{\"age\":30.5,\"sex\":\"male\"}}", "$.profile.age" },
        { "{" + Profile + ",\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"present\",\"isInitial\":true}]}", "$.evidence[0].isInitial" },
        { "{" + Profile + ",\"evidence\":[{\"findingId\":\"night-pain\",\"state\":\"present\"}]}", "$.evidence[0].finding" },
        { "{" + Profile + ",\"evidence\":{}}", "$.evidence" },
        { "{" + Profile + ",\"instruments\":{\"oswestry\":{\"walking\":9}}}", "$.instruments.oswestry.walking" },
        { "{" + Profile + ",\"instruments\":{\"painIntensity\":11}}", "$.instruments.painIntensity" },
        { "[]", "$" },
        { "\"case\"", "$" },
    };

    [Theory]
    [MemberData(nameof(WireCases))]
    public void Problems_speak_the_wire_format_only(string json, string path)
    {
        var ex = Rejects(json);
        Assert.Contains(ex.Problems, p => p.Path == path);
        foreach (var p in ex.Problems)
        {
            Assert.DoesNotContain("BackHip.", p.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", p.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Document", p.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(".NET", p.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("IsPregnant", p.Path ?? "", StringComparison.Ordinal);
        }

        Assert.DoesNotContain("BackHip.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"SECRET-NAME-Jane-Doe\"}}")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"SECRET-NAME-Jane-Doe\",\"state\":\"present\"}]}")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"SECRET-NAME-Jane-Doe\"}]}")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"},\"SECRET-NAME-Jane-Doe\":1}")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"present\"}],SECRET-NAME-Jane-Doe}")]
    [InlineData("{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"},\"evidence\":[{\"finding\":\"night-pain\",\"state\":\"present\"}],\"evidence\":\"SECRET-NAME-Jane-Doe\"}")]
    public void Messages_never_repeat_input_text(string json)
    {
        var ex = Rejects(json);
        Assert.DoesNotContain("Jane", ex.Message, StringComparison.Ordinal);
        Assert.All(ex.Problems, p => Assert.DoesNotContain("Jane", p.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_about_a_valid_looking_case_do_not_disclose_its_answers()
    {
        var c = Case.For(130, Sex.Male).Present("saddle-numbness").Absent("saddle-numbness").Present("duration-under-2-weeks", "duration-over-12-weeks").Build();
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Default.ValidateAndThrow(c));
        Assert.Equal(3, ex.Problems.Length);
        Assert.DoesNotContain("saddle", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("duration", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("130", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Present", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_that_are_not_valid_unicode_are_rejected_not_thrown()
    {
        Rejects("{" + Profile + ",\"evidence\":[{\"finding\":\"night-pain\\ud800\",\"state\":\"present\"}]}");
        Rejects("{" + Profile + ",\"evidence\":[{\"finding\":\"night-pain\uD800\",\"state\":\"present\"}]}");
        var bytes = Encoding.UTF8.GetBytes("{" + Profile + ",\"evidence\":[{\"finding\":\"night-painXX\",\"state\":\"present\"}]}");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xED;
        bytes[at + 1] = 0xA0;
        Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase(bytes));
    }
}
