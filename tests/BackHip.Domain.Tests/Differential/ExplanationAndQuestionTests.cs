using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

public sealed class ExplanationTests
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    private static Case Sciatica => Case.For(38, Sex.Male).Initial("pain-lower-back", "pain-below-knee").Present("slr-positive", "leg-pain-worse-than-back").Absent("crossed-slr-positive").Build();

    [Fact]
    public void Explain_lists_supporting_conflicting_and_unconfirmed_findings_with_sources()
    {
        var e = Engine.Explain(Sciatica, "lumbar-disc-herniation");
        Assert.Equal(1, e.Rank);
        Assert.Contains(e.Supporting, s => s.FindingId == "slr-positive" && s.SourceKey == "S17" && s.AppliedLr > 1);
        Assert.Contains(e.Conflicting, s => s.FindingId == "crossed-slr-positive" && s.AppliedLr < 1);
        Assert.Contains(e.Unconfirmed, s => s.FindingId == "worse-cough-sneeze" && s.State == EvidenceState.Unknown);
        Assert.All(e.Supporting.Concat(e.Conflicting), s => Assert.NotEqual(EvidenceState.Unknown, s.State));
    }

    [Fact]
    public void Explain_rejects_a_condition_that_is_not_scored() =>
        Assert.Throws<ArgumentException>(() => Engine.Explain(Sciatica, "spinal-curvature"));

    [Fact]
    public void Compare_explains_why_this_and_not_that_exactly()
    {
        var d = Engine.Score(Sciatica);
        var cmp = Engine.Compare(Sciatica, "lumbar-disc-herniation", "nonspecific-low-back-pain");
        var expected = Math.Log(d.ProbabilityOf("lumbar-disc-herniation") / d.ProbabilityOf("nonspecific-low-back-pain"));
        Assert.Equal(expected, cmp.LogPosteriorRatio, 9);
        Assert.Contains(cmp.Items, i => i.FindingId == "pain-below-knee" && i.LogRatio > 0);
        Assert.True(cmp.LogPosteriorRatio > 0);
    }

    [Fact]
    public void Compare_rejects_a_condition_that_does_not_apply() =>
        Assert.Throws<ArgumentException>(() => Engine.Compare(Sciatica, "lumbar-disc-herniation", "pregnancy-pelvic-girdle-pain"));
}

