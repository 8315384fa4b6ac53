using System.Globalization;
using BackHip.Domain.Differential;
using BackHip.Domain.Display;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace BackHip.Domain.Tests.Display;

public sealed class DisplayTextTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo De = CultureInfo.GetCultureInfo("de");
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static string GermanJson(string conditionId, string findingId) => $$"""
        {
          "culture": "de",
          "conditions": { "{{conditionId}}": { "name": "Unspezifischer Kreuzschmerz" } },
          "findings": { "{{findingId}}": { "name": "Testbefund" } },
          "triageLevels": { "consultation24": "Innerhalb von 24 Stunden zum Arzt" },
          "clinicians": { "physiotherapist": "Physiotherapeut" }
        }
        """;

    [Fact]
    public void RankedCondition_from_the_engine_carries_the_condition_name()
    {
        var ranked = new DifferentialEngine(Kb).Score(Case.For(40, Sex.Female).Build()).Ranked;
        Assert.NotEmpty(ranked);
        Assert.All(ranked, r => Assert.Equal(Kb.GetCondition(r.ConditionId).Name, r.ConditionName));
        Assert.Contains(ranked, r => r.ConditionName != r.ConditionId);
    }

    [Fact]
    public void Every_level_and_clinician_has_a_person_facing_English_label()
    {
        var text = DisplayText.Default;
        Assert.Equal("See a doctor within 24 hours", text.TriageLabel(TriageLevel.Consultation24, En));
        Assert.Equal("Physiotherapist", text.ClinicianLabel(Clinician.Physiotherapist, En));
        foreach (var level in Enum.GetValues<TriageLevel>())
        {
            Assert.False(string.IsNullOrWhiteSpace(text.TriageLabel(level, En)));
            Assert.False(string.IsNullOrWhiteSpace(text.CareLevelLabel(level, En)));
            Assert.DoesNotContain(level.ToString(), text.TriageLabel(level, En), StringComparison.Ordinal);
        }

        Assert.All(Enum.GetValues<Clinician>(), c => Assert.False(string.IsNullOrWhiteSpace(text.ClinicianLabel(c, En))));
        Assert.Equal(Enum.GetValues<TriageLevel>().Length, Enum.GetValues<TriageLevel>().Select(l => text.TriageLabel(l, En)).Distinct().Count());
    }

    [Fact]
    public void Every_id_of_the_knowledge_base_has_English_text()
    {
        var text = DisplayText.Default;
        Assert.All(Kb.Conditions, c => Assert.Equal(c.Name, text.ConditionName(c.Id, En)));
        Assert.All(Kb.Findings, f => Assert.Equal(f.Question, text.FindingQuestion(f.Id, En)));
        Assert.All(Kb.RedFlagRules, r => Assert.Equal(r.Message, text.RuleMessage(r.Id, En)));
        Assert.All(Kb.Care.Catalog.Exercises, e => Assert.Equal(e.Name, text.ExerciseName(e.Id, En)));
        Assert.All(Kb.QuestionGroups, g => Assert.Equal(g.Options[0].Label, text.QuestionOptionLabel(g.Id, g.Options[0].FindingId, En)));
        Assert.Throws<ArgumentException>(() => text.ConditionName("no-such-condition", En));
    }

    [Fact]
    public void An_override_table_takes_effect_and_a_missing_key_falls_back_to_English()
    {
        var condition = Kb.Conditions[0];
        var finding = Kb.Findings[0];
        var text = DisplayText.Create(Kb, [TextTable.Parse(GermanJson(condition.Id, finding.Id), "text.de.json")]);

        Assert.Equal("Unspezifischer Kreuzschmerz", text.ConditionName(condition.Id, De));
        Assert.Equal("Innerhalb von 24 Stunden zum Arzt", text.TriageLabel(TriageLevel.Consultation24, De));
        Assert.Equal("Physiotherapeut", text.ClinicianLabel(Clinician.Physiotherapist, De));
        // A regional culture uses its parent's table.
        Assert.Equal("Unspezifischer Kreuzschmerz", text.ConditionName(condition.Id, CultureInfo.GetCultureInfo("de-CH")));
        // Missing keys fall back to English.
        Assert.Equal(finding.Question, text.FindingQuestion(finding.Id, De));
        Assert.Equal(Kb.Conditions[1].Name, text.ConditionName(Kb.Conditions[1].Id, De));
        Assert.Equal("See a doctor within 24 hours", text.TriageLabel(TriageLevel.Consultation24, CultureInfo.GetCultureInfo("fr")));
        // English itself is untouched.
        Assert.Equal(condition.Name, text.ConditionName(condition.Id, En));
    }

    [Fact]
    public void Why_we_ask_comes_from_the_text_table_and_can_be_translated()
    {
        var group = Kb.QuestionGroups.First(g => g.Rationale is not null);
        Assert.Equal(group.Rationale, DisplayText.Default.QuestionGroupRationale(group.Id, En));
        Assert.Null(DisplayText.Default.QuestionGroupRationale("no-such-group", En));
        var text = DisplayText.Default.WithTable(TextTable.Parse($$"""{ "culture": "de", "questionGroups": { "{{group.Id}}": { "rationale": "Warum wir fragen" } } }""", "w.json"));
        Assert.Equal("Warum wir fragen", text.QuestionGroupRationale(group.Id, De));
        Assert.Equal(group.Rationale, text.QuestionGroupRationale(group.Id, CultureInfo.GetCultureInfo("fr")));
        Assert.True(DisplayText.Validate(Kb, TextTable.Parse($$"""{ "culture": "de", "questionGroups": { "{{group.Id}}": { "rationale": "x" } } }""", "v.json")).IsValid);
    }

    [Fact]
    public void The_question_selector_asks_in_the_current_culture_when_given_a_display_text()
    {
        var group = Kb.QuestionGroups.Single(g => g.Id == "pain-location");
        var json = $$"""{ "culture": "de", "questionGroups": { "pain-location": { "text": "Wo tut es weh?", "rationale": "Der Ort hilft bei der Einordnung.", "options": { "pain-lower-back": "Unterer Rücken" } } } }""";
        var text = DisplayText.Create(Kb, [TextTable.Parse(json, "de.json")]);
        var patientCase = Case.For(40, Sex.Male).Build();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = De;
            var german = new QuestionSelector(Kb, text).Rank(patientCase).First(q => q.GroupId == group.Id);
            Assert.Equal("Wo tut es weh?", german.Question);
            Assert.Equal("Der Ort hilft bei der Einordnung.", german.WhyWeAsk);
            Assert.Equal("Unterer Rücken", german.Options.Single(o => o.FindingId == "pain-lower-back").Label);
            Assert.Equal(group.Options.Single(o => o.FindingId == "pain-hip").Label, german.Options.Single(o => o.FindingId == "pain-hip").Label);

            // Without a display text the selector keeps the knowledge base's English.
            var english = new QuestionSelector(Kb).Rank(patientCase).First(q => q.GroupId == group.Id);
            Assert.Equal(group.Text, english.Question);
            Assert.Throws<ArgumentException>(() => new QuestionSelector(KnowledgeBase.Load(KnowledgeFiles.Embedded), text));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_later_table_of_the_same_culture_wins_and_English_can_be_overridden()
    {
        var id = Kb.Conditions[0].Id;
        var text = DisplayText.Default
            .WithTable(TextTable.Parse($$"""{ "culture": "en", "conditions": { "{{id}}": { "name": "First" } } }""", "a.json"))
            .WithTable(TextTable.Parse($$"""{ "culture": "en-GB", "conditions": { "{{id}}": { "name": "Second" } } }""", "b.json"))
            .WithTable(TextTable.Parse($$"""{ "culture": "en", "conditions": { "{{id}}": { "name": "Third" } } }""", "c.json"));
        Assert.Equal("Third", text.ConditionName(id, En));
        Assert.Equal("Second", text.ConditionName(id, CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal(3, text.Tables.Length);
    }

    [Fact]
    public void Unknown_ids_are_reported_with_file_id_and_path()
    {
        var table = TextTable.Parse("""
            { "culture": "de",
              "conditions": { "no-such-condition": { "name": "X" } },
              "findings": { "no-such-finding": { "question": "Y?" } },
              "questionGroups": { "no-such-group": { "text": "Z" } } }
            """, "text.de.json");
        var ex = Assert.Throws<BackHipValidationException>(() => DisplayText.Create(Kb, [table]));
        Assert.Contains(ex.Problems, p => p is { Code: "unknown-id", File: "text.de.json", Id: "no-such-condition", Path: "$.conditions['no-such-condition'].name" });
        Assert.Contains(ex.Problems, p => p is { Code: "unknown-id", Id: "no-such-finding", Path: "$.findings['no-such-finding'].question" });
        Assert.Contains(ex.Problems, p => p is { Code: "unknown-id", Id: "no-such-group" });
        Assert.Equal(3, DisplayText.Validate(Kb, table).Problems.Length);
    }

    [Fact]
    public void Malformed_tables_list_every_problem_with_its_path()
    {
        var ex = Assert.Throws<BackHipValidationException>(() => TextTable.Parse("""
            { "conditions": { "x": { "nickname": "X" } },
              "triageLevels": { "urgent": "Now", "selfCare": "" },
              "colours": {} }
            """, "bad.json"));
        Assert.Contains(ex.Problems, p => p is { Code: "missing-culture", File: "bad.json", Path: "$.culture" });
        Assert.Contains(ex.Problems, p => p is { Code: "unknown-field", Id: "x", Path: "$.conditions['x'].nickname" });
        Assert.Contains(ex.Problems, p => p is { Code: "unknown-id", Id: "urgent", Path: "$.triageLevels.urgent" });
        Assert.Contains(ex.Problems, p => p is { Code: "invalid-text", Path: "$.triageLevels.selfCare" });
        Assert.Contains(ex.Problems, p => p is { Code: "unknown-section", Path: "$.colours" });
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => TextTable.Parse("{ \"culture\": ", "t.json")).Problems, p => p.Code == "invalid-json");
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => TextTable.Parse("""{ "culture": "" }""", "t.json")).Problems, p => p.Code == "invalid-culture");
    }

    [Fact]
    public void A_table_loaded_from_a_file_through_the_options_reaches_the_registered_display_text()
    {
        var id = Kb.Conditions[0].Id;
        var path = Path.Combine(Path.GetTempPath(), $"backhip-text-{Guid.NewGuid():N}.de.json");
        File.WriteAllText(path, GermanJson(id, Kb.Findings[0].Id));
        try
        {
            var services = new ServiceCollection().AddBackHipDomain(o => o.TextTables.Add(TextTable.Load(path)));
            using var provider = services.BuildServiceProvider();
            var text = provider.GetRequiredService<DisplayText>();
            Assert.Equal("Unspezifischer Kreuzschmerz", text.ConditionName(id, De));
            Assert.Equal(Path.GetFileName(path), text.Tables[0].Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_registered_table_with_an_unknown_id_fails_when_resolved()
    {
        var table = TextTable.Parse("""{ "culture": "de", "rules": { "no-such-rule": { "message": "M" } } }""", "text.de.json");
        using var provider = new ServiceCollection().AddBackHipDomain(o => o.TextTables.Add(table)).BuildServiceProvider();
        var ex = Assert.Throws<BackHipValidationException>(() => provider.GetRequiredService<DisplayText>());
        Assert.Contains(ex.Problems, p => p is { File: "text.de.json", Id: "no-such-rule", Path: "$.rules['no-such-rule'].message" });
    }
}
