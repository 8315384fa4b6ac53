using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>Age from data (no cliff), per-condition pain maps, and findings that measure one thing counted once.</summary>
public sealed class ModelStructureTests
{
    private static readonly DifferentialEngine Engine = new(KnowledgeBase.Default);

    private static LikelihoodModel Model => KnowledgeBase.Default.Likelihoods;

    private static double PriorAt(string conditionId, int age, Sex sex = Sex.Female) =>
        Engine.Score(Case.For(age, sex).Present("pain-lower-back").Build()).Ranked.Single(r => r.ConditionId == conditionId).Prior;

    [Fact]
    public void No_adult_prior_jumps_by_more_than_a_quarter_from_one_year_of_age_to_the_next()
    {
        // Childhood is bounded separately (AgeCurveTests): the sourced rise of back pain through adolescence is steeper.
        foreach (var prior in Model.Priors.Where(p => p.AgeCurve is not null))
        {
            for (var age = 20; age < 120; age++)
            {
                var ratio = prior.AgeFactor(age + 1) / prior.AgeFactor(age);
                Assert.True(ratio is > 0.8 and < 1.25, $"{prior.ConditionId}: factor {ratio:0.###} from age {age} to {age + 1}");
            }
        }
    }

    [Fact]
    public void A_condition_without_sourced_age_figures_keeps_its_prior_across_ages()
    {
        // The former profile model cut cauda equina x0.25 from 51 and a vertebral fracture below 65.
        Assert.Null(Model.Priors.Single(p => p.ConditionId == "traumatic-spinal-fracture").AgeCurve);
        Assert.Equal(PriorAt("traumatic-spinal-fracture", 40), PriorAt("traumatic-spinal-fracture", 65), 12);
        Assert.True(PriorAt("cauda-equina-syndrome", 51) / PriorAt("cauda-equina-syndrome", 50) > 0.8);
        Assert.True(PriorAt("osteoporotic-vertebral-fracture", 62) > PriorAt("osteoporotic-vertebral-fracture", 50));
        Assert.True(PriorAt("osteoporotic-vertebral-fracture", 62) / PriorAt("osteoporotic-vertebral-fracture", 61) < 1.25);
    }

    [Fact]
    public void Sex_factors_are_sourced_ratios_whose_mean_is_one_and_other_conditions_are_neutral()
    {
        Assert.Equal(PriorAt("femoroacetabular-impingement", 30, Sex.Female), PriorAt("femoroacetabular-impingement", 30, Sex.Male), 12);
        foreach (var prior in Model.Priors)
        {
            var female = Profiles.SexFactor(prior, Sex.Female);
            var male = Profiles.SexFactor(prior, Sex.Male);
            Assert.True(female == 1 || male == 1 || Math.Abs(((female + male) / 2) - 1) < 0.01 || prior.ConditionId == "spondylolysis", $"{prior.ConditionId}: {female} / {male}");
        }
    }

