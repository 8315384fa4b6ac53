using BackHip.Domain.Display;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Exercises;

/// <summary>
/// What the planner tells the person when triage is urgent or asks for an appointment (which rule messages, which
/// escalated conditions, in which words), that every person-facing text comes from the display text, and how it rejects
/// bad arguments.
/// </summary>
public sealed class ExercisePlannerWordingTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly ExercisePlanner Planner = new(Kb);

    private static RankedDifferential Likely(params (string Id, double P)[] conditions) => new()
    {
        Ranked = [.. conditions.Select(c => new RankedCondition { ConditionId = c.Id, Probability = c.P, Prior = c.P, LogOdds = 0, Contributions = [] })],
        NotApplicable = [],
    };

    private static readonly RankedDifferential BackPain = Likely(("nonspecific-low-back-pain", 1.0));

    // A fired rule whose message is stale: the plan must show the rule's message from the display text instead.
    private static FiredRule Fired(string ruleId, TriageLevel level) =>
        new() { RuleId = ruleId, Pathology = RedFlagPathology.CaudaEquina, Level = level, Message = "stale message", Rationale = "x", Grade = EvidenceGrade.Guideline, SourceKeys = [] };

    private static TriageResult Triage(TriageLevel level, FiredRule[] fired, string[] serious, string[] escalations) =>
        new() { Level = level, FiredRules = [.. fired], SeriousConditionsNotExcluded = [.. serious], OpenQuestions = [], Escalations = [.. escalations] };

    private static string RuleMessage(string ruleId) => Kb.RedFlagRules.Single(r => r.Id == ruleId).Message;

    private static string Name(string conditionId) => Kb.GetCondition(conditionId).Name;

    private static string Escalated(params string[] conditionIds) =>
        $"Taken together, your answers fit a condition that needs checking this soon: {string.Join(", ", conditionIds.Select(Name))}.";

    private const string EmergencyNow = "Do not wait and do not start any exercises: get help now as described above.";

    [Fact]
    public void An_escalation_names_only_the_serious_conditions_that_no_fired_rule_names()
    {
        var triage = Triage(TriageLevel.Emergency, [Fired("ces-saddle-numbness", TriageLevel.Emergency)],
            ["cauda-equina-syndrome", "spinal-malignancy", "abdominal-aortic-aneurysm"], ["raised by the differential"]);
        var plan = Planner.Plan(Case.For(60, Sex.Male).Build(), triage, BackPain);
        Assert.Equal([RuleMessage("ces-saddle-numbness"), Escalated("spinal-malignancy", "abdominal-aortic-aneurysm"), EmergencyNow], plan.DoNow);
        Assert.Equal(Clinician.EmergencyDepartment, Assert.Single(plan.Referrals).Clinician);
    }

    [Fact]
    public void An_escalation_whose_conditions_the_fired_rules_all_name_still_names_them()
    {
        var triage = Triage(TriageLevel.Emergency, [Fired("ces-saddle-numbness", TriageLevel.Emergency), Fired("malignancy-cord-compression", TriageLevel.Emergency)],
            ["spinal-malignancy", "cauda-equina-syndrome"], ["raised by the differential"]);
        var plan = Planner.Plan(Case.For(60, Sex.Male).Build(), triage, BackPain);
        Assert.Equal([RuleMessage("ces-saddle-numbness"), RuleMessage("malignancy-cord-compression"), Escalated("spinal-malignancy", "cauda-equina-syndrome"), EmergencyNow], plan.DoNow);
    }

    [Fact]
    public void Without_an_escalation_or_with_only_unknown_conditions_no_escalation_is_told()
    {
        var rulesOnly = Triage(TriageLevel.Emergency, [Fired("ces-saddle-numbness", TriageLevel.Emergency)], ["cauda-equina-syndrome", "spinal-malignancy"], []);
        Assert.Equal([RuleMessage("ces-saddle-numbness"), EmergencyNow], Planner.Plan(Case.For(60, Sex.Male).Build(), rulesOnly, BackPain).DoNow);

        var unknown = Triage(TriageLevel.Consultation24, [], ["not-a-condition"], ["raised by the differential"]);
        var plan = Planner.Plan(Case.For(60, Sex.Male).Build(), unknown, BackPain);
        Assert.Equal(["Do not start an exercise programme until a doctor has seen you; rest as comfort allows and keep this appointment within 24 hours."], plan.DoNow);
        Assert.Equal("Because of the warning signs above; possible not-a-condition.", Assert.Single(plan.Referrals).Reason);
    }

    [Fact]
    public void A_consultation_books_an_appointment_naming_every_fired_rule_in_order()
    {
        var triage = Triage(TriageLevel.Consultation, [Fired("malignancy-night-or-rest-pain", TriageLevel.Consultation), Fired("fracture-older-age", TriageLevel.Consultation)], [], []);
        var plan = Planner.Plan(Case.For(72, Sex.Male).Build(), triage, BackPain);
        string[] messages = [RuleMessage("malignancy-night-or-rest-pain"), RuleMessage("fracture-older-age")];
        Assert.Equal(messages, plan.DoNow);
        Assert.Equal($"Book an appointment: {messages[0]}; {messages[1]}", plan.Referrals[0].Reason);
        Assert.Equal(Clinician.Gp, plan.Referrals[0].Clinician);
        Assert.NotEmpty(plan.Exercises);
    }

    [Fact]
    public void Rule_messages_stop_rules_and_referral_reasons_come_from_the_display_text()
    {
        var table = TextTable.Parse(
            """
            {
              "culture": "en",
              "rules": { "malignancy-night-or-rest-pain": { "message": "Overridden night-pain message." } },
              "stopRules": { "stop-fever": { "text": "Overridden fever stop rule." } },
              "referrals": { "painSpecialist": { "reason": "Overridden pain-specialist reason." } }
            }
            """, "text.en-probe.json");
        var planner = new ExercisePlanner(Kb, DisplayText.Default.WithTable(table));
        var chronic = Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build();
        var plan = planner.Plan(chronic, Triage(TriageLevel.Consultation, [Fired("malignancy-night-or-rest-pain", TriageLevel.Consultation)], [], []), BackPain);
        Assert.Equal(["Overridden night-pain message."], plan.DoNow);
        Assert.Equal("Overridden fever stop rule.", Assert.Single(plan.StopRules, r => r.Id == "stop-fever").Text);
        Assert.Equal("Overridden pain-specialist reason.", Assert.Single(plan.Referrals, r => r.Clinician == Clinician.PainSpecialist).Reason);

        var urgent = planner.Plan(chronic, Triage(TriageLevel.Consultation24, [Fired("malignancy-night-or-rest-pain", TriageLevel.Consultation24)], [], []), BackPain);
        Assert.Equal("Overridden night-pain message.", urgent.DoNow[0]);
    }

    [Fact]
    public void An_exercise_contraindication_for_a_condition_that_is_not_likely_keeps_the_exercise()
    {
        // kneeling-hip-flexor-stretch is contraindicated in the acute phase of a hip-flexor strain only.
        var plan = Planner.Plan(Case.For(30, Sex.Male).Present("duration-under-2-weeks").Build(), Triage(TriageLevel.SelfCare, [], [], []),
            Likely(("nonspecific-low-back-pain", 0.9), ("hip-flexor-strain", 0.01)));
        Assert.DoesNotContain(plan.Excluded, x => x.ExerciseId == "kneeling-hip-flexor-stretch" && x.ConditionId == "hip-flexor-strain");
    }

    [Fact]
    public void Bad_arguments_are_rejected_naming_the_argument_and_the_valid_range()
    {
        var c = Case.For(40, Sex.Male).Build();
        var selfCare = Triage(TriageLevel.SelfCare, [], [], []);
        var threshold = Assert.Throws<ArgumentOutOfRangeException>(() => Planner.Plan(c, selfCare, BackPain, new PlannerOptions { Threshold = 1.5 }));
        Assert.Equal("options", threshold.ParamName);
        Assert.Equal(1.5, threshold.ActualValue);
        Assert.StartsWith("Threshold must be in (0, 1].", threshold.Message, StringComparison.Ordinal);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Planner.Plan(c, selfCare, BackPain, new PlannerOptions { MaxExercises = -1 })).ParamName);
        Assert.Equal("knowledge", Assert.Throws<ArgumentNullException>(() => new ExercisePlanner(null!)).ParamName);
        Assert.Equal("knowledge", Assert.Throws<ArgumentNullException>(() => new ExercisePlanner(null!, DisplayText.Default)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => new ExercisePlanner(Kb, null!)).ParamName);
        // The case is checked before the options.
        Assert.Equal("patientCase", Assert.Throws<ArgumentNullException>(() => Planner.Plan(null!, selfCare, BackPain, new PlannerOptions { Threshold = 0 })).ParamName);
    }

    [Theory]
    [InlineData("nonspecific-low-back-pain", "lumbar-muscle-strain", false, 2)]
    [InlineData("piriformis-syndrome", "lumbar-disc-herniation", true, 1)] // seated-piriformis-stretch, the next step of the figure-four stretch, bends the spine
    public void The_last_progression_step_lists_every_allowed_harder_version_in_session_order(string first, string second, bool someNextStepIsContraindicated, int minSteps)
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(TriageLevel.SelfCare, [], [], []),
            Likely((first, 0.6), (second, 0.4)), new PlannerOptions { MaxExercises = 100 });
        const string notSuited = "Not suited to the chronic phase yet.";
        bool Allowed(string id) => !plan.Excluded.Any(x => x.ExerciseId == id && x.Reason != notSuited);
        var chosen = plan.Exercises.Select(p => Kb.Care.Catalog.Get(p.ExerciseId)).ToList();
        Assert.Equal(someNextStepIsContraindicated, chosen.Any(e => e.ProgressionId is { } next && !Allowed(next)));
        var steps = chosen
            .Where(e => e.ProgressionId is not null && Allowed(e.ProgressionId))
            .Select(e => $"{e.Name} → {Kb.Care.Catalog.Get(e.ProgressionId!).Name}")
            .ToList();
        Assert.True(steps.Count >= minSteps, string.Join(" | ", steps));
        Assert.Equal($"Move on to harder versions: {string.Join("; ", steps)}.", plan.Progression[2].Text);
    }

    [Fact]
    public void Without_a_harder_version_the_last_progression_step_keeps_the_session_going()
    {
        // No exercise indicated for axial spondyloarthritis has a harder version.
        var plan = Planner.Plan(Case.For(30, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(TriageLevel.SelfCare, [], [], []), Likely(("axial-spondyloarthritis", 1.0)));
        Assert.NotEmpty(plan.Exercises);
        Assert.Equal("Keep the session going at the higher dose; review with a physiotherapist if progress stalls.", plan.Progression[2].Text);
    }

    [Fact]
    public void When_nothing_reaches_the_threshold_the_leading_conditions_groupings_count_too()
    {
        // The epidural abscess leads below the threshold: advice written for its grouping (spinal infection) applies.
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(TriageLevel.SelfCare, [], [], []), Likely(("spinal-epidural-abscess", 0.04), ("nonspecific-low-back-pain", 0.03)));
        Assert.Equal(["spinal-epidural-abscess"], plan.LikelyConditions);
        Assert.Equal(["spinal-infection"], Assert.Single(plan.Treatments, t => t.Id == "antibiotics").ForConditions);
    }

    [Fact]
    public void Only_the_leading_conditions_usual_specialist_is_suggested()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(TriageLevel.SelfCare, [], [], []), Likely(("nonspecific-low-back-pain", 0.6), ("kidney-stone", 0.4)));
        Assert.Contains(plan.Referrals, r => r.Clinician == Clinician.Physiotherapist);
        Assert.DoesNotContain(plan.Referrals, r => r.Clinician == Clinician.Urologist);
    }

    [Fact]
    public void A_clinician_already_referred_to_is_not_added_again_by_a_referral_rule()
    {
        // A referral rule with a reason for the physiotherapist, who is already the leading condition's usual specialist
        // (a host's custom care file could have one).
        var node = System.Text.Json.Nodes.JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Care])!;
        var referrals = node["referrals"]!.AsArray();
        var physio = referrals.Single(r => (string?)r!["clinician"] == "mentalHealthProfessional")!.DeepClone();
        physio["clinician"] = "physiotherapist";
        physio["reason"] = "A reason-rule for the physiotherapist.";
        referrals.Add(physio);
        var kb = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Care, node.ToJsonString()));
        var plan = new ExercisePlanner(kb).Plan(Case.For(40, Sex.Male).Build(), Triage(TriageLevel.SelfCare, [], [], []), BackPain);
        var referral = Assert.Single(plan.Referrals, r => r.Clinician == Clinician.Physiotherapist);
        Assert.StartsWith("The usual specialist for ", referral.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_consultation_triage_lists_rule_messages_as_what_to_do_now()
    {
        // A self-care result carrying a fired rule (as a host could build one) still plans no "do now" messages.
        var plan = Planner.Plan(Case.For(40, Sex.Male).Build(), Triage(TriageLevel.SelfCare, [Fired("malignancy-night-or-rest-pain", TriageLevel.Consultation)], [], []), BackPain);
        Assert.Empty(plan.DoNow);
        Assert.Equal("See a doctor if the pain lasts more than two weeks, gets worse, or new symptoms appear.", plan.Referrals[0].Reason);
    }

    [Fact]
    public void An_exercise_indicated_for_two_likely_conditions_names_both()
    {
        var plan = Planner.Plan(Case.For(40, Sex.Male).Present("duration-over-12-weeks").Build(), Triage(TriageLevel.SelfCare, [], [], []),
            Likely(("nonspecific-low-back-pain", 0.6), ("hip-osteoarthritis", 0.4)), new PlannerOptions { MaxExercises = 100 });
        var both = plan.Exercises.Where(p => p.ForConditions.Length == 2).ToList();
        Assert.NotEmpty(both);
        Assert.All(both, p => Assert.Equal($"Indicated for {Name(p.ForConditions[0])}, {Name(p.ForConditions[1])}.", p.Reason));
    }
}
