using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Labels of exclusion (issue 14): nonspecific low back pain and lumbar strain are what is left once the specific
/// conditions are taken out, so for a finding with a background rate that specific conditions explain they take the part
/// of the background those conditions leave (the law of total probability), not the whole background. The derived
/// pairs restore the background as the prior-weighted mixture, count only when the finding is present, never replace a
/// written pair, are not counted as numbers, and respect the variables that count one fact once.
/// </summary>
public sealed class ResidualLabelTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly string[] Labels = ["nonspecific-low-back-pain", "lumbar-muscle-strain"];

    private static KnowledgeFiles EditLikelihoods(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        edit(node);
        return KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString());
    }

    // Prior shares as the derivation weighs them: every scored condition but those limited to pregnancy.
    private static Dictionary<string, double> Shares(KnowledgeBase kb)
    {
        var weights = kb.Likelihoods.Priors.Where(p => !kb.GetCondition(p.ConditionId).Applicability.RequiresPregnancy)
            .ToDictionary(p => p.ConditionId, p => p.Prevalence, StringComparer.Ordinal);
        var total = weights.Values.Sum();
        return weights.ToDictionary(w => w.Key, w => w.Value / total, StringComparer.Ordinal);
    }

    // P(finding | condition) of a pair read before any pair was carried to a narrower finding.
    private static double ShareOf(LikelihoodPair p, double b) =>
        p.Sensitivity ?? (p.LrPositive != 1 ? Math.Min(1, p.LrPositive * b) : 1 - (p.LrNegative * (1 - b)));

    // The prior-weighted mixture of P(finding | condition) over every condition, a condition without a pair at b.
    private static double Mixture(KnowledgeBase kb, string finding)
    {
        var b = kb.Likelihoods.BackgroundRates.Single(r => r.FindingId == finding).Rate;
        var pairs = kb.Likelihoods.Pairs.Where(p => p.FindingId == finding && !p.FromPainMap && p.ImpliedFrom is null)
            .ToDictionary(p => p.ConditionId, StringComparer.Ordinal);
        return Shares(kb).Sum(s => s.Value * (pairs.TryGetValue(s.Key, out var p) ? ShareOf(p, b) : b));
    }

    [Fact]
    public void The_file_names_the_two_back_labels_as_labels_of_exclusion_with_a_guideline_source()
    {
        var residual = Assert.IsType<ResidualLabels>(Kb.Likelihoods.Residual);
        Assert.Equal(Labels, residual.ConditionIds);
        Assert.Equal(EvidenceGrade.Guideline, residual.Grade);
        Assert.True(Kb.Sources.ContainsKey(residual.SourceKey), residual.SourceKey);
        Assert.Contains("exclusion", residual.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_derived_pair_makes_the_prior_weighted_mixture_equal_the_background_again()
    {
        var derived = Kb.Likelihoods.Pairs.Where(p => p.Residual && p.ImpliedFrom is null).Select(p => p.FindingId).Distinct().ToList();
        Assert.Contains("fever-or-chills", derived);
        Assert.Contains("groin-lump", derived);
        Assert.All(derived, f =>
        {
            var b = Kb.Likelihoods.BackgroundRates.Single(r => r.FindingId == f).Rate;
            Assert.Equal(b, Mixture(Kb, f), 9);
        });
        foreach (var p in Kb.Likelihoods.Pairs.Where(p => p.Residual && p.ImpliedFrom is null && p.ConditionId == Labels[0]).OrderBy(p => p.LrPositive))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"  residual {p.FindingId,-36} background {p.BackgroundRate,7:0.0000}  derived {p.Sensitivity,7:0.0000}  LR+ {p.LrPositive:0.000}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"  inconsistent: {string.Join(", ", Kb.Likelihoods.Residual!.Inconsistent)}");
    }

    [Fact]
    public void Derived_pairs_are_estimates_that_count_a_yes_only_and_say_how_they_were_made()
    {
        var derived = Kb.Likelihoods.Pairs.Where(p => p.Residual).ToList();
        Assert.NotEmpty(derived);
        Assert.All(derived, p =>
        {
            Assert.Contains(p.ConditionId, Labels);
            Assert.Equal(EvidenceGrade.Estimate, p.Grade);
            Assert.Equal(1.0, p.LrNegative);
            Assert.True(Kb.Sources.ContainsKey(p.SourceKey), p.SourceKey);
            Assert.StartsWith(p.ImpliedFrom is null ? "Derived, not measured" : "Carried from", p.Rationale, StringComparison.Ordinal);
            Assert.InRange(p.LrPositive * Kb.Likelihoods.BackgroundRateOf(p.ImpliedFrom ?? p.FindingId), 0, 1);
        });
    }

    [Theory]
    [InlineData("fever-or-chills")]
    [InlineData("groin-lump")]
    [InlineData("fall-or-trauma")]
    public void A_finding_the_specific_conditions_explain_counts_against_the_labels_of_exclusion(string finding)
    {
        foreach (var label in Labels)
        {
            var pair = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == label && p.FindingId == finding);
            Assert.True(pair.Residual);
            Assert.True(pair.LrPositive < 0.75, $"{label}/{finding}: {pair.LrPositive}");
        }
    }

    [Fact]
    public void A_written_pair_of_a_label_is_never_replaced()
    {
        var over = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == Labels[0] && p.FindingId == "duration-over-12-weeks");
        Assert.False(over.Residual);
        Assert.Equal("Foster-2014-IMPaCTBack", over.SourceKey);
    }

    [Fact]
    public void Derived_pairs_add_pairs_not_numbers_and_the_file_without_the_entry_scores_the_labels_neutral()
    {
        var bare = KnowledgeBase.Load(EditLikelihoods(n => n.AsObject().Remove("residual")));
        Assert.Null(bare.Likelihoods.Residual);
        Assert.DoesNotContain(bare.Likelihoods.Pairs, p => p.Residual);
        Assert.Equal(bare.Likelihoods.CountGrades(), Kb.Likelihoods.CountGrades());
        Assert.Equal(bare.Likelihoods.Pairs.Count(p => p.ConditionId is not ("nonspecific-low-back-pain" or "lumbar-muscle-strain")),
            Kb.Likelihoods.Pairs.Count(p => p.ConditionId is not ("nonspecific-low-back-pain" or "lumbar-muscle-strain")));

        // With fever, the labels of exclusion lose ground to the spinal infections they previously matched at the background.
        var fever = Case.For(45, Sex.Male).Initial("pain-lower-back").Present("fever-or-chills").Build();
        double Share(KnowledgeBase kb, string id) => new DifferentialEngine(kb).Score(fever).Ranked.Single(r => r.ConditionId == id).Probability;
        Assert.True(Share(Kb, Labels[0]) < Share(bare, Labels[0]));
        Assert.True(Share(Kb, "vertebral-osteomyelitis-discitis") > Share(bare, "vertebral-osteomyelitis-discitis"));
    }

    [Fact]
    public void Any_sensitivity_a_specific_condition_is_given_is_balanced_by_the_labels_of_exclusion()
    {
        // Femoral hernia's groin-lump share, set anywhere in its valid range (at least its share of irreducible lumps,
        // 0.359, a narrower finding), moves the labels' derived share so that the
        // mixture still equals the background; a share that puts more presenters with a lump than the background allows
        // derives nothing and is listed as inconsistent.
        var b = Kb.Likelihoods.BackgroundRates.Single(r => r.FindingId == "groin-lump").Rate;
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(36, 99)), percent =>
        {
            var kb = KnowledgeBase.Load(EditLikelihoods(n =>
            {
                var pair = n["pairs"]!.AsArray().Single(p => (string?)p!["condition"] == "femoral-hernia" && (string?)p["finding"] == "groin-lump")!.AsObject();
                foreach (var key in new[] { "sensitivity", "specificity", "lrPositive", "lrNegative", "band" })
                {
                    pair.Remove(key);
                }

                pair["sensitivity"] = percent / 100.0;
            }));
            var labels = kb.Likelihoods.Pairs.Where(p => p.FindingId == "groin-lump" && p.Residual).ToList();
            return kb.Likelihoods.Residual!.Inconsistent.Contains("groin-lump")
                ? labels.Count == 0
                : labels.Count == 2 && Math.Abs(Mixture(kb, "groin-lump") - b) < 1e-9;
        }), maxTest: 12);
    }

    [Fact]
    public void Contradicting_numbers_derive_nothing_and_are_listed()
    {
        // The irreducible painful lump's background (0.15%) is below what the two hernias' shares put on it: the sourced
        // numbers contradict each other there (Research/residual.md), so the labels stay neutral to it.
        Assert.Contains("groin-lump-painful-irreducible", Kb.Likelihoods.Residual!.Inconsistent);
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.Residual && p.FindingId == "groin-lump-painful-irreducible" && p.ImpliedFrom is null);
    }

    [Fact]
    public void In_a_variable_of_restated_answers_the_labels_take_the_implied_finding_once()
    {
        // Fever reported, measured or as rigors all imply fever or chills: the labels are derived there and carry it, so
        // a second fever answer changes nothing for them (a pair on each would keep the weakest one).
        var broad = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == Labels[0] && p.FindingId == "fever-or-chills");
        foreach (var narrow in new[] { "fever", "fever-measured", "rigors" })
        {
            var carried = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == Labels[0] && p.FindingId == narrow);
            Assert.Equal("fever-or-chills", carried.ImpliedFrom);
            Assert.Equal(broad.LrPositive, carried.LrPositive);
        }

        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 90)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Female).Initial("pain-lower-back");
            var one = Profiles.Ranked(Labels[0], Base().Present("fever"));
            var two = Profiles.Ranked(Labels[0], Base().Present("fever").Present("fever-measured").Present("rigors"));
            return Math.Abs(one.LogOdds - two.LogOdds) < 1e-12;
        }), maxTest: 10);
    }

    [Theory]
    [InlineData("unknown-condition", "dangling-reference")]
    [InlineData("spinal-infection", "grouping-scored")]
    [InlineData("nonspecific-low-back-pain", "duplicate-id")]
    public void A_bad_residual_entry_is_reported_with_its_path(string condition, string code)
    {
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(EditLikelihoods(n => n["residual"]!["conditions"]!.AsArray().Add(condition))));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(KnowledgeFiles.Likelihoods, problem.File);
        Assert.Equal("$.residual.conditions[2]", problem.Path);
    }

    [Fact]
    public void A_residual_entry_naming_only_conditions_limited_to_pregnancy_is_refused()
    {
        // Their in-pregnancy prevalence is left out of the mixture (as for the site backgrounds), so they hold no share
        // of presenters to spread a remainder over.
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(EditLikelihoods(n =>
            n["residual"]!["conditions"] = new JsonArray("pregnancy-pelvic-girdle-pain"))));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("invalid-numbers", problem.Code);
        Assert.Equal("$.residual.conditions", problem.Path);
    }

    [Fact]
    public void A_residual_entry_without_conditions_or_rationale_names_each_problem()
    {
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(EditLikelihoods(n =>
        {
            n["residual"]!["conditions"] = new JsonArray();
            n["residual"]!["grade"] = "estimate";
            n["residual"]!.AsObject().Remove("rationale");
        })));
        Assert.Contains(ex.Problems, p => p.Code == "missing-field" && p.Path == "$.residual.conditions");
        Assert.Contains(ex.Problems, p => p.Path?.StartsWith("$.residual", StringComparison.Ordinal) == true && p.Message.Contains("rationale", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The sudden-start item and the onset options are one variable: a yes to both counts the start once.</summary>
public static class OnsetVariableTests
{
    /// <summary>Property over adults of either sex: with <paramref name="option"/> answered yes, adding a yes to the
    /// sudden-start item leaves every condition's score unchanged.</summary>
    public static void A_yes_to_sudden_onset_beside_an_onset_option_changes_nothing(string option)
    {
        var engine = new DifferentialEngine(KnowledgeBase.Default);
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(12, 90)), Arb.From(Gen.Elements(Sex.Female, Sex.Male)), (age, sex) =>
        {
            CaseBuilder Base() => Case.For(age, sex).Initial("pain-lower-back").Present(option);
            var alone = engine.Score(Base().Build()).Ranked.ToDictionary(r => r.ConditionId, r => r.LogOdds, StringComparer.Ordinal);
            var both = engine.Score(Base().Present("onset-sudden").Build()).Ranked;
            return both.All(r => Math.Abs(r.LogOdds - alone[r.ConditionId]) < 1e-12);
        }), maxTest: 10);
    }
}
