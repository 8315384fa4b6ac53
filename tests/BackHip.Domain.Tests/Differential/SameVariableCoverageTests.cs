using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Findings scored as one variable (the file's <c>sameVariable</c> groups) measure the same thing at different levels of
/// detail, so a case that records only one of them must move a condition the way the answer it implies does: a reported
/// or measured fever is a yes to "fever or chills", and examined perianal sensory loss is the sensory loss the saddle
/// questions ask about. Before, a host that recorded <c>fever</c> alone left every infection neutral. The narrower pairs
/// are derived when the file is read, from each variable's <c>implies</c> map, not written a second time.
/// </summary>
public sealed class SameVariableCoverageTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static IEnumerable<string> FeverConditions() =>
        Kb.Likelihoods.Pairs.Where(p => p.FindingId == "fever-or-chills" && !p.FromPainMap && p.LrPositive > 1).Select(p => p.ConditionId).Distinct(StringComparer.Ordinal);

    private static double Probability(string condition, int age, Sex sex, params string[] present) =>
        Profiles.Probability(condition, Case.For(age, sex).Present(["pain-lower-back", .. present]));

    // The condition's probability for a person it applies to (age, sex and pregnancy from its applicability).
    private static double Admissible(string condition, params string[] present)
    {
        var applies = Kb.GetCondition(condition).Applicability;
        var age = Math.Clamp(35, applies.AgeMin ?? 0, (applies.AgeMax ?? 120) - 1);
        var builder = Case.For(age, applies.Sex ?? Sex.Male).Present(["pain-lower-back", .. present]);
        if (applies.RequiresPregnancy)
        {
            builder = builder.Pregnant();
        }

        return Profiles.Probability(condition, builder);
    }

    [Fact]
    public void Every_condition_that_fever_or_chills_raises_is_raised_by_a_reported_fever_alone_by_the_same_ratio()
    {
        var conditions = FeverConditions().ToList();
        Assert.True(conditions.Count >= 10, $"only {conditions.Count} conditions with a fever-or-chills pair");
        foreach (var condition in conditions)
        {
            var broad = Profiles.WrittenPair(condition, "fever-or-chills");
            var fever = Profiles.WrittenPair(condition, "fever");
            Assert.Equal(broad.LrPositive, fever.LrPositive, 2);
            Assert.Equal(1.0, fever.LrNegative);
            Assert.Equal(broad.SourceKey, fever.SourceKey);
            Assert.Equal(EvidenceGrade.Estimate, fever.Grade);
        }
    }

    [Fact]
    public void A_measured_fever_raises_every_condition_that_fever_or_chills_raises() =>
        Assert.All(FeverConditions(), condition =>
        {
            var measured = Profiles.WrittenPair(condition, "fever-measured");
            Assert.True(measured.LrPositive > 1, condition);
        });

    [Fact]
    public void Reported_fever_alone_moves_each_infection_as_fever_or_chills_does_at_every_adult_age() =>
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(18, 85)), Arb.From(Gen.Elements(FeverConditions().ToArray())), Arb.From(Gen.Elements(Sex.Female, Sex.Male)), (age, condition, sex) =>
        {
            if (!Kb.GetCondition(condition).Applicability.Admits(new PatientProfile { Age = age, Sex = sex, IsPregnant = false }))
            {
                return true;
            }

            var none = Probability(condition, age, sex);
            var fever = Probability(condition, age, sex, "fever");
            var broad = Probability(condition, age, sex, "fever-or-chills");
            var both = Probability(condition, age, sex, "fever", "fever-or-chills");
            // The copied ratio is rounded to two decimals, so the two answers agree to about one part in a thousand.
            return fever > none && Math.Abs(fever - broad) <= 1e-3 * broad && Math.Abs(both - broad) <= 1e-3 * broad;
        }), maxTest: 40);

    [Fact]
    public void Examined_perianal_sensory_loss_counts_for_cauda_equina_as_saddle_anaesthesia_does_and_only_once()
    {
        Profiles.SourcedPair("cauda-equina-syndrome", "perianal-sensation-reduced", "Shaw-2020-EurSpineJ", (10.9, 11.1), (1, 1));
        var none = Probability("cauda-equina-syndrome", 45, Sex.Male);
        var examined = Probability("cauda-equina-syndrome", 45, Sex.Male, "perianal-sensation-reduced");
        var both = Probability("cauda-equina-syndrome", 45, Sex.Male, "perianal-sensation-reduced", "saddle-anaesthesia");
        Assert.True(examined > none * 5);
        Assert.Equal(examined, both, 9);
    }

    [Theory]
    [InlineData("esr-raised", "esr-over-40")]
    [InlineData("focal-neurological-deficit", "motor-weakness-on-examination")]
    [InlineData("focal-neurological-deficit", "knee-reflex-reduced")]
    [InlineData("focal-neurological-deficit", "ankle-reflex-reduced")]
    [InlineData("fever-or-chills", "rigors")]
    [InlineData("fainting-collapse", "syncope")]
    [InlineData("nausea-vomiting", "nausea")]
    [InlineData("nausea-vomiting", "vomiting")]
    [InlineData("bowel-dysfunction", "faecal-incontinence")]
    [InlineData("bladder-dysfunction", "urinary-incontinence")]
    [InlineData("leg-weakness", "leg-weakness-one-leg")]
    [InlineData("leg-weakness", "leg-weakness-both-legs")]
    [InlineData("leg-weakness", "leg-weakness-progressive")]
    [InlineData("leg-numbness", "leg-numbness-one-leg")]
    [InlineData("leg-numbness", "leg-numbness-both-legs")]
    public void A_narrower_finding_carries_the_ratio_of_the_finding_it_implies_and_shares_its_variable(string broad, string narrow)
    {
        Assert.Contains(Kb.Likelihoods.Variables, v => v.FindingIds.Contains(broad) && v.FindingIds.Contains(narrow));
        var raised = Kb.Likelihoods.Pairs.Where(p => p.FindingId == broad && !p.FromPainMap && p.LrPositive > 1.1).ToList();
        Assert.NotEmpty(raised);
        foreach (var pair in raised)
        {
            var copy = Profiles.WrittenPair(pair.ConditionId, narrow);
            if (copy.ImpliedFrom is null)
            {
                // A pair written for the narrower finding wins over the carried copy and keeps its own LR-; both answers
                // still count once, the stronger (within the two-decimal rounding of the other conditions' copies).
                var alone = Admissible(pair.ConditionId, narrow);
                var together = Admissible(pair.ConditionId, narrow, broad);
                Assert.True(alone > Admissible(pair.ConditionId), $"{pair.ConditionId}/{narrow}");
                Assert.True(Math.Abs(together - Math.Max(alone, Admissible(pair.ConditionId, broad))) <= 1e-2 * together, $"{pair.ConditionId}: {alone} alone, {together} with {broad}");
                continue;
            }

            Assert.Equal(pair.LrPositive, copy.LrPositive, 2);
            Assert.Equal(1.0, copy.LrNegative);
            Assert.Equal(pair.SourceKey, copy.SourceKey);

            var one = Admissible(pair.ConditionId, narrow);
            var both = Admissible(pair.ConditionId, narrow, broad);
            Assert.True(one > Admissible(pair.ConditionId), $"{pair.ConditionId}/{narrow}");
            // Both answers count once: the stronger, which differs from the narrower only by the copy's two-decimal rounding.
            Assert.True(Math.Abs(both - one) <= 1e-2 * both, $"{pair.ConditionId}: {one} alone, {both} with {broad}");
        }
    }

    [Fact]
    public void Carried_pairs_are_derived_marked_and_not_counted_as_numbers_and_a_written_pair_wins()
    {
        var carried = Kb.Likelihoods.Pairs.Where(p => p.ImpliedFrom is not null).ToList();
        Assert.NotEmpty(carried);
        Assert.All(carried, p =>
        {
            var broad = Assert.Single(Kb.Likelihoods.Pairs, q => q.ConditionId == p.ConditionId && q.FindingId == p.ImpliedFrom && !q.FromPainMap);
            Assert.Equal(broad.LrPositive, p.LrPositive);
            Assert.Equal(1.0, p.LrNegative);
            Assert.Contains(Kb.Likelihoods.Variables, v => v.FindingIds.Contains(p.FindingId) && v.FindingIds.Contains(p.ImpliedFrom!));
        });

        // Epidural abscess has a measured-fever pair of its own (a study figure), which the fever-or-chills pair does not replace.
        var measured = Assert.Single(Kb.Likelihoods.Pairs, p => p.ConditionId == "spinal-epidural-abscess" && p.FindingId == "fever-measured");
        Assert.Null(measured.ImpliedFrom);

        // Without the implies maps the file holds the same numbers: the carried pairs add pairs, not numbers.
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        foreach (var v in node["sameVariable"]!.AsArray())
        {
            v!.AsObject().Remove("implies");
        }

        var bare = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())).Likelihoods;
        Assert.Equal(bare.CountGrades(), Kb.Likelihoods.CountGrades());
        // (Pairs derived for the labels of exclusion are left aside: which findings of a variable they are derived on
        // depends on the implies maps, see ResidualLabelTests.)
        Assert.Equal(bare.Pairs.Count(p => !p.Residual) + carried.Count(p => !p.Residual), Kb.Likelihoods.Pairs.Count(p => !p.Residual));
        Assert.DoesNotContain(bare.Pairs, p => p.ImpliedFrom is not null);
    }

    [Theory]
    [InlineData("fever", "pain-lower-back")]
    [InlineData("fever", "fever")]
    public void An_implies_entry_outside_its_variable_is_refused_with_its_path(string narrow, string broad)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var fever = node["sameVariable"]!.AsArray().Single(v => (string?)v!["id"] == "fever")!;
        fever["implies"] = new JsonObject { [narrow] = broad };
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        var problem = Assert.Single(ex.Problems, p => p.Code == "invalid-variable");
        Assert.Equal(KnowledgeFiles.Likelihoods, problem.File);
        Assert.EndsWith($"implies.{narrow}", problem.Path, StringComparison.Ordinal);
    }
}
