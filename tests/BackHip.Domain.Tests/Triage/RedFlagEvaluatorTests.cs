using BackHip.Domain.Triage;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// The red-flag evaluator's result against its specification, rule by rule: the level is the highest fired level, fired
/// rules are listed most urgent first, only serious conditions are named, and every open question is an unanswered
/// finding of an undecided rule that could still raise the level.
/// </summary>
public sealed class RedFlagEvaluatorTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly RedFlagEvaluator Evaluator = new(Kb);

    [Fact]
    public void Level_fired_rules_and_serious_conditions_follow_the_rules_that_hold() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var facts = CaseFacts.From(Kb, c);
            var result = Evaluator.Evaluate(c);
            var fired = Kb.RedFlagRules.Where(r => r.When.Evaluate(facts) == Truth.True).ToList();
            var level = fired.Count == 0 ? TriageLevel.SelfCare : fired.Max(r => r.Level);
            var order = fired.OrderByDescending(r => r.Level).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            var serious = fired.SelectMany(r => r.ConditionIds).Where(id => Kb.GetCondition(id).IsSerious).Distinct().Order(StringComparer.Ordinal);
            return result.Level == level
                && Evaluator.EvaluateLevel(c) == level
                && result.FiredRules.Select(f => f.RuleId).SequenceEqual(order.Select(r => r.Id))
                && result.FiredRules.Zip(order).All(p => p.First.Level == p.Second.Level && p.First.Pathology == p.Second.Pathology
                    && p.First.Message == p.Second.Message && p.First.Rationale == p.Second.Rationale && p.First.Grade == p.Second.Grade
                    && p.First.SourceKeys.SequenceEqual(p.Second.SourceKeys))
                && result.SeriousConditionsNotExcluded.SequenceEqual(serious)
                && result.Escalations.IsEmpty;
        }), maxTest: 300);

    [Fact]
    public void Open_questions_are_the_unanswered_findings_of_undecided_rules_above_the_level() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var facts = CaseFacts.From(Kb, c);
            var result = Evaluator.Evaluate(c);
            var undecided = Kb.RedFlagRules.Where(r => r.Level > result.Level && r.When.Evaluate(facts) == Truth.Unknown).ToList();
            var expected = undecided
                .SelectMany(r => r.FindingIds.Where(f => facts.StateOf(f) == EvidenceState.Unknown).Select(f => (Finding: f, Rule: r)))
                .GroupBy(x => x.Finding, StringComparer.Ordinal)
                .Select(g => (Finding: g.Key, Level: g.Max(x => x.Rule.Level), Rules: string.Join(",", g.Select(x => x.Rule.Id).Distinct().Order(StringComparer.Ordinal))))
                .OrderByDescending(q => q.Level).ThenBy(q => q.Finding, StringComparer.Ordinal)
                .ToList();
            return result.OpenQuestions.Select(q => (q.FindingId, q.CouldRaiseTo, string.Join(",", q.RuleIds))).SequenceEqual(expected)
                && result.OpenQuestions.All(q => q.CouldRaiseTo > result.Level && facts.StateOf(q.FindingId) == EvidenceState.Unknown);
        }), maxTest: 300);

    [Fact]
    public void A_finding_two_undecided_rules_read_could_raise_to_the_more_urgent_level_and_names_both()
    {
        // pain-lower-back alone: some unanswered finding is read by undecided rules of different levels.
        var result = Evaluator.Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back").Build());
        var shared = result.OpenQuestions.First(q => q.RuleIds.Select(id => Kb.RedFlagRules.Single(r => r.Id == id).Level).Distinct().Count() > 1);
        Assert.Equal(shared.RuleIds.Max(id => Kb.RedFlagRules.Single(r => r.Id == id).Level), shared.CouldRaiseTo);
        Assert.Equal(shared.RuleIds.Order(StringComparer.Ordinal), shared.RuleIds);
        Assert.Equal(result.OpenQuestions.OrderByDescending(q => q.CouldRaiseTo).ThenBy(q => q.FindingId, StringComparer.Ordinal), result.OpenQuestions);
    }

    [Fact]
    public void A_rule_at_the_level_already_reached_asks_nothing_more()
    {
        // Saddle numbness fires an emergency rule; no open question may lead to a level that is not above it.
        var result = Evaluator.Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back", "saddle-numbness").Build());
        Assert.Equal(TriageLevel.Emergency, result.Level);
        Assert.NotEmpty(result.OpenQuestions);
        Assert.All(result.OpenQuestions, q => Assert.Equal(TriageLevel.EmergencyAmbulance, q.CouldRaiseTo));
        Assert.DoesNotContain(result.OpenQuestions, q => q.FindingId == "bladder-dysfunction");
    }

    [Fact]
    public void Two_rules_naming_the_same_serious_condition_name_it_once()
    {
        var result = Evaluator.Evaluate(Case.For(45, Sex.Male).Present("pain-lower-back", "saddle-numbness", "bladder-dysfunction").Build());
        Assert.True(result.FiredRules.Count(f => Kb.RedFlagRules.Single(r => r.Id == f.RuleId).ConditionIds.Contains("cauda-equina-syndrome")) >= 2);
        Assert.Single(result.SeriousConditionsNotExcluded, id => id == "cauda-equina-syndrome");
    }

    [Fact]
    public void A_case_without_red_flags_is_self_care_with_nothing_fired()
    {
        var c = Case.For(30, Sex.Male).Present("pain-lower-back", "duration-under-2-weeks").Absent([.. Kb.RedFlagFindingIds.Where(id => !Kb.GetFinding(id).IsComposite && id is not "pain-lower-back" and not "duration-under-2-weeks" && Kb.SingleChoiceGroupOf(id) is null)]).Build();
        var result = Evaluator.Evaluate(c);
        Assert.Empty(result.FiredRules);
        Assert.Equal(TriageLevel.SelfCare, result.Level);
        Assert.Equal(TriageLevel.SelfCare, Evaluator.EvaluateLevel(c));
        Assert.Empty(result.SeriousConditionsNotExcluded);
        Assert.False(result.HasEmergencyEvidence);
    }

    [Fact]
    public void Null_arguments_and_invalid_cases_are_rejected_by_both_paths()
    {
        Assert.Throws<ArgumentNullException>(() => new RedFlagEvaluator(null!));
        Assert.Throws<ArgumentNullException>(() => Evaluator.Evaluate((Case)null!));
        Assert.Throws<ArgumentNullException>(() => Evaluator.EvaluateLevel(null!));
        var invalid = Case.For(45, Sex.Male).Present("no-such-finding").Build();
        Assert.Throws<BackHipValidationException>(() => Evaluator.Evaluate(invalid));
        Assert.Throws<BackHipValidationException>(() => Evaluator.EvaluateLevel(invalid));
    }
    [Fact]
    public void A_profile_the_knowledge_base_rejects_is_rejected_before_any_rule_runs()
    {
        // Out of the age range and a pregnant man: both paths validate the profile, not only the findings.
        foreach (var invalid in new[] { Case.For(121, Sex.Female).Present("pain-lower-back").Build(), Case.For(30, Sex.Male).Pregnant().Present("pain-lower-back").Build() })
        {
            Assert.Throws<BackHipValidationException>(() => Evaluator.Evaluate(invalid));
            Assert.Throws<BackHipValidationException>(() => Evaluator.EvaluateLevel(invalid));
        }
    }

    [Fact]
    public void With_a_display_text_fired_rules_say_the_text_tables_message_and_keep_everything_else()
    {
        var c = SafetyFloor.Cases[0].ToCase();
        var plain = Evaluator.Evaluate(c);
        var ruleId = plain.FiredRules[0].RuleId;
        var table = BackHip.Domain.Display.TextTable.Parse($$"""{ "culture": "en", "rules": { "{{ruleId}}": { "message": "Go to an emergency department now (test wording)." } } }""", "rules.en.json");
        var text = BackHip.Domain.Display.DisplayText.Create(KnowledgeBase.Default, [table]);
        var withText = new RedFlagEvaluator(KnowledgeBase.Default, text).Evaluate(c);
        Assert.Equal("Go to an emergency department now (test wording).", withText.FiredRules.Single(r => r.RuleId == ruleId).Message);
        Assert.Equal(plain.Level, withText.Level);
        Assert.Equal(plain.FiredRules.Select(r => r.RuleId), withText.FiredRules.Select(r => r.RuleId));
        Assert.Equal(plain.SeriousConditionsNotExcluded, withText.SeriousConditionsNotExcluded);
        Assert.Throws<ArgumentNullException>(() => new RedFlagEvaluator(null!, text));
    }

    [Fact]
    public void A_present_option_of_a_one_of_question_decides_rules_that_wait_on_its_siblings()
    {
        // "Under 2 weeks" excludes the other duration options, so the rule "pain over two weeks" is decided (false), not
        // waiting on them, and none of them is an open question; the level is what the stated answers give.
        var onlyAcute = Case.For(40, Sex.Male).Initial("pain-lower-back").Present("duration-under-2-weeks").Build();
        var facts = CaseFacts.From(Kb, onlyAcute);
        Assert.Equal(EvidenceState.Absent, facts.StateOf("duration-over-12-weeks"));
        Assert.Equal(EvidenceState.Absent, facts.StateOf("duration-2-to-6-weeks"));
        var rule = Kb.RedFlagRules.Single(r => r.Id == "pain-over-two-weeks");
        Assert.Equal(Truth.False, rule.When.Evaluate(facts));
        var result = Evaluator.Evaluate(onlyAcute);
        Assert.DoesNotContain(result.OpenQuestions, q => q.FindingId.StartsWith("duration-", StringComparison.Ordinal));
        Assert.Equal(result.Level, Evaluator.EvaluateLevel(onlyAcute));

        // A later option answered present fires the rule; a sibling answered "don't know" keeps that answer.
        var subacute = Case.For(40, Sex.Male).Initial("pain-lower-back").Present("duration-2-to-6-weeks").Build();
        Assert.Equal(Truth.True, rule.When.Evaluate(CaseFacts.From(Kb, subacute)));
        Assert.Contains(Evaluator.Evaluate(subacute).FiredRules, r => r.RuleId == rule.Id);
        Assert.True(Evaluator.EvaluateLevel(subacute) >= rule.Level);
        var unsure = Case.Create(new PatientProfile { Age = 40, Sex = Sex.Male }, [
            new Evidence { FindingId = "pain-lower-back", State = EvidenceState.Present },
            new Evidence { FindingId = "duration-under-2-weeks", State = EvidenceState.Present },
            new Evidence { FindingId = "duration-over-12-weeks", State = EvidenceState.Unknown }]);
        Assert.Equal(EvidenceState.Unknown, CaseFacts.From(Kb, unsure).StateOf("duration-over-12-weeks"));
        Assert.Equal(EvidenceState.Absent, CaseFacts.From(Kb, unsure).StateOf("duration-6-to-12-weeks"));

        // Answering no to every option but one states nothing more than the option alone.
        Assert.Equal(Evaluator.EvaluateLevel(onlyAcute), Evaluator.EvaluateLevel(onlyAcute.WithEvidence(new Evidence { FindingId = "duration-6-to-12-weeks", State = EvidenceState.Absent })));
    }

    [Fact]
    public void Only_a_present_option_implies_its_siblings_and_only_within_its_own_question()
    {
        // Nothing answered about duration: every option stays unknown and the duration rule waits on them.
        var noDuration = Case.For(40, Sex.Male).Initial("pain-lower-back").Build();
        var facts = CaseFacts.From(Kb, noDuration);
        Assert.All(Kb.QuestionGroups.Single(g => g.Id == "pain-duration").Options, o => Assert.Equal(EvidenceState.Unknown, facts.StateOf(o.FindingId)));
        Assert.Equal(Truth.Unknown, Kb.RedFlagRules.Single(r => r.Id == "pain-over-two-weeks").When.Evaluate(facts));
        Assert.Contains(Evaluator.Evaluate(noDuration).OpenQuestions, q => q.FindingId == "duration-2-to-6-weeks");

        // An option answered absent implies nothing about its siblings.
        var notChronic = CaseFacts.From(Kb, Case.For(40, Sex.Male).Initial("pain-lower-back").Absent("duration-over-12-weeks").Build());
        Assert.Equal(EvidenceState.Unknown, notChronic.StateOf("duration-under-2-weeks"));

        // Every one-of question, the first in the knowledge base included: its present option makes the others absent and
        // leaves other questions' options alone.
        var groups = Kb.QuestionGroups.Where(g => g.Mode == SelectionMode.OneOf).ToList();
        Assert.True(groups.Count >= 2);
        foreach (var group in groups)
        {
            var pick = group.Options[^1].FindingId;
            var f = CaseFacts.From(Kb, Case.For(40, Sex.Male).Initial("pain-lower-back").Present(pick).Build());
            Assert.All(group.Options.Where(o => o.FindingId != pick), o => Assert.Equal(EvidenceState.Absent, f.StateOf(o.FindingId)));
            Assert.All(groups.Where(g => g.Id != group.Id).SelectMany(g => g.Options), o => Assert.Equal(EvidenceState.Unknown, f.StateOf(o.FindingId)));
        }

        // Two options of one question answered present contradict each other: the case is rejected on both paths.
        var both = Case.For(40, Sex.Male).Initial("pain-lower-back").Present(groups[0].Options[0].FindingId, groups[0].Options[1].FindingId).Build();
        Assert.Throws<BackHipValidationException>(() => Evaluator.Evaluate(both));
        Assert.Throws<BackHipValidationException>(() => Evaluator.EvaluateLevel(both));
    }

    [Fact]
    public void A_care_setting_outside_the_enumeration_is_rejected_and_every_defined_one_is_accepted()
    {
        var c = Case.For(40, Sex.Male).Initial("pain-lower-back").Build();
        foreach (var setting in Enum.GetValues<CareSetting>())
        {
            Assert.Equal(Evaluator.EvaluateLevel(c), Evaluator.EvaluateLevel(c.WithSetting(setting)));
            Assert.Equal(Evaluator.Evaluate(c).Level, Evaluator.Evaluate(c.WithSetting(setting)).Level);
        }

        var outside = c.WithSetting((CareSetting)Enum.GetValues<CareSetting>().Length);
        Assert.Throws<BackHipValidationException>(() => Evaluator.EvaluateLevel(outside));
        Assert.Throws<BackHipValidationException>(() => Evaluator.Evaluate(outside));
    }
}