    [Fact]
    public void Pain_maps_give_site_pairs_from_frequency_and_background_and_leave_other_sites_neutral()
    {
        var hipGroin = Model.Pairs.Single(p => p.ConditionId == "hip-osteoarthritis" && p.FindingId == "pain-groin");
        Assert.True(hipGroin.FromPainMap);
        Assert.Equal(0.53 / Model.BackgroundRateOf("pain-groin"), hipGroin.LrPositive, 9);
        Assert.Equal(0.47 / (1 - Model.BackgroundRateOf("pain-groin")), hipGroin.LrNegative, 9);

        // Below the knee: 0.675 in sciatica against 0.34 in primary-care back pain, not the former 7.9.
        var belowKnee = Model.Pairs.Single(p => p.ConditionId == "lumbar-disc-herniation" && p.FindingId == "pain-below-knee");
        Assert.InRange(belowKnee.LrPositive, 1.9, 2.1);

        Assert.DoesNotContain(Model.Pairs, p => p.ConditionId == "greater-trochanteric-pain-syndrome" && p.FindingId == "pain-groin");
        // A site the condition's definition requires: its absence counts against the condition by the unmapped rate
        // (P(no lower back pain | low back pain) = 0.05) and no further, so one answer never excludes it.
        var defining = Model.Pairs.Single(p => p.ConditionId == "nonspecific-low-back-pain" && p.FindingId == "pain-lower-back");
        var unmapped = Model.PainMapRates.Min(r => r.Rate); // the unmapped rate (the other is the typical-site rate, 0.8)
        Assert.Equal(1 - unmapped, defining.Sensitivity!.Value, 9);
        Assert.Equal(unmapped / (1 - Model.BackgroundRateOf("pain-lower-back")), defining.LrNegative, 9);
        Assert.InRange(defining.LrNegative, 0.01, 0.5);
        Assert.Contains(Model.PainMaps, m => m.ConditionId == "nonspecific-low-back-pain" && m.SiteId == "pain-lower-back" && m.Kind == PainSiteKind.Defining && m.Grade == EvidenceGrade.Estimate);
        Assert.DoesNotContain(Model.PainMaps, m => m.Frequency >= 1);
        // A site in a condition's sourced regions without a measured frequency is a typical site, graded estimate.
        var typical = Model.Pairs.Single(p => p.ConditionId == "hip-fracture" && p.FindingId == "pain-hip");
        Assert.Equal(EvidenceGrade.Estimate, typical.Grade);
        // No source measured how often its pain is felt elsewhere, so the site's absence counts nothing; a measured
        // site's absence does.
        Assert.Equal(1.0, typical.LrNegative);
        Assert.True(typical.LrPositive > 1);
        Assert.All(Model.Pairs.Where(p => p.FromPainMap && Model.PainMaps.Any(m => m.ConditionId == p.ConditionId && m.SiteId == p.FindingId && m.Kind == PainSiteKind.Typical)), p => Assert.Equal(1.0, p.LrNegative));
        Assert.True(hipGroin.LrNegative < 1);
        Assert.Contains(Model.PainMaps, m => m.ConditionId == "hip-fracture" && m.SiteId == "pain-hip" && m.FromRegions && m.Kind == PainSiteKind.Typical);
    }

