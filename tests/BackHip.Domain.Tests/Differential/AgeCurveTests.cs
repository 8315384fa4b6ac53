using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// The age curves on the priors: every condition whose rate changes with age has one reaching into childhood, the
/// childhood conditions are favoured at the ages their sources give, the degenerative ones are near absent in young
/// children, and no curve makes a cliff.
/// </summary>
public sealed class AgeCurveTests
{
    private static LikelihoodModel Model => KnowledgeBase.Default.Likelihoods;

    private static ConditionPrior Prior(string id) => Model.Priors.Single(p => p.ConditionId == id);

    /// <summary>Conditions left without a curve, each for a stated reason (no age dependence to model, or none found).</summary>
    private static readonly Dictionary<string, string> WithoutCurve = new(StringComparer.Ordinal)
    {
        ["pregnancy-pelvic-girdle-pain"] = "applies only in pregnancy",
        ["prosthetic-hip-dislocation"] = "limited to people with a hip replacement by its pair",
        ["prosthetic-hip-infection"] = "limited to people with a hip replacement by its pair",
        ["prosthetic-hip-loosening"] = "limited to people with a hip replacement by its pair",
        ["traumatic-spinal-fracture"] = "trauma at any age; no age-band figure found",
    };

    [Fact]
    public void Every_condition_whose_rate_changes_with_age_has_a_curve_reaching_into_childhood()
    {
        var kb = KnowledgeBase.Default;
        var missing = Model.Priors.Where(p => p.AgeCurve is null).Select(p => p.ConditionId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(WithoutCurve.Keys.Order(StringComparer.Ordinal), missing);
        foreach (var prior in Model.Priors.Where(p => p.AgeCurve is not null))
        {
            // A curve is flat before its first point, so a condition a child can have needs a point in childhood.
            var applicability = kb.GetCondition(prior.ConditionId).Applicability;
            var childAge = applicability.AgeMin ?? 0;
            if (childAge < 18)
            {
                Assert.True(prior.AgeCurve!.Points[0].Age <= Math.Max(childAge + 2, 6), $"{prior.ConditionId}: first point at {prior.AgeCurve.Points[0].Age}");
                Assert.Contains(prior.AgeCurve.Points, p => p.Age is >= 10 and <= 17);
            }

            Assert.True(prior.AgeCurve!.Grade != EvidenceGrade.Estimate || !string.IsNullOrWhiteSpace(prior.AgeCurve.Rationale), prior.ConditionId);
        }
    }

    [Theory]
    [InlineData("transient-synovitis-hip", 3, 8)] // mean 6.5, usually 3-10 (Bruijnzeels 1993)
    [InlineData("legg-calve-perthes-disease", 4, 8)] // peak onset at 5 (Perthes epidemiology chapter)
    [InlineData("slipped-capital-femoral-epiphysis", 10, 14)] // mean 12.0 boys, 11.2 girls (Loder 2011)
    [InlineData("pelvic-apophyseal-avulsion", 13, 17)] // mean 14.3 (Eberbach 2017)
    [InlineData("scheuermann-kyphosis", 11, 17)] // screening at 11-17 (Fotiadis 2008)
    [InlineData("spondylolysis", 13, 17)] // adolescent athletes (Micheli 1995)
    [InlineData("testicular-torsion", 12, 17)] // adolescent peak (Sharp 2013)
    public void A_childhood_condition_is_favoured_at_the_ages_its_sources_give(string conditionId, int from, int to)
    {
        var prior = Prior(conditionId);
        for (var age = from; age <= to; age++)
        {
            Assert.True(prior.AgeFactor(age) > 1, $"{conditionId} at {age}: {prior.AgeFactor(age):0.###}");
        }

        var peak = Enumerable.Range(from, to - from + 1).Max(prior.AgeFactor);
        Assert.True(peak > 2 * prior.AgeFactor(45), $"{conditionId}: peak {peak:0.###} against {prior.AgeFactor(45):0.###} at 45");
    }

    [Theory]
    [InlineData("degenerative-disc-disease")]
    [InlineData("lumbar-facet-osteoarthritis")]
    [InlineData("hip-osteoarthritis")]
    [InlineData("lumbar-spinal-stenosis")]
    [InlineData("lumbar-nerve-root-impingement")]
    [InlineData("osteoporotic-vertebral-fracture")]
    [InlineData("hip-fracture")]
    [InlineData("greater-trochanteric-pain-syndrome")]
    [InlineData("femoroacetabular-impingement")]
    [InlineData("multiple-myeloma")]
    [InlineData("abdominal-aortic-aneurysm")]
    public void A_degenerative_or_late_life_condition_is_near_absent_at_six(string conditionId)
    {
        // Disc and facet degeneration, osteoporosis and these adult diseases are rare in young children (Houghton 2010;
        // S53 imaging prevalence climbs only from 20): at 6 each stays below a tenth of its adult prior.
        var prior = Prior(conditionId);
        Assert.True(prior.AgeFactor(6) < 0.1, $"{conditionId} at 6: {prior.AgeFactor(6):0.###}");
        Assert.True(prior.AgeFactor(60) > 5 * prior.AgeFactor(6), $"{conditionId}: 60 against 6");
    }

    [Fact]
    public void A_young_childs_priors_put_the_childhood_hip_conditions_ahead_of_adult_degenerative_ones()
    {
        // Priors alone (no findings): what the age curves say about a four-year-old.
        var engine = new DifferentialEngine(KnowledgeBase.Default);
        var ranked = engine.Score(Case.For(4, Sex.Male).Present("pain-hip").Build()).Ranked.ToDictionary(r => r.ConditionId, r => r.Prior, StringComparer.Ordinal);
        foreach (var child in new[] { "transient-synovitis-hip", "legg-calve-perthes-disease", "septic-arthritis-hip" })
        {
            foreach (var adult in new[] { "degenerative-disc-disease", "lumbar-facet-osteoarthritis", "femoroacetabular-impingement", "hip-osteoarthritis", "greater-trochanteric-pain-syndrome" })
            {
                Assert.True(ranked[child] > ranked[adult], $"{child} {ranked[child]:0.#####} vs {adult} {ranked[adult]:0.#####}");
            }
        }
    }

    [Fact]
    public void Age_replaces_the_cancer_modifiers_and_follows_incidence()
    {
        foreach (var id in new[] { "spinal-metastasis", "multiple-myeloma" })
        {
            var prior = Prior(id);
            Assert.DoesNotContain(prior.Modifiers, m => m.When is AgeCriterion);
            Assert.NotNull(prior.AgeCurve);
        }

        // Myeloma: mean age 68 and only 7.9% of cases under 50 (SEER via Ruan 2018).
        Assert.True(Prior("multiple-myeloma").AgeFactor(70) > 10 * Prior("multiple-myeloma").AgeFactor(45));
        // All cancers: 64.4 per 100,000 at 25-29 against 1,944 at 65 and over.
        Assert.True(Prior("spinal-metastasis").AgeFactor(73) > 20 * Prior("spinal-metastasis").AgeFactor(27));
    }

    [Fact]
    public void A_native_hip_dislocates_in_young_adults_more_than_in_old_age_or_childhood()
    {
        // Road-traffic dislocations: 46.7% at 15-29, about twice that group's population share (Israeli trauma registry);
        // children's dislocations are rare (Braun 2023); low-energy falls in old age break the hip instead.
        var prior = Prior("traumatic-hip-dislocation");
        Assert.True(prior.AgeFactor(22) > 1.5, $"22: {prior.AgeFactor(22):0.###}");
        Assert.True(prior.AgeFactor(22) > 4 * prior.AgeFactor(80), $"22 {prior.AgeFactor(22):0.###} against 80 {prior.AgeFactor(80):0.###}");
        Assert.True(prior.AgeFactor(22) > 5 * prior.AgeFactor(6), $"22 against 6: {prior.AgeFactor(6):0.###}");
    }

    [Fact]
    public void Age_factors_are_finite_positive_and_never_make_a_cliff()
    {
        // Bounds per year of age: 1.25 for adults; 2.5 in childhood, where the sourced rise of low back pain from 4% at 9
        // to 22% at 13 (Kjaer 2011, x1.53 a year) meets childhood conditions falling about as fast (1.53 squared is 2.34).
        var curves = Model.Priors.Where(p => p.AgeCurve is not null).ToArray();
        var gen = from prior in Gen.Elements(curves)
                  from age in Gen.Choose(0, 110)
                  select (prior, age);
        Properties.Check(Prop.ForAll(Arb.From(gen), t =>
        {
            var (prior, age) = t;
            var here = prior.AgeFactor(age);
            var next = prior.AgeFactor(age + 1);
            var bound = age < 20 ? 2.5 : 1.25;
            var ratio = Math.Max(here / next, next / here);
            return double.IsFinite(here) && here > 0 && double.IsFinite(next) && next > 0 && ratio <= bound + 1e-9;
        }), maxTest: 2000);

        Assert.All(curves, p => Assert.True(p.AgeCurve!.Points.Select(x => x.Age).SequenceEqual(p.AgeCurve.Points.Select(x => x.Age).Order().Distinct()), p.ConditionId));
    }
}
