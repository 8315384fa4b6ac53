using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>A stated length of time is read from its number and falls in the one duration finding that holds it.</summary>
public sealed class DurationSearchTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly DurationReading Reading = new(Kb.Findings);

    [Theory]
    [InlineData("3 days", "duration-under-2-weeks")]
    [InlineData("duration < 1 week", "duration-under-2-weeks")]
    [InlineData("duration < 24 hours", "duration-under-2-weeks")]
    [InlineData("within 24 hours", "duration-under-2-weeks")]
    [InlineData("pain for ten days", "duration-under-2-weeks")]
    [InlineData("2 weeks", "duration-2-to-6-weeks")]
    [InlineData("for the past 3 weeks", "duration-2-to-6-weeks")]
    [InlineData("duration < 6 weeks", "duration-under-6-weeks")]
    [InlineData("6 weeks", "duration-6-to-12-weeks")]
    [InlineData("duration 6-12 weeks", "duration-6-to-12-weeks")]
    [InlineData("2 months", "duration-6-to-12-weeks")]
    [InlineData("12 weeks", "duration-over-12-weeks")]
    [InlineData("duration > 12 weeks", "duration-over-12-weeks")]
    [InlineData("for more than 3 months", "duration-over-12-weeks")]
    [InlineData("symptoms for 2 years", "duration-over-12-weeks")]
    public void A_stated_length_finds_the_duration_finding_that_holds_it_first(string phrase, string id)
    {
        var hit = Kb.Search(phrase)[0];
        Assert.Equal(id, hit.Id);
        Assert.InRange(hit.Score, DurationReading.Score, 1.0); // 1 where the phrase is also a synonym word for word
    }

    [Theory]
    [InlineData("less than 3 months")] // spans under 2, 2 to 6 and 6 to 12 weeks: no one finding holds it
    [InlineData("more than 6 weeks")] // spans 6 to 12 and over 12 weeks
    [InlineData("night pain for 3 weeks")] // says two things: left to the word search
    [InlineData("45 minutes")] // not a unit of the duration findings
    [InlineData("a few days")] // no number
    public void A_length_no_single_finding_holds_or_a_phrase_that_is_more_than_a_length_is_not_read(string phrase)
    {
        Assert.Null(Reading.Find(phrase));
        Assert.DoesNotContain(Kb.Search(phrase, 20), h => h.Score == DurationReading.Score && h.Id.StartsWith("duration-", StringComparison.Ordinal));
    }

    [Fact]
    public void The_duration_question_options_are_read_from_their_names_and_tile_time_without_overlap()
    {
        var spans = Reading.Options.ToDictionary(o => o.Id, o => o.Span, StringComparer.Ordinal);
        var group = Kb.QuestionGroups.Single(g => g.Id == "pain-duration");
        var options = group.Options.Select(o => spans[o.FindingId]).OrderBy(s => s.Low).ToList();
        Assert.Equal(0, options[0].Low);
        for (var i = 0; i + 1 < options.Count; i++)
        {
            Assert.Equal(options[i].High, options[i + 1].Low);
        }

        Assert.True(double.IsPositiveInfinity(options[^1].High));
        Assert.Equal(new DurationReading.Span(0, 42, false), spans["duration-under-6-weeks"]);
        Assert.Equal(5, spans.Count);
    }

    [Fact]
    public void Any_number_of_days_weeks_or_months_falls_in_the_narrowest_finding_that_holds_it() =>
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(0, 3000)), Arb.From(Gen.Elements(("days", 1.0), ("weeks", 7.0), ("months", 30.44))), (n, unit) =>
        {
            var days = n * unit.Item2;
            var found = Reading.Find(string.Create(CultureInfo.InvariantCulture, $"{n} {unit.Item1}"));
            var holding = Reading.Options.Where(o => o.Span.Low <= days && days < o.Span.High).ToList();
            return found is { } f && holding.Count > 0 && holding.MinBy(o => o.Span.High - o.Span.Low).Id == f.Id;
        }));

    [Fact]
    public void The_words_of_an_or_the_phrase_chose_against_do_not_count_against_it()
    {
        Assert.Equal(["catching", "clicking", "locking"], KnowledgeSearch.Alternatives("Clicking, catching or locking in the hip").Single().Order(StringComparer.Ordinal));
        Assert.Empty(KnowledgeSearch.Alternatives("Pain in the lower back"));
        var clammy = Kb.Search("clammy skin")[0];
        Assert.Equal("sweating", clammy.Id);
        Assert.InRange(clammy.Score, 0.9, 0.95);
        Assert.Equal("pain-thoracic-back", Kb.Search("upper back pain")[0].Id);

        // A phrase that matches neither alternative gains nothing: "numbness" alone against "Numbness or burning over the outer thigh".
        var outer = Kb.Search("numbness", 50).FirstOrDefault(h => h.Id == "outer-thigh-numbness");
        Assert.True(outer is null || outer.Score < 0.7, $"{outer?.Score}");
    }
}
