using System.Globalization;
using BackHip.Domain.Display;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace BackHip.Domain.Tests.Display;

/// <summary>The care plan's and the triage's person-facing words come from the text tables: every such id of the knowledge
/// files has English text, and a host's table changes what the plan and the triage show.</summary>
public sealed class CarePlanTextTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo De = CultureInfo.GetCultureInfo("de");
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    // A nonspecific back-pain case (self-care plan with exercises, advice, stop rules, referrals) and a red-flag case.
    private static Case SelfCareCase() => Case.For(35, Sex.Male).Initial("pain-lower-back")
        .Absent("pain-below-knee", "saddle-numbness", "bladder-dysfunction", "fever-or-chills", "history-of-cancer", "major-trauma").Build();

    private static Case SaddleCase() => Case.For(45, Sex.Male).Initial("pain-lower-back").Present("saddle-numbness").Build();

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Every_person_facing_text_of_the_care_knowledge_has_English_text_from_its_file()
    {
        var text = DisplayText.Default;
        var care = Kb.Care;
        Assert.All(care.Catalog.Exercises, e => Assert.Equal(e.Instructions, text.ExerciseInstructions(e.Id, En)));
        Assert.All(care.Catalog.Exercises, e => Assert.Equal(e.Dose.ToString(), text.DoseText(e.Dose, En)));
        Assert.All(care.SelfCare, s => Assert.Equal(s.Text, text.SelfCareText(s.Id, En)));
        Assert.All(care.StopRules, r => Assert.Equal(r.Text, text.StopRuleText(r.Id, En)));
        Assert.All(care.Treatments, t => Assert.Equal(t.Name, text.TreatmentName(t.Id, En)));
        Assert.All(care.ContraindicationRules, r => Assert.Equal(r.Reason, text.ContraindicationReason(r.Id, En)));
        var reasons = care.Referrals.Where(r => r.Reason is not null).ToList();
        Assert.NotEmpty(reasons);
        Assert.Equal(reasons.Count, reasons.Select(r => r.Clinician).Distinct().Count());
        Assert.All(reasons, r => Assert.Equal(r.Reason, text.ReferralReason(r.Clinician, En)));
        Assert.Null(text.ReferralReason(Clinician.Gp, En));
        Assert.Throws<ArgumentException>(() => text.SelfCareText("no-such-advice", En));
        Assert.Throws<ArgumentException>(() => text.ExerciseInstructions("no-such-exercise", En));
    }

    [Fact]
    public void Every_phrase_has_English_text_and_the_dose_is_built_from_phrases()
    {
        var text = DisplayText.Default;
        Assert.All(TextTable.PhraseKeys, key => Assert.False(string.IsNullOrWhiteSpace(text.Phrase(key, En))));
        Assert.Equal("Indicated for {conditions}.", text.Phrase("exerciseWhy", En));
        var dose = new Dosage { Type = DoseType.Hold, HoldSeconds = 20, Reps = 3, EachSide = true, TimesPerDay = 2 };
        Assert.Equal("hold 20 s × 3, each side, 2× a day", dose.ToString());
        var german = DisplayText.Default.WithTable(TextTable.Parse("""
            { "culture": "de", "phrases": { "doseHold": "{seconds} s halten × {reps}", "doseEachSide": ", pro Seite", "doseTimesPerDay": ", {times}× täglich" } }
            """, "text.de.json"));
        Assert.Equal("20 s halten × 3, pro Seite, 2× täglich", german.DoseText(dose, De));
        Assert.Equal("hold 20 s × 3, each side, 2× a day", german.DoseText(dose, En));
    }

    [Fact]
    public void A_translated_phrase_must_keep_its_placeholders()
    {
        var table = TextTable.Parse("""{ "culture": "de", "phrases": { "exerciseWhy": "Empfohlen.", "selfCareFor": "Für {condition}." } }""", "text.de.json");
        var problems = DisplayText.Validate(Kb, table).Problems;
        var problem = Assert.Single(problems);
        Assert.Equal("invalid-placeholder", problem.Code);
        Assert.Equal("$.phrases.exerciseWhy", problem.Path);
        Assert.Contains("{conditions}", problem.Message, StringComparison.Ordinal);
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => TextTable.Parse("""{ "culture": "de", "phrases": { "noSuchPhrase": "x" } }""", "t.json")).Problems, p => p.Code == "unknown-id");
    }

    [Fact]
    public void A_translation_may_have_its_own_number_of_steps_and_never_mixes_languages()
    {
        var exercise = Kb.Care.Catalog.Exercises[0];
        var text = DisplayText.Default.WithTable(TextTable.Parse($$"""
            { "culture": "de", "exercises": { "{{exercise.Id}}": { "instructions": [ "Schritt eins.", "Schritt zwei." ] } } }
            """, "text.de.json"));
        Assert.Equal(["Schritt eins.", "Schritt zwei."], text.ExerciseInstructions(exercise.Id, De));
        Assert.Equal(exercise.Instructions, text.ExerciseInstructions(exercise.Id, En));
        Assert.Equal(exercise.Name, text.ExerciseName(exercise.Id, De));
        Assert.Contains(Assert.Throws<BackHipValidationException>(() => TextTable.Parse("""{ "culture": "de", "exercises": { "x": { "instructions": [] } } }""", "t.json")).Problems, p => p.Path == "$.exercises['x'].instructions");
    }

    private static string GermanTable(BackHip.Domain.Assessment english)
    {
        var exercise = english.CarePlan.Exercises[0].ExerciseId;
        var advice = english.CarePlan.SelfCare[0].Id;
        var stop = english.CarePlan.StopRules[0].Id;
        var condition = english.Differential[0].ConditionId;
        return $$"""
            {
              "culture": "de",
              "conditions": { "{{condition}}": { "name": "Unspezifischer Kreuzschmerz" }, "cauda-equina-syndrome": { "name": "Cauda-equina-Syndrom" } },
              "rules": { "ces-saddle-numbness": { "message": "Taubheit im Reithosenbereich: sofort in die Notaufnahme." } },
              "exercises": { "{{exercise}}": { "name": "Übung A", "instructions": [ "Auf den Rücken legen.", "Langsam atmen." ] } },
              "selfCare": { "{{advice}}": { "text": "In Bewegung bleiben." } },
              "stopRules": { "{{stop}}": { "text": "Aufhören, wenn es ins Bein ausstrahlt." } },
              "phrases": {
                "exerciseWhy": "Empfohlen bei {conditions}.",
                "referralIfWorse": "Zum Arzt, wenn es länger als zwei Wochen dauert.",
                "redFlagReasonWithConditions": "Wegen der Warnzeichen; möglich: {conditions}.",
                "doNowEmergency": "Nicht warten, keine Übungen.",
                "doseHold": "{seconds} s halten × {reps}",
                "doseReps": "{sets} × {reps} Wiederholungen"
              }
            }
            """;
    }

    [Fact]
    public void A_host_table_registered_through_the_options_changes_what_the_care_plan_and_the_triage_show()
    {
        var english = BackHipAssessor.CreateDefault().Assess(SelfCareCase());
        var englishUrgent = BackHipAssessor.CreateDefault().Assess(SaddleCase());
        Assert.NotEmpty(english.CarePlan.Exercises);
        var table = TextTable.Parse(GermanTable(english), "text.de.json");
        using var provider = new ServiceCollection().AddBackHipDomain(o => o.TextTables.Add(table)).BuildServiceProvider();
        var assessor = provider.GetRequiredService<IBackHipAssessor>();

        var (plan, urgent) = InCulture(De, () => (assessor.Assess(SelfCareCase()), assessor.Assess(SaddleCase())));

        // The care plan: exercise name, steps, dose and why; advice; stop rule; whom to see; condition names.
        var first = plan.CarePlan.Exercises[0];
        Assert.Equal(english.CarePlan.Exercises[0].ExerciseId, first.ExerciseId);
        Assert.Equal("Übung A", first.Name);
        Assert.Equal(["Auf den Rücken legen.", "Langsam atmen."], first.Instructions);
        Assert.StartsWith("Empfohlen bei ", first.Reason, StringComparison.Ordinal);
        Assert.Contains("Unspezifischer Kreuzschmerz", plan.CarePlan.Exercises.Select(e => e.Reason).First(r => r.Contains("Kreuzschmerz", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(plan.CarePlan.Exercises.Where(e => e.Dose.Type is DoseType.Hold or DoseType.Reps), e => Assert.Matches("halten|Wiederholungen", e.DoseText));
        Assert.Equal("In Bewegung bleiben.", plan.CarePlan.SelfCare[0].Text);
        Assert.Equal("Aufhören, wenn es ins Bein ausstrahlt.", plan.CarePlan.StopRules[0].Text);
        Assert.Contains(plan.CarePlan.Referrals, r => r.Reason == "Zum Arzt, wenn es länger als zwei Wochen dauert.");
        Assert.Equal("Unspezifischer Kreuzschmerz", plan.Differential[0].ConditionName);

        // The triage: the fired rule's message, the plan's "do now" and the referral reason.
        var rule = Assert.Single(urgent.Triage.FiredRules, r => r.RuleId == "ces-saddle-numbness");
        Assert.Equal("Taubheit im Reithosenbereich: sofort in die Notaufnahme.", rule.Message);
        Assert.Contains("Taubheit im Reithosenbereich: sofort in die Notaufnahme.", urgent.CarePlan.DoNow);
        Assert.Contains("Nicht warten, keine Übungen.", urgent.CarePlan.DoNow);
        Assert.Contains(urgent.CarePlan.Referrals, r => r.Reason.Contains("Cauda-equina-Syndrom", StringComparison.Ordinal) && r.Reason.StartsWith("Wegen der Warnzeichen", StringComparison.Ordinal));
        Assert.Equal(englishUrgent.Triage.Level, urgent.Triage.Level);

        // Another culture still gets English, and the German table never changes the decision.
        var (fr, frUrgent) = InCulture(CultureInfo.GetCultureInfo("fr"), () => (assessor.Assess(SelfCareCase()), assessor.Assess(SaddleCase())));
        Assert.Equal(english.CarePlan.Exercises.Select(e => (e.ExerciseId, e.Name, e.Reason, e.DoseText)), fr.CarePlan.Exercises.Select(e => (e.ExerciseId, e.Name, e.Reason, e.DoseText)));
        Assert.Equal(englishUrgent.Triage.FiredRules.Select(r => r.Message), frUrgent.Triage.FiredRules.Select(r => r.Message));
        Assert.Equal(english.CarePlan.Exercises.Select(e => e.ExerciseId), plan.CarePlan.Exercises.Select(e => e.ExerciseId));
    }

    [Fact]
    public void An_English_override_applies_whatever_the_current_culture()
    {
        var table = TextTable.Parse("""{ "culture": "en", "rules": { "ces-saddle-numbness": { "message": "Numb saddle area: go to A&E now." } } }""", "text.en-override.json");
        var assessor = BackHipAssessor.Create(Kb, new BackHipDomainOptions { TextTables = { table } });
        foreach (var culture in new[] { CultureInfo.InvariantCulture, En, CultureInfo.GetCultureInfo("en-GB"), De })
        {
            var result = InCulture(culture, () => assessor.Assess(SaddleCase()));
            Assert.Equal("Numb saddle area: go to A&E now.", result.Triage.FiredRules.Single(r => r.RuleId == "ces-saddle-numbness").Message);
        }
    }

    [Fact]
    public void The_planned_exercise_carries_its_steps_and_dose_text_and_the_plan_shows_no_raw_ids()
    {
        var a = BackHipAssessor.CreateDefault().Assess(SelfCareCase());
        Assert.All(a.CarePlan.Exercises, e =>
        {
            Assert.Equal(Kb.Care.Catalog.Get(e.ExerciseId).Instructions, e.Instructions);
            Assert.Equal(e.Dose.ToString(), e.DoseText);
            Assert.StartsWith("Indicated for ", e.Reason, StringComparison.Ordinal);
        });
        var urgent = BackHipAssessor.CreateDefault().Assess(SaddleCase());
        var shown = string.Join(" ", urgent.CarePlan.DoNow.Concat(urgent.CarePlan.Referrals.Select(r => r.Reason)).Concat(urgent.CarePlan.Excluded.Select(x => x.Reason)));
        Assert.DoesNotContain("cauda-equina-syndrome", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("EmergencyAmbulance", shown, StringComparison.Ordinal);
        Assert.Contains("Go to an emergency department now", urgent.CarePlan.Excluded[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_display_text_must_be_over_the_engines_knowledge_base()
    {
        var other = KnowledgeBase.Load(KnowledgeFiles.Embedded);
        Assert.Throws<ArgumentException>(() => new ExercisePlanner(other, DisplayText.Default));
        Assert.Throws<ArgumentException>(() => new RedFlagEvaluator(other, DisplayText.Default));
        Assert.Same(DisplayText.Default, DisplayText.For(Kb));
        Assert.Same(DisplayText.For(other), DisplayText.For(other));
    }
}
