using BackHip.Domain.Differential;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>Cases that fit real data: an optional id that joins results back to their input, and a sex that may be unknown.</summary>
public sealed class RealDataCaseTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void A_case_id_is_read_echoed_in_the_assessment_and_round_trips()
    {
        var c = BackHipJson.ReadCase("""{"schemaVersion":1,"id":"cohort-17/row 4","profile":{"age":40,"sex":"male"},"evidence":[{"finding":"pain-lower-back","state":"present"}]}""");
        Assert.Equal("cohort-17/row 4", c.Id);
        var json = BackHipJson.WriteAssessment(BackHipAssessor.CreateDefault().Assess(c));
        Assert.Contains("\"id\":\"cohort-17/row 4\"", json, StringComparison.Ordinal);
        var back = BackHipJson.ReadCase(BackHipJson.WriteCase(c));
        Assert.Equal(c, back);
        Assert.NotEqual(c, c.WithId("other"));
        Assert.Null(BackHipJson.ReadCase("""{"schemaVersion":1,"profile":{"age":40,"sex":"male"}}""").Id);
        Assert.Equal("x", Case.For(30, Sex.Female).WithId("x").Build().Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    public void An_invalid_id_is_a_problem_at_its_path(string id)
    {
        var result = Kb.Validate(Case.For(30, Sex.Female).Build().WithId(id));
        var p = Assert.Single(result.Problems);
        Assert.Equal("invalid-id", p.Code);
        Assert.Equal("$.id", p.Path);
        Assert.Single(Kb.Validate(Case.For(30, Sex.Female).Build().WithId(new string('x', 201))).Problems);
    }

    [Fact]
    public void Sex_may_be_unknown_or_left_out()
    {
        Assert.Equal(Sex.Unknown, BackHipJson.ReadCase("""{"schemaVersion":1,"profile":{"age":40}}""").Profile.Sex);
        Assert.Equal(Sex.Unknown, BackHipJson.ReadCase("""{"schemaVersion":1,"profile":{"age":40,"sex":"unknown"}}""").Profile.Sex);
        var ex = Assert.Throws<BackHipValidationException>(() => BackHipJson.ReadCase("""{"schemaVersion":1,"profile":{"age":40,"sex":"Unknown"}}"""));
        Assert.Contains(ex.Problems, p => p.Path == "$.profile.sex");
    }

    [Fact]
    public void Unknown_sex_mixes_the_priors_of_both_sexes()
    {
        var engine = new DifferentialEngine(Kb);
        double Prior(Sex sex, string id) => engine.Score(Case.For(50, sex).Present("pain-lower-back").Build()).Ranked.Single(r => r.ConditionId == id).Prior;
        foreach (var id in new[] { "greater-trochanteric-pain-syndrome", "abdominal-aortic-aneurysm", "nonspecific-low-back-pain" })
        {
            Assert.Equal((Prior(Sex.Female, id) + Prior(Sex.Male, id)) / 2, Prior(Sex.Unknown, id), 12);
        }

        var unknown = engine.Score(Case.For(30, Sex.Unknown).Present("pain-lower-back").Build());
        Assert.Equal(1.0, unknown.Ranked.Sum(r => r.Probability), 9);
    }

    [Fact]
    public void With_unknown_sex_both_sexes_emergencies_are_screened()
    {
        var evaluator = new RedFlagEvaluator(Kb);
        Assert.True(evaluator.EvaluateLevel(Case.For(15, Sex.Unknown).Present("pain-groin", "pain-abdomen", "nausea-vomiting").Build()) >= TriageLevel.Emergency);
        Assert.True(evaluator.EvaluateLevel(Case.For(28, Sex.Unknown).Present("pain-abdomen", "could-be-pregnant", "shoulder-tip-pain").Build()) >= TriageLevel.Emergency);
        Assert.Equal(TriageLevel.SelfCare, evaluator.EvaluateLevel(Case.For(28, Sex.Male).Present("pain-abdomen", "could-be-pregnant").Build()));
    }
}
