using System.Collections.Immutable;
using BackHip.Domain.Instruments;
using BackHip.Domain.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Instruments;

public sealed class InstrumentTests
{
    private static StartBackResponses StartBack(int physical, int psychological, Bothersomeness bother)
    {
        bool P(int i) => i < physical;
        bool Q(int i) => i < psychological;
        return new StartBackResponses
        {
            ReferredLegPain = P(0), ComorbidPain = P(1), WalksShortDistances = P(2), DressesSlowly = P(3),
            Fear = Q(0), Anxiety = Q(1), Catastrophising = Q(2), LowMood = Q(3), Bothersomeness = bother,
        };
    }

    [Theory]
    [InlineData(3, 0, Bothersomeness.Moderately, 3, 0, StartBackRisk.Low)]
    [InlineData(2, 1, Bothersomeness.VeryMuch, 4, 2, StartBackRisk.Medium)]
    [InlineData(4, 3, Bothersomeness.Slightly, 7, 3, StartBackRisk.Medium)]
    [InlineData(0, 3, Bothersomeness.Extremely, 4, 4, StartBackRisk.High)]
    [InlineData(4, 4, Bothersomeness.Extremely, 9, 5, StartBackRisk.High)]
    [InlineData(0, 0, Bothersomeness.NotAtAll, 0, 0, StartBackRisk.Low)]
    public void StartBack_scores_total_subscale_and_risk_per_Hill_2008(int physical, int psychological, Bothersomeness bother, int total, int sub, StartBackRisk risk)
    {
        var score = InstrumentScoring.Score(new InstrumentResponses { StartBack = StartBack(physical, psychological, bother) }).StartBack!;
        Assert.Equal(total, score.Total);
        Assert.Equal(sub, score.Psychosocial);
        Assert.Equal(risk, score.Risk);
    }

