using System.Text.Json.Nodes;
using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Nested findings (issue 14 point 6, one fact counts once): a yes to kicking sports is a yes to playing sport, so for a
/// condition with pairs on both (osteitis pubis) the narrower yes replaces the broader pair, and a no to playing sport
/// replaces the narrower "no" it implies. Every other combination counts both pairs, as before.
/// </summary>
public sealed class NestedFindingsTests
{
    private const string Pubis = "osteitis-pubis";
    private const string Sport = "sports-participation";
    private const string Kicking = "kicking-sports";
    private const string Running = "endurance-running";

    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static double Ln(string finding, bool present)
    {
        var pair = Pair(Pubis, finding);
        return Math.Log(present ? pair.LrPositive : pair.LrNegative);
    }

    private static Gen<(int Age, Sex Sex)> People =>
        from age in Gen.Choose(16, 60)
        from sex in Gen.Elements(Sex.Female, Sex.Male)
        select (age, sex);

    [Fact]
    public void The_sport_entry_names_playing_sport_as_broader_than_each_specific_sport()
    {
        var entry = Assert.Single(Kb.Likelihoods.Nested, n => n.BroadId == Sport);
        Assert.Contains(Kicking, entry.NarrowerIds);
        Assert.Contains(Running, entry.NarrowerIds);
        Assert.False(string.IsNullOrWhiteSpace(entry.Rationale));
        // Osteitis pubis has pairs on both sides: the double count the entry removes.
        Assert.True(Pair(Pubis, Sport).LrPositive > 1);
        Assert.True(Pair(Pubis, Kicking).LrPositive > 1);
    }

    [Fact]
    public void A_yes_to_a_specific_sport_counts_once_however_the_broader_question_is_answered() =>
        Properties.Check(Prop.ForAll(Arb.From(People), person =>
        {
            CaseBuilder Base() => Case.For(person.Age, person.Sex).Initial("pain-groin");
            var kickingOnly = Ranked(Pubis, Base().Present(Kicking));
            var both = Ranked(Pubis, Base().Present(Kicking).Present(Sport));
            var withoutBroad = !both.Contributions.Any(c => c.FindingId == Sport);
            return Math.Abs(both.LogOdds - kickingOnly.LogOdds) < 1e-9 && withoutBroad;
        }), maxTest: 20);

    [Fact]
    public void A_no_to_playing_sport_counts_once_for_the_specific_sports_it_implies() =>
        Properties.Check(Prop.ForAll(Arb.From(People), person =>
        {
            CaseBuilder Base() => Case.For(person.Age, person.Sex).Initial("pain-groin");
            var broadNo = Ranked(Pubis, Base().Absent(Sport));
            var allNo = Ranked(Pubis, Base().Absent(Sport).Absent(Kicking).Absent(Running));
            return Math.Abs(allNo.LogOdds - broadNo.LogOdds) < 1e-9;
        }), maxTest: 20);

    [Fact]
    public void Sport_but_not_the_specific_sports_still_counts_every_answer()
    {
        // The informative mixed answer (trains, but neither kicks nor runs) counts the broad yes and both narrower noes:
        // the narrower pairs' plain LR- is nearer 1 than the conditional ratio it stands for, so this never overstates.
        var unknown = Ranked(Pubis, Case.For(25, Sex.Male).Initial("pain-groin"));
        var mixed = Ranked(Pubis, Case.For(25, Sex.Male).Initial("pain-groin").Present(Sport).Absent(Kicking).Absent(Running));
        var expected = Ln(Sport, true) + Ln(Kicking, false) + Ln(Running, false);
        Assert.Equal(expected, mixed.LogOdds - unknown.LogOdds, 9);
        Assert.True(mixed.LogOdds < unknown.LogOdds);
    }