    [Fact]
    public void Pain_map_errors_are_reported_with_their_path()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var sites = node["painMaps"]!["maps"]!.AsArray()[0]!["sites"]!.AsArray();
        sites.Add(new JsonObject { ["site"] = "fever-or-chills", ["frequency"] = 0.5, ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "x" });
        sites.Add(new JsonObject { ["site"] = "pain-groin", ["frequency"] = 0, ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "x" });
        sites.Add(new JsonObject { ["site"] = "pain-flank", ["frequency"] = 1, ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "x" });
        sites.Add(new JsonObject { ["site"] = "pain-pubic", ["kind"] = "defining", ["frequency"] = 0.9, ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "x" });
        sites.Add(new JsonObject { ["site"] = "pain-sacroiliac", ["kind"] = "defining", ["source"] = "S2", ["grade"] = "guideline" });
        var prior = node["priors"]!.AsArray().Single(p => p!["condition"]!.GetValue<string>() == "lumbar-spinal-stenosis")!;
        prior["ageCurve"]!["points"]!.AsArray().Add(new JsonObject { ["age"] = 20, ["factor"] = 1.0 });
        var fracture = node["priors"]!.AsArray().Single(p => p!["condition"]!.GetValue<string>() == "osteoporotic-vertebral-fracture")!;
        fracture["modifiers"] = new JsonArray(new JsonObject { ["when"] = new JsonObject { ["ageAtLeast"] = 70 }, ["factor"] = 2.0, ["source"] = "S24", ["grade"] = "study" });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Path == $"$.painMaps.maps[0].sites[{sites.Count - 5}].site" && p.Code == "not-a-site");
        Assert.Contains(ex.Problems, p => p.Path == $"$.painMaps.maps[0].sites[{sites.Count - 4}].frequency" && p.Code == "out-of-range");
        // A measured frequency of 1 would exclude the condition on one answer; a defining site takes no frequency and is an estimate.
        Assert.Contains(ex.Problems, p => p.Path == $"$.painMaps.maps[0].sites[{sites.Count - 3}].frequency" && p.Code == "out-of-range" && p.Message.Contains("defining", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == $"$.painMaps.maps[0].sites[{sites.Count - 2}].frequency" && p.Code == "invalid-numbers");
        Assert.Contains(ex.Problems, p => p.Path == $"$.painMaps.maps[0].sites[{sites.Count - 1}].grade" && p.Code == "dishonest-grade");
        Assert.Contains(ex.Problems, p => p.Path!.EndsWith($".ageCurve.points[{prior["ageCurve"]!["points"]!.AsArray().Count - 1}].age", StringComparison.Ordinal) && p.Code == "out-of-order");
        Assert.Contains(ex.Problems, p => p.Path!.EndsWith(".ageCurve", StringComparison.Ordinal) && p.Code == "invalid-numbers" && p.Id == "osteoporotic-vertebral-fracture");
    }

    [Fact]
    public void Absent_answers_to_the_siblings_of_a_present_option_count_only_where_the_present_option_says_nothing()
    {
        var variables = Model.Variables;
        Assert.Contains(variables, v => v.Id == "pain-duration" && v.FindingIds.Contains("duration-under-6-weeks"));
        var oneOf = KnowledgeBase.Default.QuestionGroups.Where(g => g.Mode == SelectionMode.OneOf).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var gen = from c in Generators.Cases
                  from v in Gen.Elements(variables.ToArray())
                  from pick in Gen.Elements(v.FindingIds.ToArray())
                  select (c, v, pick);
        Properties.Check(Prop.ForAll(Arb.From(gen), t =>
        {
            var (c, v, pick) = t;
            if (v.FindingIds.Any(f => c.Evidence.Any(e => e.FindingId == f)))
            {
                return true;
            }

            var withPresent = c.WithEvidence(new Evidence { FindingId = pick, State = EvidenceState.Present });
            var withSiblings = withPresent;
            var siblings = v.FindingIds.Where(f => f != pick).ToList();
            foreach (var sibling in siblings)
            {
                withSiblings = withSiblings.WithEvidence(new Evidence { FindingId = sibling, State = EvidenceState.Absent });
            }

            var a = Engine.Score(withPresent);
            var b = Engine.Score(withSiblings);

            // A condition with a pair for the present option: that pair alone counts, so the siblings' answers add nothing.
            // One without: for a one-of question each sibling answered absent adds its ln LR-; for separate questions that
            // measure one thing, nothing. Where the present answer is itself one of the question's options, its unanswered
            // siblings are already implied absent, so answering them adds nothing either.
            var impliesSiblings = oneOf.Contains(v.Id) && OptionsOf(v.Id).Contains(pick);
            return a.Ranked.All(r =>
            {
                var pairs = Model.Pairs.Where(p => p.ConditionId == r.ConditionId).ToList();
                var expected = !oneOf.Contains(v.Id) || pairs.Any(p => p.FindingId == pick) || impliesSiblings
                    ? 0.0
                    : pairs.Where(p => siblings.Contains(p.FindingId)).Sum(p => Math.Log(p.LrNegative));
                var other = b.Ranked.Single(x => x.ConditionId == r.ConditionId);
                return Math.Abs(other.LogOdds - r.LogOdds - expected) < 1e-9;
            });
        }), maxTest: 200);
    }

    private static HashSet<string> OptionsOf(string groupId) =>
        KnowledgeBase.Default.QuestionGroups.Single(g => g.Id == groupId).Options.Select(o => o.FindingId).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void A_present_option_of_a_one_of_question_scores_as_if_every_unanswered_sibling_were_answered_no()
    {
        var groups = KnowledgeBase.Default.QuestionGroups.Where(g => g.Mode == SelectionMode.OneOf).ToArray();
        Assert.Contains(groups, g => g.Id == "pain-duration");
        var gen = from c in Generators.Cases
                  from g in Gen.Elements(groups)
                  from pick in Gen.Elements(g.Options.Select(o => o.FindingId).ToArray())
                  select (c, g, pick);
        Properties.Check(Prop.ForAll(Arb.From(gen), t =>
        {
            var (c, g, pick) = t;
            if (g.Options.Any(o => c.Evidence.Any(e => e.FindingId == o.FindingId)))
            {
                return true;
            }

            var presentOnly = c.WithEvidence(new Evidence { FindingId = pick, State = EvidenceState.Present });
            var spelledOut = presentOnly;
            foreach (var sibling in g.Options.Select(o => o.FindingId).Where(f => f != pick))
            {
                spelledOut = spelledOut.WithEvidence(new Evidence { FindingId = sibling, State = EvidenceState.Absent });
            }

            var a = Engine.Score(presentOnly);
            var b = Engine.Score(spelledOut);
            return a.Ranked.All(r =>
            {
                var other = b.Ranked.Single(x => x.ConditionId == r.ConditionId);
                return Math.Abs(other.LogOdds - r.LogOdds) < 1e-9 && Math.Abs(other.Probability - r.Probability) < 1e-12
                    && r.Contributions.Select(x => (x.FindingId, x.State)).SequenceEqual(other.Contributions.Select(x => (x.FindingId, x.State)));
            });
        }), maxTest: 200);
    }

    [Fact]
    public void A_sibling_answered_dont_know_keeps_that_answer_beside_a_present_option()
    {
        var chronic = Model.Pairs.Single(p => p.ConditionId == "degenerative-disc-disease" && p.FindingId == "duration-over-12-weeks");
        var baseCase = Case.Create(new PatientProfile { Age = 40, Sex = Sex.Male }, [
            new Evidence { FindingId = "pain-lower-back", State = EvidenceState.Present },
            new Evidence { FindingId = "duration-under-2-weeks", State = EvidenceState.Present }]);
        var unsure = baseCase.WithEvidence(new Evidence { FindingId = "duration-over-12-weeks", State = EvidenceState.Unknown });
        var implied = Engine.Score(baseCase).Ranked.Single(r => r.ConditionId == "degenerative-disc-disease");
        var kept = Engine.Score(unsure).Ranked.Single(r => r.ConditionId == "degenerative-disc-disease");
        Assert.Contains(implied.Contributions, x => x.FindingId == chronic.FindingId && x.State == EvidenceState.Absent);
        Assert.DoesNotContain(kept.Contributions, x => x.FindingId == chronic.FindingId);
        Assert.Equal(Math.Log(chronic.LrNegative), implied.LogOdds - kept.LogOdds, 9);
    }

    [Fact]
    public void An_acute_answer_with_over_twelve_weeks_answered_no_counts_against_the_chronic_labels_the_present_option_says_nothing_for()
    {
        var acute = Case.Create(new PatientProfile { Age = 40, Sex = Sex.Male }, [
            new Evidence { FindingId = "pain-lower-back", State = EvidenceState.Present },
            new Evidence { FindingId = "duration-under-6-weeks", State = EvidenceState.Present }]);
        var answered = acute.WithEvidence(new Evidence { FindingId = "duration-over-12-weeks", State = EvidenceState.Absent });
        var chronicPair = Model.Pairs.Single(p => p.ConditionId == "degenerative-disc-disease" && p.FindingId == "duration-over-12-weeks");
        Assert.True(chronicPair.LrNegative < 1);
        Assert.DoesNotContain(Model.Pairs, p => p.ConditionId == "degenerative-disc-disease" && p.FindingId == "duration-under-6-weeks");
        var before = Engine.Score(acute).Ranked.Single(r => r.ConditionId == "degenerative-disc-disease");
        var after = Engine.Score(answered).Ranked.Single(r => r.ConditionId == "degenerative-disc-disease");
        Assert.Equal(Math.Log(chronicPair.LrNegative), after.LogOdds - before.LogOdds, 9);
        Assert.Contains(after.Contributions, x => x.FindingId == "duration-over-12-weeks" && x.State == EvidenceState.Absent);
    }

    [Fact]
    public void Two_present_answers_of_one_variable_count_once_per_condition()
    {
        var fine = Case.For(35, Sex.Male).Present("pain-lower-back", "duration-under-2-weeks").Build();
        var both = fine.WithEvidence(new Evidence { FindingId = "duration-under-6-weeks", State = EvidenceState.Present });
        var a = Engine.Score(fine);
        var b = Engine.Score(both);
        Assert.All(a.Ranked, r => Assert.Equal(r.Probability, b.ProbabilityOf(r.ConditionId), 12));
        Assert.DoesNotContain(Engine.Explain(both, "nonspecific-low-back-pain").Supporting.Concat(Engine.Explain(both, "nonspecific-low-back-pain").Conflicting), e => e.FindingId == "duration-under-6-weeks");
    }

    [Theory]
    [InlineData("fever-or-chills", "fever-measured", "septic-arthritis-hip")]
    [InlineData("bladder-dysfunction", "post-void-residual-over-200", "cauda-equina-syndrome")]
    public void A_sign_answered_no_both_ways_counts_once(string reported, string examined, string conditionId)
    {
        // "No fever" reported and a normal temperature measured are one negative observation of one sign: the stronger
        // answer (smaller LR-) counts, in either order; the weaker adds nothing beside it, though alone it counts.
        var basis = Case.For(45, Sex.Male).Present("pain-lower-back").Build();
        var reportedNo = basis.WithEvidence(new Evidence { FindingId = reported, State = EvidenceState.Absent });
        var examinedNo = basis.WithEvidence(new Evidence { FindingId = examined, State = EvidenceState.Absent });
        var bothNo = reportedNo.WithEvidence(new Evidence { FindingId = examined, State = EvidenceState.Absent });
        var examinedPair = Model.Pairs.Single(p => p.ConditionId == conditionId && p.FindingId == examined);
        var reportedPair = Model.Pairs.Single(p => p.ConditionId == conditionId && p.FindingId == reported);
        Assert.True(examinedPair.LrNegative < 1 && reportedPair.LrNegative < 1, "both answers must count when alone");
        Assert.NotEqual(examinedPair.LrNegative, reportedPair.LrNegative, 6);
        var (stronger, weaker) = examinedPair.LrNegative < reportedPair.LrNegative ? (examinedPair, reportedPair) : (reportedPair, examinedPair);
        var b = Engine.Score(basis).Ranked.Single(r => r.ConditionId == conditionId).LogOdds;
        Assert.Equal(Math.Log(examinedPair.LrNegative), Engine.Score(examinedNo).Ranked.Single(r => r.ConditionId == conditionId).LogOdds - b, 9);
        Assert.Equal(Math.Log(reportedPair.LrNegative), Engine.Score(reportedNo).Ranked.Single(r => r.ConditionId == conditionId).LogOdds - b, 9);
        var rb = Engine.Score(bothNo);
        Assert.Equal(Math.Log(stronger.LrNegative), rb.Ranked.Single(x => x.ConditionId == conditionId).LogOdds - b, 9);
        Assert.DoesNotContain(rb.Ranked.Single(x => x.ConditionId == conditionId).Contributions, x => x.FindingId == weaker.FindingId);

        // A one-of question's options answered no are different facts: each counts.
        var options = Case.For(45, Sex.Male).Present("pain-lower-back").Absent("duration-over-12-weeks", "duration-under-2-weeks").Build();
        var strain = Engine.Score(options).Ranked.Single(x => x.ConditionId == "nonspecific-low-back-pain");
        Assert.Contains(strain.Contributions, x => x.FindingId == "duration-over-12-weeks" && x.State == EvidenceState.Absent);
    }

    [Theory]
    [InlineData("saddle-numbness", "saddle-anaesthesia", "cauda-equina-syndrome")]
    [InlineData("fever-or-chills", "fever-measured", "septic-arthritis-hip")]
    [InlineData("bladder-dysfunction", "urinary-retention", "cauda-equina-syndrome")]
    [InlineData("bladder-dysfunction", "post-void-residual-over-200", "cauda-equina-syndrome")]
    public void A_sign_answered_both_ways_counts_the_stronger_answer(string reported, string examined, string conditionId)
    {
        // One sign found two ways counts once, as its most telling answer: adding the weaker "yes" beside the stronger
        // never moves the condition down, whichever was given first.
        Assert.Contains(Model.Variables, v => v.FindingIds.Contains(examined) && v.FindingIds.Contains(reported));
        var basis = Case.For(45, Sex.Male).Present("pain-lower-back").Build();
        var reportedPair = Model.Pairs.Single(p => p.ConditionId == conditionId && p.FindingId == reported);
        var examinedPair = Model.Pairs.Single(p => p.ConditionId == conditionId && p.FindingId == examined);
        Assert.True(reportedPair.LrPositive > 1 && examinedPair.LrPositive > 1, "both answers must count when alone");
        Assert.NotEqual(reportedPair.LrPositive, examinedPair.LrPositive, 6);
        var (stronger, weaker) = reportedPair.LrPositive > examinedPair.LrPositive ? (reportedPair, examinedPair) : (examinedPair, reportedPair);
        double LogOdds(Case c) => Engine.Score(c).Ranked.Single(r => r.ConditionId == conditionId).LogOdds;
        var b = LogOdds(basis);
        var strongerOnly = basis.WithEvidence(new Evidence { FindingId = stronger.FindingId, State = EvidenceState.Present });
        var weakerOnly = basis.WithEvidence(new Evidence { FindingId = weaker.FindingId, State = EvidenceState.Present });
        var both = strongerOnly.WithEvidence(new Evidence { FindingId = weaker.FindingId, State = EvidenceState.Present });
        Assert.Equal(Math.Log(stronger.LrPositive), LogOdds(strongerOnly) - b, 9);
        Assert.Equal(Math.Log(weaker.LrPositive), LogOdds(weakerOnly) - b, 9);
        Assert.Equal(Math.Log(stronger.LrPositive), LogOdds(both) - b, 9);
        Assert.True(LogOdds(both) >= LogOdds(weakerOnly) && LogOdds(both) >= LogOdds(strongerOnly));
        var counted = Engine.Score(both).Ranked.Single(r => r.ConditionId == conditionId).Contributions;
        Assert.Contains(counted, x => x.FindingId == stronger.FindingId);
        Assert.DoesNotContain(counted, x => x.FindingId == weaker.FindingId);
    }

    [Fact]
    public void A_variable_of_its_own_needs_an_unused_id_and_two_findings()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var list = node["sameVariable"]!.AsArray();
        list.Add(new JsonObject { ["id"] = "pain-duration", ["findings"] = new JsonArray("night-pain", "pain-at-rest"), ["rationale"] = "x" });
        list.Add(new JsonObject { ["id"] = "lonely", ["findings"] = new JsonArray("night-pain"), ["rationale"] = "x" });
        list.Add(new JsonObject { ["findings"] = new JsonArray("night-pain", "pain-at-rest"), ["rationale"] = "x" });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        var n = list.Count;
        Assert.Contains(ex.Problems, p => p.Path == $"$.sameVariable[{n - 3}].id" && p.Code == "duplicate-id" && p.Id == "pain-duration");
        Assert.Contains(ex.Problems, p => p.Path == $"$.sameVariable[{n - 2}].findings" && p.Code == "invalid-variable" && p.Id == "lonely");
        Assert.Contains(ex.Problems, p => p.Path == $"$.sameVariable[{n - 1}].questionGroup");
    }

    [Fact]
    public void A_determined_cluster_replaces_its_items_for_a_condition_that_has_pairs_for_both()
    {
        // Axial SpA has no item pair of its own; add one to check the engine keeps one or the other.
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        node["pairs"]!.AsArray().Add(new JsonObject
        {
            ["condition"] = "axial-spondyloarthritis", ["finding"] = "onset-gradual", ["lrPositive"] = 2.0, ["lrNegative"] = 0.5,
            ["source"] = "BH-TEAM", ["grade"] = "estimate", ["rationale"] = "test",
        });
        var engine = new DifferentialEngine(KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        var items = new[] { "onset-before-age-40", "onset-gradual", "relieved-exercise", "not-relieved-rest", "night-pain-eases-on-getting-up" };
        var determined = Case.For(30, Sex.Male).Present(items).Build();
        var explained = engine.Explain(determined, "axial-spondyloarthritis");
        Assert.Contains(explained.Supporting, e => e.FindingId == "asas-ibp-criteria");
        Assert.DoesNotContain(explained.Supporting, e => e.FindingId == "onset-gradual");

        var undetermined = Case.For(30, Sex.Male).Present("onset-gradual").Build();
        Assert.Contains(engine.Explain(undetermined, "axial-spondyloarthritis").Supporting, e => e.FindingId == "onset-gradual");
    }
    [Fact]
    public void A_cluster_item_question_carries_the_cluster_for_the_conditions_the_cluster_has_a_pair_for()
    {
        var kb = KnowledgeBase.Default;
        var cook = kb.GetFinding("cook-stenosis-cluster");
        Assert.NotNull(cook.Composite);
        Assert.Contains("worse-walking", cook.Composite!.Of);
        Assert.DoesNotContain(kb.Likelihoods.Pairs, p => p.ConditionId == "lumbar-spinal-stenosis" && p.FindingId == "worse-walking");
        var selector = new QuestionSelector(kb);
        var c = Case.For(67, Sex.Male).Initial("pain-lower-back", "pain-thigh").Present("duration-over-12-weeks").Build();
        var differential = new DifferentialEngine(kb).Score(c);
        // The item has no pair of its own for stenosis, yet asking it is how the cluster (LR+ 4.6) gets answered.
        Assert.Contains("lumbar-spinal-stenosis", selector.SeparatesOf("worse-walking", differential));
        Assert.True(selector.GainOnly("worse-walking", differential) > 0);
    }
}
