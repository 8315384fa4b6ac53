using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// What the rules read: the facts of a case derive each cluster (composite finding) from its items and the person's age
/// exactly as <see cref="CompositeRule"/> says — present when at least the threshold of items hold, absent when too few
/// can still hold, unknown otherwise — on the path the red-flag evaluator uses.
/// </summary>
public sealed class CaseFactsClusterTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static readonly Finding[] Clusters = [.. Kb.Findings.Where(f => f.IsComposite)];

    // The rule restated: an item answered present counts, one answered absent cannot count, anything else may still.
    private static EvidenceState Expected(CompositeRule rule, int age, IReadOnlyDictionary<string, EvidenceState?> items)
    {
        var present = rule.Of.Count(i => items[i] == EvidenceState.Present) + (rule.AgeAbove is int above && age > above ? 1 : 0);
        var possible = present + rule.Of.Count(i => items[i] is null or EvidenceState.Unknown);
        return present >= rule.AtLeast ? EvidenceState.Present : possible < rule.AtLeast ? EvidenceState.Absent : EvidenceState.Unknown;
    }

    [Fact]
    public void Each_cluster_is_derived_from_its_items_and_age_as_its_rule_says()
    {
        Assert.NotEmpty(Clusters);
        var states = Gen.Elements<EvidenceState?>(null, EvidenceState.Present, EvidenceState.Absent, EvidenceState.Unknown);
        var gen = from cluster in Gen.Elements(Clusters)
                  from age in Gen.Choose(18, 90)
                  from answers in Gen.ArrayOf(states, cluster.Composite!.Of.Length)
                  select (cluster, age, answers);
        Properties.Check(Prop.ForAll(Arb.From(gen), t =>
        {
            var (cluster, age, answers) = t;
            var rule = cluster.Composite!;
            var items = rule.Of.Zip(answers).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);
            var evidence = items.Where(kv => kv.Value is not null).Select(kv => new Evidence { FindingId = kv.Key, State = kv.Value!.Value })
                .Prepend(new Evidence { FindingId = "pain-lower-back", State = EvidenceState.Present, IsInitial = true, Origin = EvidenceOrigin.Initial });
            var c = Case.Create(new PatientProfile { Age = age, Sex = Sex.Female }, evidence);
            var facts = CaseFacts.From(Kb, c);
            var expected = Expected(rule, age, items);
            return facts.StateOf(cluster.Id) == expected
                ? true
                : throw new Xunit.Sdk.XunitException($"{cluster.Id} at {age}: expected {expected}, got {facts.StateOf(cluster.Id)} for {string.Join(", ", items.Select(kv => $"{kv.Key}={kv.Value?.ToString() ?? "-"}"))}");
        }), maxTest: 400);
    }

    [Fact]
    public void The_age_item_counts_only_above_its_age()
    {
        var cook = Assert.Single(Clusters, f => f.Composite!.AgeAbove is not null);
        var rule = cook.Composite!;
        var above = rule.AgeAbove!.Value;

        // Every item but one present: the age item decides, and it counts only strictly above its age.
        CaseFacts Facts(int age) => CaseFacts.From(Kb, Case.For(age, Sex.Male).Initial("pain-lower-back").Present([.. rule.Of.Take(rule.AtLeast - 1)]).Absent([.. rule.Of.Skip(rule.AtLeast - 1)]).Build());
        Assert.Equal(EvidenceState.Present, Facts(above + 1).StateOf(cook.Id));
        Assert.Equal(EvidenceState.Absent, Facts(above).StateOf(cook.Id));
        Assert.Equal(EvidenceState.Absent, Facts(above - 1).StateOf(cook.Id));
    }
}