    [Fact]
    public void Oswestry_uses_the_published_formula_and_missing_section_rule()
    {
        // The source's worked example: 16 points over 9 answered sections = 16 / 45 × 100.
        var nine = new OswestryResponses { PainIntensity = 2, PersonalCare = 1, Lifting = 3, Walking = 2, Sitting = 2, Standing = 2, Sleeping = 1, SocialLife = 2, Travelling = 1 };
        var score = InstrumentScoring.Score(new InstrumentResponses { Oswestry = nine }).Oswestry!;
        Assert.Equal(16.0 / 45 * 100, score.Percent, 10);
        Assert.Equal(9, score.SectionsAnswered);
        Assert.Equal(OswestryBand.Moderate, score.Band);
        var all = nine with { SexLife = 4 };
        Assert.Equal(40.0, InstrumentScoring.Score(new InstrumentResponses { Oswestry = all }).Oswestry!.Percent, 10);
        var tooFew = new OswestryResponses { PainIntensity = 1, PersonalCare = 1, Lifting = 1, Walking = 1, Sitting = 1, Standing = 1, Sleeping = 1 };
        var ex = Assert.Throws<BackHipValidationException>(() => InstrumentScoring.Score(new InstrumentResponses { Oswestry = tooFew }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("too-many-missing", p.Code);
        Assert.Contains("sexLife", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, OswestryBand.Minimal)]
    [InlineData(10, OswestryBand.Minimal)]
    [InlineData(11, OswestryBand.Moderate)]
    [InlineData(20, OswestryBand.Moderate)]
    [InlineData(21, OswestryBand.Severe)]
    [InlineData(31, OswestryBand.Crippled)]
    [InlineData(41, OswestryBand.BedBound)]
    [InlineData(50, OswestryBand.BedBound)]
    public void Oswestry_bands_follow_Fairbank(int sum, OswestryBand band)
    {
        var sections = Enumerable.Range(0, 10).Select(i => Math.Min(5, Math.Max(0, sum - (5 * i)))).ToArray();
        var o = new OswestryResponses { PainIntensity = sections[0], PersonalCare = sections[1], Lifting = sections[2], Walking = sections[3], Sitting = sections[4], Standing = sections[5], Sleeping = sections[6], SexLife = sections[7], SocialLife = sections[8], Travelling = sections[9] };
        Assert.Equal(band, InstrumentScoring.Score(new InstrumentResponses { Oswestry = o }).Oswestry!.Band);
    }

    [Fact]
    public void Out_of_range_answers_are_rejected_with_the_item_named()
    {
        var ex = Assert.Throws<BackHipValidationException>(() => InstrumentScoring.Score(new InstrumentResponses
        {
            Oswestry = new OswestryResponses { PainIntensity = 6, PersonalCare = 1, Lifting = 1, Walking = 1, Sitting = 1, Standing = 1, Sleeping = 1, SexLife = 1, SocialLife = 1, Travelling = 1 },
            RolandMorris = new RolandMorrisResponses { Items = [.. Enumerable.Repeat<bool?>(true, 23), null] },
            PainIntensity = 11,
            StartBack = StartBack(1, 1, Bothersomeness.Slightly) with { Fear = null },
        }));
        Assert.Contains(ex.Problems, p => p.Path == "$.instruments.oswestry.painIntensity" && p.Code == "out-of-range");
        Assert.Contains(ex.Problems, p => p.Path == "$.instruments.rolandMorris.items[23]" && p.Code == "missing-item");
        Assert.Contains(ex.Problems, p => p.Path == "$.instruments.painIntensity");
        Assert.Contains(ex.Problems, p => p.Path == "$.instruments.startBack.fear");
    }

    private static Gen<bool[]> Bools(int n) => Gen.ArrayOf(Gen.Elements(true, false), n);

    [Fact]
    public void Scores_stay_in_range_and_each_item_is_monotone() =>
        Properties.Check(Prop.ForAll(Arb.From(from rm in Bools(24) from sb in Bools(8) from odi in Gen.ArrayOf(Gen.Choose(0, 5), 10) from item in Gen.Choose(0, 23) select (rm, sb, odi, item)), input =>
        {
            var (rm, sb, odi, item) = input;
            var responses = Responses(rm, sb, odi);
            var score = InstrumentScoring.Score(responses);
            var sbScore = score.StartBack!;
            var inRange = score.RolandMorris is >= 0 and <= 24 && sbScore.Total is >= 0 and <= 9 && sbScore.Psychosocial is >= 0 and <= 5 && score.Oswestry!.Percent is >= 0 and <= 100;
            var rmUp = (bool[])rm.Clone();
            rmUp[item] = true;
            var sbUp = (bool[])sb.Clone();
            sbUp[item % 8] = true;
            var odiUp = (int[])odi.Clone();
            odiUp[item % 10] = Math.Min(5, odiUp[item % 10] + 1);
            var higher = InstrumentScoring.Score(Responses(rmUp, sbUp, odiUp));
            return inRange && higher.RolandMorris >= score.RolandMorris && higher.StartBack!.Total >= sbScore.Total
                && higher.StartBack.Risk >= sbScore.Risk && higher.Oswestry!.Percent >= score.Oswestry!.Percent;
        }));

    [Fact]
    public void Up_to_two_missing_oswestry_sections_score_over_the_answered_ones() =>
        Properties.Check(Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 5), 10)), Arb.From(Gen.Choose(0, 9)), Arb.From(Gen.Choose(0, 9)), (odi, m1, m2) =>
        {
            int?[] sections = [.. odi.Select(v => (int?)v)];
            sections[m1] = null;
            sections[m2] = null;
            var answered = sections.Where(v => v is not null).Select(v => v!.Value).ToList();
            var o = Oswestry(sections);
            var score = InstrumentScoring.Score(new InstrumentResponses { Oswestry = o }).Oswestry!;
            return score.SectionsAnswered == answered.Count && Math.Abs(score.Percent - (answered.Sum() * 100.0 / (5 * answered.Count))) < 1e-9;
        }));

    private static OswestryResponses Oswestry(int?[] s) => new()
    {
        PainIntensity = s[0], PersonalCare = s[1], Lifting = s[2], Walking = s[3], Sitting = s[4], Standing = s[5], Sleeping = s[6], SexLife = s[7], SocialLife = s[8], Travelling = s[9],
    };

    private static InstrumentResponses Responses(bool[] rm, bool[] sb, int[] odi) => new()
    {
        RolandMorris = new RolandMorrisResponses { Items = [.. rm.Select(b => (bool?)b)] },
        StartBack = new StartBackResponses
        {
            ReferredLegPain = sb[0], ComorbidPain = sb[1], WalksShortDistances = sb[2], DressesSlowly = sb[3], Fear = sb[4], Anxiety = sb[5], Catastrophising = sb[6], LowMood = sb[7],
            Bothersomeness = Bothersomeness.Moderately,
        },
        Oswestry = Oswestry([.. odi.Select(v => (int?)v)]),
        PainIntensity = 5,
    };

    [Theory]
    [InlineData(40.0, 30.0, ChangeDirection.Improved)]
    [InlineData(20.0, 13.0, ChangeDirection.Improved)]
    [InlineData(40.0, 34.0, ChangeDirection.Unchanged)]
    [InlineData(30.0, 40.0, ChangeDirection.Worse)]
    public void Oswestry_change_uses_10_points_or_30_percent(double before, double after, ChangeDirection direction)
    {
        var change = Assert.Single(InstrumentScoring.Compare(new InstrumentScores { Oswestry = Score(before) }, new InstrumentScores { Oswestry = Score(after) }));
        Assert.Equal(direction, change.Direction);
        Assert.Equal(after - before, change.Delta, 10);

        static OswestryScore Score(double percent) => new() { Percent = percent, SectionsAnswered = 10, Band = OswestryBand.Moderate };
    }

    [Theory]
    [InlineData("rolandMorris", 12, 7, ChangeDirection.Improved)]
    [InlineData("rolandMorris", 12, 9, ChangeDirection.Unchanged)]
    [InlineData("rolandMorris", 6, 11, ChangeDirection.Worse)]
    [InlineData("painIntensity", 6, 4, ChangeDirection.Improved)]
    [InlineData("painIntensity", 6, 5, ChangeDirection.Unchanged)]
    [InlineData("painIntensity", 3, 5, ChangeDirection.Worse)]
    public void Roland_Morris_and_pain_changes_use_their_minimal_important_change(string instrument, int before, int after, ChangeDirection direction)
    {
        var b = instrument == "rolandMorris" ? new InstrumentScores { RolandMorris = before } : new InstrumentScores { PainIntensity = before };
        var a = instrument == "rolandMorris" ? new InstrumentScores { RolandMorris = after } : new InstrumentScores { PainIntensity = after };
        Assert.Equal(direction, Assert.Single(InstrumentScoring.Compare(b, a)).Direction);
    }

    [Fact]
    public void Assessment_reports_scores_plan_follows_stratified_care_and_red_flags_still_come_first()
    {
        var assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);
        var high = Case.For(40, Sex.Female).Initial("pain-lower-back").Present("duration-under-2-weeks")
            .WithInstruments(new InstrumentResponses { StartBack = StartBack(2, 4, Bothersomeness.Extremely), PainIntensity = 7 }).Build();
        var a = assessor.Assess(high);
        Assert.Equal(StartBackRisk.High, a.Instruments!.StartBack!.Risk);
        Assert.Equal(7, a.Instruments.PainIntensity);
        Assert.Contains("psychologically informed", a.CarePlan.Stratification, StringComparison.Ordinal);
        Assert.Contains(a.CarePlan.Referrals, r => r.Clinician == BackHip.Domain.Exercises.Clinician.Physiotherapist && r.Reason.Contains("high risk", StringComparison.Ordinal));
        var medium = assessor.Assess(high.WithInstruments(new InstrumentResponses { StartBack = StartBack(3, 1, Bothersomeness.Slightly) }));
        Assert.Contains("physiotherapy", medium.CarePlan.Stratification, StringComparison.Ordinal);
        var low = assessor.Assess(high.WithInstruments(new InstrumentResponses { StartBack = StartBack(1, 1, Bothersomeness.Slightly) }));
        Assert.Contains("self-management", low.CarePlan.Stratification, StringComparison.Ordinal);
        var urgent = assessor.Assess(high.WithEvidence(new Evidence { FindingId = "saddle-numbness", State = EvidenceState.Present }));
        Assert.Null(urgent.CarePlan.Stratification);
        Assert.Empty(urgent.CarePlan.Exercises);
    }

    [Fact]
    public void Invalid_instruments_make_the_case_invalid_everywhere()
    {
        var c = Case.For(40, Sex.Female).Present("pain-lower-back").WithInstruments(new InstrumentResponses { PainIntensity = 12 }).Build();
        Assert.Contains(KnowledgeBase.Default.Validate(c).Problems, p => p.Path == "$.instruments.painIntensity");
        var engine = new BackHip.Domain.Differential.DifferentialEngine(KnowledgeBase.Default);
        Assert.Throws<BackHipValidationException>(() => engine.ScoreInto(c, new double[engine.ConditionOrder.Length]));
        Assert.Throws<BackHipValidationException>(() => BackHipAssessor.CreateDefault().Assess(c));
    }

    [Fact]
    public void Responses_round_trip_through_json_and_a_follow_up_says_what_changed()
    {
        var assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);
        var first = Case.For(50, Sex.Male).Initial("pain-lower-back").Present("duration-2-to-6-weeks").WithInstruments(new InstrumentResponses
        {
            StartBack = StartBack(3, 2, Bothersomeness.VeryMuch),
            Oswestry = new OswestryResponses { PainIntensity = 3, PersonalCare = 2, Lifting = 4, Walking = 2, Sitting = 3, Standing = 3, Sleeping = 2, SocialLife = 3, Travelling = 2 },
            RolandMorris = new RolandMorrisResponses { Items = [.. Enumerable.Range(0, 24).Select(i => (bool?)(i % 2 == 0))] },
            PainIntensity = 7,
        }).Build();
        var json = BackHipJson.WriteCase(first);
        Assert.Contains("\"bothersomeness\":\"veryMuch\"", json, StringComparison.Ordinal);
        Assert.Equal(first, BackHipJson.ReadCase(json));
        var later = first.WithInstruments(first.Instruments! with
        {
            StartBack = StartBack(1, 0, Bothersomeness.Slightly),
            Oswestry = first.Instruments.Oswestry! with { Lifting = 1, Walking = 0, Sitting = 1, Standing = 1 },
            RolandMorris = new RolandMorrisResponses { Items = [.. Enumerable.Range(0, 24).Select(i => (bool?)(i % 6 == 0))] },
            PainIntensity = 6,
        });
        var report = FollowUp.Compare(assessor.Assess(first), assessor.Assess(later));
        Assert.Equal(ChangeDirection.Improved, report.Instruments.Single(i => i.Instrument == "startBack").Direction);
        Assert.Equal(ChangeDirection.Improved, report.Instruments.Single(i => i.Instrument == "oswestry").Direction);
        Assert.Equal(ChangeDirection.Improved, report.Instruments.Single(i => i.Instrument == "rolandMorris").Direction);
        Assert.Equal(ChangeDirection.Unchanged, report.Instruments.Single(i => i.Instrument == "painIntensity").Direction);
        Assert.NotEmpty(report.Conditions);
        Assert.Contains("\"instruments\":[", BackHipJson.WriteFollowUp(report), StringComparison.Ordinal);
    }
}