public sealed class ScoringLawTests
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    [Fact]
    public void An_absent_finding_with_lr_below_one_never_raises_that_conditions_log_odds() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(KnowledgeBase.Default.Likelihoods.Pairs.Where(p => p.LrNegative < 1 && !KnowledgeBase.Default.GetFinding(p.FindingId).IsComposite).ToArray())), (c, pair) =>
        {
            if (c.Evidence.Any(e => e.FindingId == pair.FindingId) || !KnowledgeBase.Default.GetCondition(pair.ConditionId).Applicability.Admits(c.Profile))
            {
                return true;
            }

            // The one documented exception: a "no" to a broader nested finding (difficulty walking) replaces the same
            // condition's "no" to a narrower one already answered (limping), since "no difficulty walking" is the whole
            // observation. When the condition has the narrower fact as often as the broader one but the narrower finding
            // is rarer among everyone, the broader "no" is the weaker ratio, and replacing the narrower one raises the
            // condition: the joint likelihood, not an inconsistency.
            var nested = KnowledgeBase.Default.Likelihoods.Nested.FirstOrDefault(n => n.BroadId == pair.FindingId);
            if (nested is not null && c.Evidence.Any(e => e.State == EvidenceState.Absent && nested.NarrowerIds.Contains(e.FindingId)
                && KnowledgeBase.Default.Likelihoods.Pairs.Any(q => q.ConditionId == pair.ConditionId && q.FindingId == e.FindingId)))
            {
                return true;
            }

            var before = Engine.Score(c).Ranked.Single(r => r.ConditionId == pair.ConditionId).LogOdds;
            var after = Engine.Score(c.WithEvidence(new Evidence { FindingId = pair.FindingId, State = EvidenceState.Absent })).Ranked.Single(r => r.ConditionId == pair.ConditionId).LogOdds;
            return after <= before;
        }));

    [Fact]
    public void A_finding_no_condition_mentions_changes_nothing()
    {
        var mentioned = KnowledgeBase.Default.Likelihoods.Pairs.Select(p => p.FindingId).ToHashSet(StringComparer.Ordinal);
        // A finding that feeds a composite (ASAS, Cook) is mentioned through the composite it derives.
        mentioned.UnionWith(KnowledgeBase.Default.Findings.Where(f => f.Composite is not null).SelectMany(f => f.Composite!.Of));
        // An option of a one-of question answered present implies its siblings absent, so it is mentioned through them.
        mentioned.UnionWith(KnowledgeBase.Default.QuestionGroups
            .Where(g => g.Mode == SelectionMode.OneOf && g.Options.Any(o => mentioned.Contains(o.FindingId)))
            .SelectMany(g => g.Options.Select(o => o.FindingId)).ToList());
        // A finding that shares a variable with a mentioned one (reported fever with fever or chills) is mentioned through
        // it too: answered present, it makes the others' "no" answers count nothing.
        mentioned.UnionWith(KnowledgeBase.Default.Likelihoods.Variables
            .Where(v => v.FindingIds.Any(mentioned.Contains))
            .SelectMany(v => v.FindingIds).ToList());
        var unmentioned = Generators.StatableFindings.Where(f => !mentioned.Contains(f)).ToArray();
        Assert.NotEmpty(unmentioned);
        Properties.Check(Prop.ForAll(Generators.CaseArb, Arb.From(Gen.Elements(unmentioned)), Arb.From(Gen.Elements(EvidenceState.Present, EvidenceState.Absent)), (c, finding, state) =>
        {
            if (!Generators.CanAddPresent(c, finding))
            {
                return true;
            }

            var a = Engine.Score(c).Ranked.Select(r => (r.ConditionId, r.Probability));
            var b = Engine.Score(c.WithEvidence(new Evidence { FindingId = finding, State = state })).Ranked.Select(r => (r.ConditionId, r.Probability));
            return a.SequenceEqual(b);
        }));
    }

    [Fact]
    public void Scaling_every_prior_by_the_same_factor_changes_no_probability()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        foreach (var prior in node["priors"]!.AsArray())
        {
            prior!["prevalence"] = (double)prior["prevalence"]! * 0.5;
        }

        var scaled = new DifferentialEngine(KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var a = Engine.Score(c);
            var b = scaled.Score(c);
            return a.Ranked.Length == b.Ranked.Length && a.Ranked.All(r => Math.Abs(r.Probability - b.ProbabilityOf(r.ConditionId)) < 1e-9);
        }), maxTest: 100);
    }

    [Fact]
    public void Provenance_is_read_and_a_half_recorded_one_names_each_missing_part()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var pair = node["pairs"]!.AsArray()[0]!.AsObject();
        pair["provenance"] = new JsonObject
        {
            ["population"] = "adults with sciatica", ["setting"] = "surgical series", ["referenceStandard"] = "surgery",
            ["indexType"] = "examination", ["sampleSize"] = 120, ["checked"] = "abstract",
        };
        var kb = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString()));
        var read = kb.Likelihoods.Pairs.First(p => p.ConditionId == pair["condition"]!.GetValue<string>() && p.FindingId == pair["finding"]!.GetValue<string>());
        Assert.Equal(IndexTestKind.Examination, read.Provenance!.IndexType);
        Assert.Equal(120, read.Provenance.SampleSize);
        Assert.Equal("surgery", read.Provenance.ReferenceStandard);

        pair["provenance"] = new JsonObject { ["population"] = "adults", ["indexType"] = "palpation", ["sampleSize"] = 0 };
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Path == "$.pairs[0].provenance.setting");
        Assert.Contains(ex.Problems, p => p.Path == "$.pairs[0].provenance.checked");
        Assert.Contains(ex.Problems, p => p.Path == "$.pairs[0].provenance.indexType" && p.Code == "unknown-value");
        Assert.Contains(ex.Problems, p => p.Path == "$.pairs[0].provenance.sampleSize" && p.Code == "out-of-range");
    }

    [Fact]
    public void Sensitivity_alone_needs_a_background_rate()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        node["pairs"]!.AsArray().Add(new JsonObject { ["condition"] = "kidney-stone", ["finding"] = "increasing-head-size", ["sensitivity"] = 0.5, ["source"] = "S62", ["grade"] = "study" });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Code == "missing-background" && p.Id == "kidney-stone/increasing-head-size");
    }
}

