using System.Text.Json.Nodes;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>Each class of corruption in a knowledge file is caught with its file, id and path; nothing partial loads.</summary>
public sealed class KnowledgeValidationTests
{
    private static BackHipValidationException LoadFails(KnowledgeFiles files) =>
        Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(files));

    private static KnowledgeFiles Edit(string file, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[file])!;
        edit(node);
        return KnowledgeFiles.Embedded.With(file, node.ToJsonString());
    }

    private static ValidationProblem Single(BackHipValidationException ex, string code) =>
        Assert.Single(ex.Problems, p => p.Code == code);

    [Fact]
    public void Malformed_json_is_reported_with_file_and_line()
    {
        var ex = LoadFails(KnowledgeFiles.Embedded.With(KnowledgeFiles.Findings, "{\"schemaVersion\": 1, \"findings\": [ {\"id\": "));
        var p = Single(ex, "malformed-json");
        Assert.Equal(KnowledgeFiles.Findings, p.File);
        Assert.Contains("line", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_reported() =>
        Assert.Equal(KnowledgeFiles.Sources, Single(LoadFails(KnowledgeFiles.Embedded.Without(KnowledgeFiles.Sources)), "missing-file").File);

    [Fact]
    public void Unknown_property_is_rejected() =>
        Single(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![0]!["colour"] = "red")), "malformed-json");

    [Fact]
    public void Duplicate_ids_are_reported()
    {
        var ex = LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![1]!["id"] = "nonspecific-low-back-pain"));
        var p = Assert.Single(ex.Problems, p => p.Code == "duplicate-id");
        Assert.Equal("nonspecific-low-back-pain", p.Id);
        Assert.Equal("$.conditions[1].id", p.Path);
    }

    [Fact]
    public void Dangling_parent_reference_is_reported()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![0]!["parent"] = "no-such-condition")), "dangling-reference");
        Assert.Equal("nonspecific-low-back-pain", p.Id);
        Assert.Equal("$.conditions[0].parent", p.Path);
    }

    [Fact]
    public void A_child_of_a_scored_condition_is_reported()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![1]!["parent"] = "nonspecific-low-back-pain")), "parent-not-grouping");
        Assert.Equal("lumbar-muscle-strain", p.Id);
        Assert.Equal("$.conditions[1].parent", p.Path);
    }

    [Fact]
    public void A_grouping_without_scored_children_is_reported()
    {
        // Turning the three spinal-infection children into something else leaves the grouping matching nothing.
        var ex = LoadFails(Edit(KnowledgeFiles.Conditions, n =>
        {
            foreach (var c in n["conditions"]!.AsArray().Where(c => (string?)c!["parent"] == "spinal-infection"))
            {
                c!.AsObject().Remove("parent");
            }
        }));
        Assert.Equal("spinal-infection", Single(ex, "grouping-without-children").Id);
    }

    [Fact]
    public void A_likelihood_pair_on_a_grouping_is_reported()
    {
        var ex = LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["pairs"]!.AsArray().Add(JsonNode.Parse(
            """{"condition": "spinal-infection", "finding": "fever-or-chills", "lrPositive": 2.0, "source": "S30", "grade": "estimate", "rationale": "test"}"""))));
        Assert.Equal("spinal-infection/fever-or-chills", Single(ex, "grouping-scored").Id);
    }

    [Fact]
    public void Cyclic_parent_chain_is_reported() =>
        Assert.Contains(LoadFails(Edit(KnowledgeFiles.Conditions, n =>
        {
            n["conditions"]![0]!["parent"] = "lumbar-muscle-strain";
            n["conditions"]![1]!["parent"] = "nonspecific-low-back-pain";
        })).Problems, p => p.Code == "cyclic-reference");

    [Fact]
    public void Dangling_question_option_is_reported()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.Findings, n => n["questionGroups"]![0]!["options"]![0]!["finding"] = "pain-elbow")), "dangling-reference");
        Assert.Equal("pain-location", p.Id);
        Assert.Equal("$.questionGroups[0].options[0].finding", p.Path);
    }

    [Fact]
    public void Unresolved_source_is_reported()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![2]!["sources"]![0] = "S9999")), "unresolved-source");
        Assert.Equal(KnowledgeFiles.Conditions, p.File);
        Assert.Equal("poor-posture-muscle-imbalance", p.Id);
        Assert.Equal("$.conditions[2].sources[0]", p.Path);
    }

    [Fact]
    public void Malformed_icd10cm_code_is_reported() =>
        Assert.Equal("$.conditions[0].icd10cm[0].code", Single(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![0]!["icd10cm"]![0]!["code"] = "M5450")), "malformed-code").Path);

    [Fact]
    public void Snomed_id_with_a_bad_check_digit_is_reported() =>
        Assert.Equal("nonspecific-low-back-pain", Single(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![0]!["snomedCt"]!["id"] = "279039008")), "malformed-code").Id);

    [Fact]
    public void Age_out_of_range_is_reported() =>
        Assert.Contains(LoadFails(Edit(KnowledgeFiles.Conditions, n => n["conditions"]![4]!["profile"]!["ageMax"] = 400)).Problems, p => p.Code == "out-of-range" && p.Id == "lumbar-disc-herniation");

    [Fact]
    public void Missing_required_field_is_reported()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.Findings, n => n["findings"]![0]!.AsObject().Remove("question"))), "missing-field");
        Assert.Equal("pain-lower-back", p.Id);
        Assert.Equal("$.findings[0].question", p.Path);
    }

    [Fact]
    public void Unknown_enum_value_is_reported_with_the_allowed_values()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.Findings, n => n["findings"]![0]!["kind"] = "feeling")), "unknown-value");
        Assert.Contains("symptom", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_id_is_reported() =>
        Single(LoadFails(Edit(KnowledgeFiles.Findings, n => n["findings"]![0]!["id"] = "Pain_Lower_Back")), "malformed-id");

    [Fact]
    public void Wrong_schema_version_is_reported() =>
        Single(LoadFails(Edit(KnowledgeFiles.Sources, n => n["schemaVersion"] = 2)), "schema-version");

    [Fact]
    public void Rule_with_unknown_finding_is_rejected_with_its_id()
    {
        var p = Single(LoadFails(Edit(KnowledgeFiles.RedFlags, n => n["rules"]![1]!["when"] = new JsonObject { ["finding"] = "glowing-toes" })), "dangling-reference");
        Assert.Equal("ces-saddle-numbness", p.Id);
        Assert.Equal(KnowledgeFiles.RedFlags, p.File);
    }

    [Fact]
    public void Rule_with_unknown_condition_is_rejected_with_its_id() =>
        Assert.Equal("ces-saddle-numbness", Single(LoadFails(Edit(KnowledgeFiles.RedFlags, n => n["rules"]![1]!["conditions"]![0] = "broken-heart")), "dangling-reference").Id);

    [Fact]
    public void Rule_with_empty_logic_is_rejected_with_its_id()
    {
        var ex = LoadFails(Edit(KnowledgeFiles.RedFlags, n => n["rules"]![0]!["when"] = new JsonObject { ["anyOf"] = new JsonArray() }));
        Assert.Contains(ex.Problems, p => p.Code == "empty-logic" && p.Id == "ces-bladder-bowel");
        var profileOnly = LoadFails(Edit(KnowledgeFiles.RedFlags, n => n["rules"]![0]!["when"] = new JsonObject { ["ageAtLeast"] = 50 }));
        Assert.Contains(profileOnly.Problems, p => p.Code == "empty-logic" && p.Id == "ces-bladder-bowel");
    }

    [Fact]
    public void Probability_outside_zero_and_one_is_rejected() =>
        Assert.Contains(LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["pairs"]![0]!["sensitivity"] = 1.3)).Problems, p => p.Code == "out-of-range" && p.Id == "lumbar-disc-herniation/slr-positive");

    [Fact]
    public void Non_positive_likelihood_ratio_is_rejected() =>
        Assert.Contains(LoadFails(Edit(KnowledgeFiles.Likelihoods, n => RatioPair(n)["lrPositive"] = 0)).Problems, p => p.Code == "out-of-range");

    [Fact]
    public void Ratios_no_sensitivity_and_specificity_can_give_are_rejected() =>
        Single(LoadFails(Edit(KnowledgeFiles.Likelihoods, n => RatioPair(n)["lrNegative"] = 1.5)), "impossible-numbers");

    // A pair written as ratios only (traumatic spinal fracture after a fall or injury, LR+ 6.2), found by name so that
    // the test does not depend on the file's order.
    private static JsonObject RatioPair(JsonNode likelihoods) =>
        likelihoods["pairs"]!.AsArray().Single(p => (string?)p!["condition"] == "traumatic-spinal-fracture" && (string?)p["finding"] == "fall-or-trauma")!.AsObject();

    private static JsonObject WrittenPair(string condition, string finding, double lrPositive, double? lrNegative = null)
    {
        var pair = new JsonObject
        {
            ["condition"] = condition, ["finding"] = finding, ["lrPositive"] = lrPositive, ["source"] = "BH-TEAM", ["grade"] = "estimate",
            ["rationale"] = "test",
        };
        if (lrNegative is { } n)
        {
            pair["lrNegative"] = n;
        }

        return pair;
    }

    private static double StatedRate(string finding) => KnowledgeBase.Default.Likelihoods.BackgroundRates.Single(r => r.FindingId == finding).Rate;

    [Fact]
    public void A_written_LR_plus_beyond_one_over_the_background_rate_is_rejected_with_its_path()
    {
        // A history of cancer is reported by about 4% of presenters, so no condition can have LR+ above 1 / 0.04 for it.
        var rate = StatedRate("history-of-cancer");
        var ex = LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["pairs"]!.AsArray().Add(WrittenPair("lumbar-spinal-stenosis", "history-of-cancer", (1 / rate) + 1))));
        var p = Single(ex, "impossible-numbers");
        Assert.Equal(KnowledgeFiles.Likelihoods, p.File);
        Assert.Equal("lumbar-spinal-stenosis/history-of-cancer", p.Id);
        Assert.EndsWith(".lrPositive", p.Path, StringComparison.Ordinal);
        Assert.Contains("background rate", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensitivity_and_specificity_implying_more_than_the_background_allows_are_rejected_with_their_path()
    {
        // 4% of presenters report a history of cancer: a specificity of 0.999 with sensitivity 0.5 implies LR+ 500, which
        // would need the history in more than every person with the condition.
        var pair = new JsonObject
        {
            ["condition"] = "lumbar-spinal-stenosis", ["finding"] = "history-of-cancer", ["sensitivity"] = 0.5, ["specificity"] = 0.999,
            ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "test",
        };
        var ex = LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["pairs"]!.AsArray().Add(pair)));
        var p = Single(ex, "impossible-numbers");
        Assert.Equal("lumbar-spinal-stenosis/history-of-cancer", p.Id);
        Assert.EndsWith(".specificity", p.Path, StringComparison.Ordinal);
        Assert.Contains("implied by sensitivity and specificity", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_default_pair_with_a_specificity_stays_within_its_background_bound()
    {
        var model = KnowledgeBase.Default.Likelihoods;
        foreach (var pair in model.Pairs.Where(p => p.Specificity is not null && model.BackgroundRates.Any(r => r.FindingId == p.FindingId)))
        {
            var rate = StatedRate(pair.FindingId);
            Assert.True(pair.LrPositive * rate <= 1 + 1e-9, $"{pair.ConditionId}/{pair.FindingId}: LR+ {pair.LrPositive} over {rate}");
            Assert.True(pair.LrNegative * (1 - rate) <= 1 + 1e-9, $"{pair.ConditionId}/{pair.FindingId}: LR- {pair.LrNegative} over {1 - rate}");
        }
    }

    [Fact]
    public void A_written_LR_minus_beyond_one_over_the_absent_share_is_rejected()
    {
        var rate = StatedRate("smoking");
        var ex = LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["pairs"]!.AsArray().Add(WrittenPair("lumbar-spinal-stenosis", "smoking", 0.5, (1 / (1 - rate)) + 0.1))));
        Assert.EndsWith(".lrNegative", Single(ex, "impossible-numbers").Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_written_ratio_within_the_background_bound_loads()
    {
        var rate = StatedRate("history-of-cancer");
        var loaded = KnowledgeBase.Load(Edit(KnowledgeFiles.Likelihoods, n => n["pairs"]!.AsArray().Add(WrittenPair("lumbar-spinal-stenosis", "history-of-cancer", (1 / rate) - 1, 0.9))));
        Assert.Contains(loaded.Likelihoods.Pairs, p => p.ConditionId == "lumbar-spinal-stenosis" && p.FindingId == "history-of-cancer" && p.LrPositive == (1 / rate) - 1);
    }

    [Fact]
    public void Every_written_ratio_in_the_shipped_file_is_within_its_findings_background_bound()
    {
        var model = KnowledgeBase.Default.Likelihoods;
        var stated = model.BackgroundRates.ToDictionary(r => r.FindingId, r => r.Rate, StringComparer.Ordinal);
        var written = model.Pairs.Where(p => p.Sensitivity is null && p.Specificity is null && !p.FromPainMap && stated.ContainsKey(p.FindingId)).ToList();
        Assert.NotEmpty(written);
        Assert.All(written, p => Assert.True(p.LrPositive * stated[p.FindingId] <= 1 + 1e-9 && p.LrNegative * (1 - stated[p.FindingId]) <= 1 + 1e-9, $"{p.ConditionId}/{p.FindingId}"));
    }

    [Fact]
    public void Estimate_without_rationale_is_rejected() =>
        Single(LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["priors"]![0]!.AsObject().Remove("rationale"))), "missing-rationale");

    [Fact]
    public void Team_judgement_graded_as_study_is_rejected() =>
        Single(LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["priors"]![0]!["grade"] = "study")), "dishonest-grade");

    [Fact]
    public void Condition_without_prior_is_rejected() =>
        Assert.Equal("nonspecific-low-back-pain", Single(LoadFails(Edit(KnowledgeFiles.Likelihoods, n => n["priors"]!.AsArray().RemoveAt(0))), "missing-prior").Id);

    [Fact]
    public void Every_problem_across_files_is_reported_at_once()
    {
        var files = Edit(KnowledgeFiles.Conditions, n => n["conditions"]![0]!["icd10cm"]![0]!["code"] = "bad");
        var node = JsonNode.Parse(files.Contents[KnowledgeFiles.Findings])!;
        node["findings"]![3]!["kind"] = "nope";
        files = files.With(KnowledgeFiles.Findings, node.ToJsonString());
        var ex = LoadFails(files);
        Assert.Contains(ex.Problems, p => p.File == KnowledgeFiles.Conditions && p.Code == "malformed-code");
        Assert.Contains(ex.Problems, p => p.File == KnowledgeFiles.Findings && p.Code == "unknown-value");
        Assert.Contains("malformed-code", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>A repeated prior is reported, never an unhandled exception.</summary>
public sealed class RepeatedPriorTests
{
    [Fact]
    public void A_condition_with_two_priors_is_a_duplicate_id_problem_not_a_crash()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var priors = node["priors"]!.AsArray();
        priors.Add(priors[0]!.DeepClone());
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Code == "duplicate-id" && p.File == KnowledgeFiles.Likelihoods);
    }
}
