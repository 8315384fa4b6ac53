namespace BackHip.Domain.Tests.Knowledge;

public sealed class CaseValidationTests
{
    private static KnowledgeBase Kb => KnowledgeBase.Default;

    [Fact]
    public void Builder_makes_a_valid_case_in_one_expression()
    {
        var c = Case.For(45, Sex.Female).Initial("pain-lower-back").Present("worse-bending").Absent("fever-or-chills").Build();
        Assert.True(Kb.Validate(c).IsValid);
        Assert.Equal(EvidenceState.Present, c.StateOf("pain-lower-back"));
        Assert.Equal(EvidenceState.Absent, c.StateOf("fever-or-chills"));
        Assert.Equal(EvidenceState.Unknown, c.StateOf("night-pain"));
        Assert.True(c.Evidence[0].IsInitial);
        Assert.Equal(EvidenceOrigin.Initial, c.Evidence[0].Origin);
    }

    [Fact]
    public void Unknown_finding_is_located_by_its_path_without_repeating_it()
    {
        var result = Kb.Validate(Case.For(30, Sex.Male).Present("pain-elbow").Build());
        var p = Assert.Single(result.Problems);
        Assert.Equal("unknown-finding", p.Code);
        Assert.Null(p.Id);
        Assert.Equal("$.evidence[0].finding", p.Path);
        Assert.DoesNotContain("pain-elbow", p.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Opposite_answers_for_one_finding_are_rejected() =>
        Assert.Equal("conflicting-evidence", Assert.Single(Kb.Validate(Case.For(30, Sex.Male).Present("night-pain").Absent("night-pain").Build()).Problems).Code);

    [Theory]
    [InlineData(-1)]
    [InlineData(121)]
    public void Age_outside_0_to_120_is_rejected(int age) =>
        Assert.Equal("age-out-of-range", Assert.Single(Kb.Validate(Case.For(age, Sex.Female).Build()).Problems).Code);

    [Fact]
    public void Pregnancy_with_male_sex_is_rejected() =>
        Assert.Equal("impossible-profile", Assert.Single(Kb.Validate(Case.For(30, Sex.Male).Pregnant().Build()).Problems).Code);

    [Fact]
    public void Composite_finding_cannot_be_stated() =>
        Assert.Equal("composite-finding", Assert.Single(Kb.Validate(Case.For(30, Sex.Male).Present("asas-ibp-criteria").Build()).Problems).Code);

    [Fact]
    public void Two_answers_to_a_one_of_question_are_rejected() =>
        Assert.Equal("single-choice-conflict", Assert.Single(Kb.Validate(Case.For(30, Sex.Male).Present("duration-under-2-weeks", "duration-over-12-weeks").Build()).Problems).Code);

    [Fact]
    public void Every_problem_is_listed_and_the_throwing_twin_carries_the_same_list()
    {
        var c = Case.For(130, Sex.Male).Pregnant().Present("pain-elbow").Build();
        var result = Kb.Validate(c);
        Assert.Equal(3, result.Problems.Length);
        var ex = Assert.Throws<BackHipValidationException>(() => Kb.ValidateAndThrow(c));
        Assert.Equal(result.Problems, ex.Problems);
    }

    [Fact]
    public void Engines_reject_invalid_cases_before_scoring()
    {
        var c = Case.For(30, Sex.Male).Present("pain-elbow").Build();
        Assert.Throws<BackHipValidationException>(() => new BackHip.Domain.Triage.RedFlagEvaluator(Kb).Evaluate(c));
        Assert.Throws<BackHipValidationException>(() => new BackHip.Domain.Differential.DifferentialEngine(Kb).Score(c));
    }

    [Fact]
    public void Composite_is_derived_from_its_items()
    {
        var facts = CaseFacts.From(Kb, Case.For(30, Sex.Male).Present("onset-before-age-40", "onset-gradual", "relieved-exercise", "not-relieved-rest").Build());
        Assert.Equal(EvidenceState.Present, facts.StateOf("asas-ibp-criteria"));
        var absent = CaseFacts.From(Kb, Case.For(30, Sex.Male).Absent("onset-before-age-40", "onset-gradual").Build());
        Assert.Equal(EvidenceState.Absent, absent.StateOf("asas-ibp-criteria"));
        Assert.Equal(EvidenceState.Unknown, CaseFacts.From(Kb, Case.For(30, Sex.Male).Build()).StateOf("asas-ibp-criteria"));
    }

    [Fact]
    public void Cook_cluster_counts_age_above_48_as_an_item()
    {
        string[] items = ["bilateral-leg-pain", "leg-pain-worse-than-back", "worse-walking"];
        Assert.Equal(EvidenceState.Present, CaseFacts.From(Kb, Case.For(49, Sex.Male).Present(items).Build()).StateOf("cook-stenosis-cluster"));
        Assert.NotEqual(EvidenceState.Present, CaseFacts.From(Kb, Case.For(48, Sex.Male).Present(items).Build()).StateOf("cook-stenosis-cluster"));
    }
}