public sealed class QuestionSelectorTests
{
    private static readonly QuestionSelector Selector = new(KnowledgeBase.Default);

    [Fact]
    public void Never_proposes_an_answered_finding_and_gain_is_never_negative() =>
        Properties.Check(Prop.ForAll(Generators.CaseArb, c =>
        {
            var proposals = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 200, AnsweredBy = Respondent.Clinician });
            return proposals.All(p => c.StateOf(p.FindingId) == EvidenceState.Unknown && p.ExpectedGain >= 0 && !KnowledgeBase.Default.GetFinding(p.FindingId).IsComposite);
        }), maxTest: 60);

    [Fact]
    public void The_complaint_comes_first_then_red_flag_checklists_then_detail()
    {
        var start = Case.For(40, Sex.Female).Build();
        var proposals = Selector.Rank(start, QuestionOptions.Default with { MaxProposals = 100 });
        Assert.Equal(QuestionStage.Complaint, proposals[0].Stage);
        Assert.Equal("pain-location", proposals[0].GroupId);
        Assert.Equal(QuestionType.AnyOf, proposals[0].Type);
        Assert.Contains(proposals, p => p.GroupId == "pain-duration" && p.Type == QuestionType.OneOf);
        var stages = proposals.Select(p => p.Stage == QuestionStage.Complaint ? 0 : p.IsRedFlagScreen ? 1 : 2).ToList();
        Assert.Equal(stages.Order(), stages);
        Assert.Contains(proposals, p => p.Stage == QuestionStage.Checklist && p.Type == QuestionType.AnyOf);
        Assert.All(proposals, p => Assert.All(p.Options, o => Assert.Equal(Respondent.Person, KnowledgeBase.Default.GetFinding(o.FindingId).AnsweredBy)));
        Assert.All(proposals, p => Assert.False(string.IsNullOrWhiteSpace(p.Rationale)));
        Assert.All(proposals, p => Assert.False(string.IsNullOrWhiteSpace(p.WhyWeAsk)));
        Assert.DoesNotContain(proposals, p => p.GroupId == "checklist-testicular" || p.GroupId == "checklist-limping-child");
    }

    [Fact]
    public void Information_gain_prefers_a_question_that_separates_the_leading_conditions()
    {
        var kb = KnowledgeBase.Default;
        var triageDone = kb.RedFlagFindingIds.Where(f => !kb.GetFinding(f).IsComposite && kb.SingleChoiceGroupOf(f) is null && f is not "pain-lower-back" and not "pain-below-knee").ToArray();
        var complaint = kb.QuestionGroups.Where(g => g.Stage == QuestionStage.Complaint).SelectMany(g => g.Options.Select(o => o.FindingId))
            .Where(f => f is not "pain-lower-back" and not "pain-below-knee" and not "duration-under-2-weeks" && !triageDone.Contains(f)).Distinct().ToArray();
        var c = Case.For(40, Sex.Male).Initial("pain-lower-back", "pain-below-knee").Absent(triageDone).Present("duration-under-2-weeks")
            .Absent([.. complaint.Where(f => !f.StartsWith("duration-", StringComparison.Ordinal))]).Build();
        var proposals = Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 5 });
        Assert.NotEmpty(proposals);
        Assert.All(proposals, p => Assert.False(p.IsRedFlagScreen));
        Assert.Equal(proposals.OrderByDescending(p => p.ExpectedGain).Select(p => p.Id), proposals.Select(p => p.Id));
        Assert.True(proposals[0].ExpectedGain > 0.01);
    }

    [Fact]
    public void Answering_a_group_sets_every_option_and_not_sure_leaves_them_unknown()
    {
        var start = Case.For(40, Sex.Female).Build();
        var location = Selector.Rank(start, QuestionOptions.Default with { MaxProposals = 1 })[0];
        var ticked = location.Apply(start, QuestionAnswer.Select("pain-lower-back", "pain-buttock"));
        Assert.Equal(EvidenceState.Present, ticked.StateOf("pain-buttock"));
        Assert.Equal(EvidenceState.Absent, ticked.StateOf("pain-groin"));
        Assert.Equal(location.Options.Length, ticked.Evidence.Length);
        var unsure = location.Apply(start, QuestionAnswer.DontKnow);
        Assert.All(unsure.Evidence, e => Assert.Equal(EvidenceState.Unknown, e.State));
        var partly = location.Apply(start, new QuestionAnswer { Selected = ["pain-hip"], Unsure = ["pain-groin"] });
        Assert.Equal(EvidenceState.Unknown, partly.StateOf("pain-groin"));
        Assert.Equal(EvidenceState.Absent, partly.StateOf("pain-lower-back"));
        Assert.Throws<ArgumentException>(() => location.Apply(start, QuestionAnswer.Select("saddle-numbness")));
        Assert.Throws<ArgumentException>(() => location.Apply(ticked, QuestionAnswer.NoneOfThese));
        var duration = Selector.Rank(ticked, QuestionOptions.Default with { MaxProposals = 10 }).Single(p => p.GroupId == "pain-duration");
        Assert.Throws<ArgumentException>(() => duration.Apply(ticked, QuestionAnswer.Select("duration-under-2-weeks", "duration-over-12-weeks")));
    }

    [Fact]
    public void A_follow_up_waits_for_its_parent_and_is_not_applicable_when_the_parent_is_absent()
    {
        var kb = KnowledgeBase.Default;
        Assert.Contains("fall-or-trauma", kb.GetFinding("major-trauma").Requires);
        IEnumerable<string> Asked(Case c) => Selector.Rank(c, QuestionOptions.Default with { MaxProposals = 200 }).SelectMany(p => p.Options.Select(o => o.FindingId));
        var start = Case.For(70, Sex.Female).Build();
        Assert.Contains("fall-or-trauma", Asked(start));
        Assert.DoesNotContain("major-trauma", Asked(start));
        Assert.DoesNotContain("major-trauma", Asked(start.WithEvidence(new Evidence { FindingId = "fall-or-trauma", State = EvidenceState.Absent })));
        Assert.Contains("major-trauma", Asked(start.WithEvidence(new Evidence { FindingId = "fall-or-trauma", State = EvidenceState.Present })));
        var unsure = Selector.ShouldStop(start.WithEvidence(new Evidence { FindingId = "fall-or-trauma", State = EvidenceState.Unknown }), 0);
        Assert.Contains("major-trauma", unsure.UnsureRedFlagFindings);
        Assert.True(unsure.TriageIncomplete);
    }

    [Fact]
    public void The_gardening_case_is_asked_about_her_complaint_in_a_short_interview()
    {
        // Issue 15: a 35-year-old woman with back pain after gardening was asked 40 yes/no questions, 39 of them red flags.
        var truth = Case.For(35, Sex.Female).Present("pain-lower-back", "onset-sudden-lifting", "duration-under-2-weeks", "worse-bending").Build();
        var assessor = BackHipAssessor.CreateDefault();
        var interview = Interview.Start(KnowledgeBase.Default, Case.For(35, Sex.Female).Build());
        var first = interview.Next()!;
        Assert.Equal("pain-location", first.GroupId);
        var screens = 0;
        var redFlagScreens = 0;
        while (interview.Next() is { } q)
        {
            screens++;
            redFlagScreens += q.IsRedFlagScreen ? 1 : 0;
            var selected = q.Options.Select(o => o.FindingId).Where(f => truth.StateOf(f) == EvidenceState.Present).Take(q.Type == QuestionType.AnyOf ? 99 : 1).ToArray();
            interview = interview.Answer(q, QuestionAnswer.Select(selected));
            Assert.Equal(interview.Previous!.Case, interview.Undo().Case);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Gardening case: {screens} screens, {redFlagScreens} red-flag checklists or screens; stop: {interview.Status().Reason}");
        Assert.InRange(screens, 4, 15);
        Assert.InRange(redFlagScreens, 1, 9);
        Assert.False(interview.Status().TriageIncomplete);
        Assert.Equal(BackHip.Domain.Triage.TriageLevel.SelfCare, assessor.Assess(interview.Case).Triage.Level);
    }

    [Fact]
    public void Stop_rule_keeps_going_while_urgent_red_flags_are_open_and_stops_at_the_budget()
    {
        var start = Case.For(40, Sex.Female).Initial("pain-lower-back").Build();
        var go = Selector.ShouldStop(start, 0);
        Assert.False(go.ShouldStop);
        Assert.True(go.UrgentRedFlagQuestionsOpen > 0);
        var budget = Selector.ShouldStop(start, 25);
        Assert.True(budget.ShouldStop);
        Assert.Contains("incomplete", budget.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interview_loop_asks_updates_and_stops()
    {
        // Scripted answers: everything asked is absent except the sciatica picture.
        string[] yes = ["pain-below-knee", "leg-pain-worse-than-back", "worse-cough-sneeze", "pain-shooting", "duration-under-2-weeks"];
        var interview = Interview.Start(KnowledgeBase.Default, Case.For(38, Sex.Male).Initial("pain-lower-back").Build());
        var asked = new List<string>();
        while (interview.Next() is { } question)
        {
            Assert.DoesNotContain(question.FindingId, asked);
            asked.Add(question.FindingId);
            interview = interview.Answer(question.FindingId, yes.Contains(question.FindingId) ? EvidenceState.Present : EvidenceState.Absent);
        }

        Assert.True(interview.Status().ShouldStop);
        Assert.InRange(interview.QuestionsAsked, 1, interview.Options.MaxQuestions);
        Assert.True(KnowledgeBase.Default.Validate(interview.Case).IsValid);
        Assert.Contains(interview.Case.Evidence, e => e.Origin == EvidenceOrigin.RedFlagScreen);
        // Sciatica without any red flag asks only for a clinician's review (NICE NG59), nothing more urgent.
        var triage = new BackHip.Domain.Triage.RedFlagEvaluator(KnowledgeBase.Default).Evaluate(interview.Case);
        Assert.Equal(BackHip.Domain.Triage.TriageLevel.Consultation, triage.Level);
        Assert.Equal(["sciatica-clinician-review"], triage.FiredRules.Select(r => r.RuleId));
    }

    [Fact]
    public void Answering_a_one_of_option_marks_its_siblings_absent()
    {
        var interview = Interview.Start(KnowledgeBase.Default, Case.For(38, Sex.Male).Build()).Answer("duration-under-2-weeks", EvidenceState.Present);
        Assert.Equal(EvidenceState.Absent, interview.Case.StateOf("duration-over-12-weeks"));
        Assert.Throws<ArgumentException>(() => interview.Answer("duration-under-2-weeks", EvidenceState.Absent));
        Assert.Throws<ArgumentException>(() => interview.Answer("asas-ibp-criteria", EvidenceState.Present));
    }
}

public sealed class EvaluationTests
{
    [Fact]
    public void Report_metrics_follow_their_definitions_on_a_tiny_set()
    {
        var engine = new DifferentialEngine(KnowledgeBase.Default);
        var sciatica = Case.For(38, Sex.Male).Initial("pain-lower-back", "pain-below-knee").Present("slr-positive", "leg-pain-worse-than-back").Build();
        var top = engine.Score(sciatica).Ranked;
        var cases = new[]
        {
            new LabelledCase { Name = "right", Case = sciatica, ExpectedConditionId = top[0].ConditionId },
            new LabelledCase { Name = "second", Case = sciatica, ExpectedConditionId = top[1].ConditionId },
            new LabelledCase { Name = "not applicable", Case = sciatica, ExpectedConditionId = "pregnancy-pelvic-girdle-pain" },
        };
        var report = DifferentialEvaluation.Run(engine, cases, bins: 5);
        Assert.Equal(3, report.CaseCount);
        Assert.Equal(1.0 / 3, report.Top1, 12);
        Assert.Equal(2.0 / 3, report.Top3, 12);
        Assert.Equal((1 + 0.5) / 3, report.MeanReciprocalRank, 12);
        Assert.Equal(2.0 / 3, report.Coverage, 12);
        Assert.Equal(2, report.Misses.Length);
        Assert.Equal(5, report.Calibration.Length);
        Assert.Equal(3 * top.Length, report.Calibration.Sum(b => b.Count));
        var brierRight = top.Select((r, i) => Math.Pow(r.Probability - (i == 0 ? 1 : 0), 2)).Sum();
        var brierSecond = top.Select((r, i) => Math.Pow(r.Probability - (i == 1 ? 1 : 0), 2)).Sum();
        var brierMissing = top.Sum(r => r.Probability * r.Probability) + 1;
        Assert.Equal((brierRight + brierSecond + brierMissing) / 3, report.BrierScore, 12);
        Assert.Contains("top-1", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_rejected() =>
        Assert.Throws<ArgumentException>(() => DifferentialEvaluation.Run(new DifferentialEngine(KnowledgeBase.Default), []));
}