    [Fact]
    public void A_condition_with_a_pair_on_the_specific_sport_alone_is_untouched()
    {
        // Adductor strain has a kicking pair and no sport pair: a no to playing sport leaves its kicking "no" counted.
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == "adductor-strain" && p.FindingId == Sport);
        var broadNo = Ranked("adductor-strain", Case.For(25, Sex.Male).Initial("pain-groin").Absent(Sport));
        var bothNo = Ranked("adductor-strain", Case.For(25, Sex.Male).Initial("pain-groin").Absent(Sport).Absent(Kicking));
        Assert.Equal(Math.Log(Pair("adductor-strain", Kicking).LrNegative), bothNo.LogOdds - broadNo.LogOdds, 9);
    }

    [Theory]
    // broader, narrower, a condition with pairs on both, the site the case starts from
    [InlineData("groin-lump", "groin-lump-painful-irreducible", "femoral-hernia", "pain-groin")]
    [InlineData("groin-lump", "groin-lump-painful-irreducible", "inguinal-hernia", "pain-groin")]
    [InlineData("fall-or-trauma", "major-trauma", "traumatic-spinal-fracture", "pain-lower-back")]
    [InlineData("pain-hip", "pain-lateral-hip", "fibromyalgia", "pain-lower-back")]
    [InlineData("pain-hip", "pain-lateral-hip", "greater-trochanteric-pain-syndrome", "pain-thigh")]
    public void Each_nested_pair_counts_a_narrower_yes_once(string broad, string narrower, string condition, string site)
    {
        Assert.Contains(Kb.Likelihoods.Nested, n => n.BroadId == broad && n.NarrowerIds.Contains(narrower));
        Assert.Contains(Kb.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == broad);
        Assert.Contains(Kb.Likelihoods.Pairs, p => p.ConditionId == condition && p.FindingId == narrower);
        Properties.Check(Prop.ForAll(Arb.From(People), person =>
        {
            CaseBuilder Base() => Case.For(person.Age, person.Sex).Initial(site);
            var narrowOnly = Ranked(condition, Base().Present(narrower));
            var both = Ranked(condition, Base().Present(narrower).Present(broad));
            return Math.Abs(both.LogOdds - narrowOnly.LogOdds) < 1e-9 && both.LogOdds > Ranked(condition, Base()).LogOdds;
        }), maxTest: 15);
    }

    [Fact]
    public void A_broader_finding_is_never_rarer_than_a_narrower_one_in_the_same_condition()
    {
        // A yes to the narrower question is a yes to the broader one, so P(broad | condition) >= P(narrower | condition)
        // wherever a condition states both as shares (written sensitivities, band midpoints or pain-map frequencies).
        var checkedPairs = 0;
        foreach (var n in Kb.Likelihoods.Nested)
        {
            foreach (var narrow in n.NarrowerIds)
            {
                foreach (var p in Kb.Likelihoods.Pairs.Where(p => p.FindingId == narrow && p.ImpliedFrom is null && p.Specificity is null && p.Sensitivity is not null))
                {
                    var broad = Kb.Likelihoods.Pairs.SingleOrDefault(b => b.ConditionId == p.ConditionId && b.FindingId == n.BroadId && b.ImpliedFrom is null && b.Specificity is null && b.Sensitivity is not null);
                    if (broad is null)
                    {
                        continue;
                    }

                    checkedPairs++;
                    Assert.True(broad.Sensitivity >= p.Sensitivity - 1e-12, $"{p.ConditionId}: P({n.BroadId}) {broad.Sensitivity} < P({narrow}) {p.Sensitivity}");
                }
            }
        }

        Assert.True(checkedPairs >= 5, $"only {checkedPairs} condition(s) state both shares");
    }

    [Fact]
    public void A_narrower_share_above_the_broader_one_is_refused_with_its_path()
    {
        // Osteitis pubis: playing sport 0.81, kicking sports 0.66. Kicking at 0.9 would be more often than playing sport.
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        var pairs = node["pairs"]!.AsArray();
        var index = pairs.Select((p, i) => (p, i)).Single(x => (string?)x.p!["condition"] == "osteitis-pubis" && (string?)x.p!["finding"] == Kicking).i;
        pairs[index]!["sensitivity"] = 0.9;
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(("impossible-numbers", KnowledgeFiles.Likelihoods, $"$.pairs[{index}]", $"osteitis-pubis/{Kicking}"), (problem.Code, problem.File, problem.Path, problem.Id));
        Assert.Contains(Sport, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-finding", Kicking, "dangling-reference", ".broad")]
    [InlineData(Sport, "not-a-finding", "dangling-reference", ".narrower[0]")]
    [InlineData(Sport, Sport, "invalid-nesting", ".narrower[0]")]
    [InlineData(Sport, "fever", "invalid-nesting", ".narrower[0]")]
    public void A_bad_nested_entry_is_refused_with_its_path(string broad, string narrower, string code, string pathEnd)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        node["nested"] = new JsonArray(new JsonObject { ["broad"] = broad, ["narrower"] = new JsonArray(narrower), ["rationale"] = "test" });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        var problem = Assert.Single(ex.Problems, p => p.Code == code);
        Assert.Equal(KnowledgeFiles.Likelihoods, problem.File);
        Assert.Equal("$.nested[0]" + pathEnd, problem.Path);
    }

    [Fact]
    public void A_nested_entry_without_a_rationale_or_narrower_findings_is_refused()
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
        node["nested"] = new JsonArray(new JsonObject { ["broad"] = Sport, ["narrower"] = new JsonArray() });
        var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString())));
        Assert.Contains(ex.Problems, p => p.Code == "missing-field" && p.Path == "$.nested[0].rationale");
        Assert.Contains(ex.Problems, p => p.Code == "missing-field" && p.Path == "$.nested[0].narrower");
    }
}
