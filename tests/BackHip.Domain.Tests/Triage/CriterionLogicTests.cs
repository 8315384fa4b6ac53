namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// The three-valued rule logic red-flag rules are written in: every branch of all/any/at-least, the age range bounds,
/// the sex and pregnancy conditions, and how unanswered findings keep a criterion undecided.
/// </summary>
public sealed class CriterionLogicTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static FindingCriterion F(string id) => new() { FindingId = id };

    private static AtLeastCriterion AtLeast(int count, params Criterion[] parts) => new() { Count = count, Parts = [.. parts] };

    private static Truth Eval(Criterion criterion, Case c) => criterion.Evaluate(CaseFacts.From(Kb, c));

    private static Case With(string[] present, string[] absent, int age = 40, Sex sex = Sex.Male) =>
        Case.For(age, sex).Present(present).Absent(absent).Build();

    [Theory]
    [InlineData(new string[0], new string[0], Truth.Unknown)]
    [InlineData(new[] { "saddle-numbness" }, new string[0], Truth.True)]
    [InlineData(new string[0], new[] { "saddle-numbness" }, Truth.False)]
    public void A_finding_is_true_when_present_false_when_absent_and_unknown_when_unanswered(string[] present, string[] absent, Truth expected) =>
        Assert.Equal(expected, Eval(F("saddle-numbness"), With(present, absent)));

    // Parts: saddle-numbness, fever-or-chills, leg-weakness. Each row states how many are present and how many absent.
    [Theory]
    // all-of (3 of 3)
    [InlineData(3, 3, 0, Truth.True)]
    [InlineData(3, 2, 0, Truth.Unknown)]
    [InlineData(3, 2, 1, Truth.False)]
    [InlineData(3, 0, 0, Truth.Unknown)]
    [InlineData(3, 0, 3, Truth.False)]
    // any-of (1 of 3)
    [InlineData(1, 1, 0, Truth.True)]
    [InlineData(1, 1, 2, Truth.True)]
    [InlineData(1, 0, 2, Truth.Unknown)]
    [InlineData(1, 0, 3, Truth.False)]
    [InlineData(1, 0, 0, Truth.Unknown)]
    // at least 2 of 3
    [InlineData(2, 2, 0, Truth.True)]
    [InlineData(2, 2, 1, Truth.True)]
    [InlineData(2, 1, 0, Truth.Unknown)]
    [InlineData(2, 1, 1, Truth.Unknown)]
    [InlineData(2, 1, 2, Truth.False)]
    [InlineData(2, 0, 1, Truth.Unknown)]
    [InlineData(2, 0, 2, Truth.False)]
    public void At_least_counts_true_parts_and_stays_undecided_while_unanswered_parts_could_still_reach_the_count(int count, int present, int absent, Truth expected)
    {
        string[] ids = ["saddle-numbness", "fever-or-chills", "leg-weakness"];
        var criterion = AtLeast(count, [.. ids.Select(F)]);
        var c = With([.. ids.Take(present)], [.. ids.Skip(present).Take(absent)]);
        Assert.Equal(expected, Eval(criterion, c));
    }

    [Fact]
    public void Nested_logic_combines_three_valued_results()
    {
        // all(any(saddle, bladder), age >= 50)
        var criterion = AtLeast(2, AtLeast(1, F("saddle-numbness"), F("bladder-dysfunction")), new AgeCriterion { Min = 50 });
        Assert.Equal(Truth.True, Eval(criterion, With(["bladder-dysfunction"], [], age: 50)));
        Assert.Equal(Truth.False, Eval(criterion, With(["bladder-dysfunction"], [], age: 49)));
        Assert.Equal(Truth.Unknown, Eval(criterion, With([], ["saddle-numbness"], age: 60)));
        Assert.Equal(Truth.False, Eval(criterion, With([], ["saddle-numbness", "bladder-dysfunction"], age: 60)));
    }

    [Theory]
    [InlineData(49, Truth.False)]
    [InlineData(50, Truth.True)]
    [InlineData(64, Truth.True)]
    [InlineData(65, Truth.False)]
    public void Age_range_includes_its_minimum_and_excludes_its_upper_bound(int age, Truth expected) =>
        Assert.Equal(expected, Eval(new AgeCriterion { Min = 50, Below = 65 }, With([], [], age)));

    [Theory]
    [InlineData(0, Truth.True)]
    [InlineData(15, Truth.True)]
    [InlineData(16, Truth.False)]
    public void Age_below_alone_has_no_lower_bound(int age, Truth expected) =>
        Assert.Equal(expected, Eval(new AgeCriterion { Below = 16 }, With([], [], age)));

    [Theory]
    [InlineData(69, Truth.False)]
    [InlineData(70, Truth.True)]
    [InlineData(120, Truth.True)]
    public void Age_at_least_alone_has_no_upper_bound(int age, Truth expected) =>
        Assert.Equal(expected, Eval(new AgeCriterion { Min = 70 }, With([], [], age)));

    [Fact]
    public void An_age_criterion_without_bounds_holds_for_everyone() =>
        Assert.Equal(Truth.True, Eval(new AgeCriterion(), With([], [], 0)));

    [Theory]
    [InlineData(Sex.Female, Sex.Female, Truth.True)]
    [InlineData(Sex.Female, Sex.Male, Truth.False)]
    [InlineData(Sex.Female, Sex.Unknown, Truth.True)]
    [InlineData(Sex.Male, Sex.Male, Truth.True)]
    [InlineData(Sex.Male, Sex.Female, Truth.False)]
    [InlineData(Sex.Male, Sex.Unknown, Truth.True)]
    public void Sex_matches_or_is_read_conservatively_when_not_stated(Sex wanted, Sex actual, Truth expected) =>
        Assert.Equal(expected, Eval(new SexCriterion { Sex = wanted }, With([], [], 30, actual)));

    [Fact]
    public void Pregnancy_criterion_matches_the_stated_status()
    {
        var pregnant = Case.For(30, Sex.Female).Pregnant().Build();
        var notPregnant = Case.For(30, Sex.Female).Build();
        Assert.Equal(Truth.True, Eval(new PregnancyCriterion { IsPregnant = true }, pregnant));
        Assert.Equal(Truth.False, Eval(new PregnancyCriterion { IsPregnant = true }, notPregnant));
        Assert.Equal(Truth.True, Eval(new PregnancyCriterion { IsPregnant = false }, notPregnant));
        Assert.Equal(Truth.False, Eval(new PregnancyCriterion { IsPregnant = false }, pregnant));
    }

    [Fact]
    public void Finding_ids_are_every_finding_read_once_in_ordinal_order()
    {
        var criterion = AtLeast(2, F("saddle-numbness"), AtLeast(1, F("bladder-dysfunction"), F("saddle-numbness")), new AgeCriterion { Min = 50 }, new SexCriterion { Sex = Sex.Male }, new PregnancyCriterion { IsPregnant = false });
        Assert.Equal(["bladder-dysfunction", "saddle-numbness"], criterion.FindingIds);
        Assert.Empty(new AgeCriterion { Min = 1 }.FindingIds);
        Assert.Empty(new SexCriterion { Sex = Sex.Male }.FindingIds);
        Assert.Empty(new PregnancyCriterion { IsPregnant = true }.FindingIds);
    }

    [Fact]
    public void Criteria_print_as_readable_logic()
    {
        Assert.Equal("all(a, b)", AtLeast(2, F("a"), F("b")).ToString());
        Assert.Equal("any(a, b)", AtLeast(1, F("a"), F("b")).ToString());
        Assert.Equal("atLeast 2(a, b, c)", AtLeast(2, F("a"), F("b"), F("c")).ToString());
        Assert.Equal("age >= 50", new AgeCriterion { Min = 50 }.ToString());
        Assert.Equal("age < 16", new AgeCriterion { Below = 16 }.ToString());
        Assert.Equal("sex = Female", new SexCriterion { Sex = Sex.Female }.ToString());
        Assert.Equal("pregnant", new PregnancyCriterion { IsPregnant = true }.ToString());
        Assert.Equal("not pregnant", new PregnancyCriterion { IsPregnant = false }.ToString());
    }

    [Fact]
    public void The_allocation_free_path_agrees_with_the_facts_path_for_every_rule() =>
        Properties.Check(FsCheck.Fluent.Prop.ForAll(Generators.CaseArb, c =>
        {
            var evaluator = new BackHip.Domain.Triage.RedFlagEvaluator(Kb);
            return evaluator.EvaluateLevel(c) == evaluator.Evaluate(c).Level;
        }), maxTest: 150);

}
