using BackHip.Domain.Differential;
using FsCheck;
using FsCheck.Fluent;
using static BackHip.Domain.Tests.Differential.Profiles;

namespace BackHip.Domain.Tests.Differential;

/// <summary>
/// Thin visceral profiles (session 11, issue 14, thinvisc pass): ectopic pregnancy gains nausea or vomiting (27 of 90,
/// Shivananjaiah 2016) and a low blood pressure (unstable vital signs in 6 of 63, Soyuncu); pelvic inflammatory disease
/// gains deep pain during sex (24.16% of 120, Shivpuri clinic series) over a new dyspareunia background (Natsal-3, 7.5%).
/// Each pair is a sourced frequency with its series' size; each raises the condition when present and lowers it when
/// absent; and the nausea answers count once through the nausea-vomiting variable. Grades follow the session 12 grade
/// audit: the ectopic nausea share is a hospital series of diagnosed cases measuring the question's symptom (study); the
/// ectopic low blood pressure (unstable vital signs) and the dyspareunia share (a complaint in a selected clinic series)
/// stay estimates.
/// </summary>
public sealed class ThinViscProfileTests
{
    private const string Ectopic = "ectopic-pregnancy";
    private const string Pid = "pelvic-inflammatory-disease";

    // Session 12 grade audit: 27 of 90 diagnosed ectopic pregnancies in a hospital series, the symptom the question asks.
    private static readonly HashSet<(string Condition, string Finding)> StudyGraded = [(Ectopic, "nausea-vomiting")];

    public static TheoryData<string, string, string, double, int, double, double, double, double> Pairs => new()
    {
        // condition, finding, source, share, series size, LR+ range, LR- range (share over the finding's background)
        { Ectopic, "nausea-vomiting", "Shivananjaiah-2016-EP", 0.30, 90, 3.1, 3.4, 0.75, 0.79 },
        { Ectopic, "hypotension", "Soyuncu-TJEM-EP", 0.095, 63, 9.0, 10.0, 0.90, 0.93 },
        { Pid, "dyspareunia", "Shivpuri-2021-PID", 0.242, 120, 3.1, 3.4, 0.80, 0.84 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Pairs_are_sourced_frequencies_within_their_backgrounds(string condition, string finding, string source, double share,
        int sampleSize, double lrPlusLow, double lrPlusHigh, double lrMinusLow, double lrMinusHigh)
    {
        var pair = SourcedSensitivityPair(condition, finding, source, (lrPlusLow, lrPlusHigh), (lrMinusLow, lrMinusHigh));
        Assert.Equal(share, pair.Sensitivity);
        Assert.Equal(StudyGraded.Contains((condition, finding)) ? EvidenceGrade.Study : EvidenceGrade.Estimate, pair.Grade);
        Assert.Equal(sampleSize, pair.Provenance?.SampleSize);
        Assert.Contains("Searched 2026-11-25", pair.Rationale, StringComparison.Ordinal);
        Assert.Contains(PairsWithinBackground(finding), p => p.ConditionId == condition);
    }

    [Theory]
    [InlineData(Ectopic, "nausea-vomiting", "missed-period")]
    [InlineData(Ectopic, "hypotension", "missed-period")]
    [InlineData(Pid, "dyspareunia", "vaginal-discharge")]
    public void Each_finding_moves_its_condition_both_ways_at_every_reproductive_age(string condition, string finding, string alsoPresent)
    {
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(16, 45)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Female).Initial("pain-lower-back").Present("pain-abdomen").Present(alsoPresent);
            var (present, unknown, absent) = Directions(condition, Base, finding);
            return present > unknown && unknown > absent;
        }), maxTest: 15);
    }

    [Fact]
    public void Dyspareunia_background_is_the_sourced_population_rate_and_bounds_its_pairs()
    {
        SourcedBackground("dyspareunia", 0.075, "Mitchell-2017-Natsal3-dyspareunia", "population", 6669);

        // Only the PID pair uses it: the endometriosis share was held back for the menstrual label (see Research/thinvisc.md).
        var pairs = PairsWithinBackground("dyspareunia");
        Assert.Equal([Pid], pairs.Where(p => !p.Residual).Select(p => p.ConditionId).Distinct());
    }

    [Fact]
    public void Vomiting_and_feeling_sick_count_once_for_ectopic_pregnancy()
    {
        // Vomiting and nausea imply the nausea-vomiting answer; with all three answered yes the condition's own evidence
        // (its log-odds) is the stronger answer alone, never more, so the follow-up questions do not count the symptom
        // again. Its normalized share may still move: another condition with a pair of its own on nausea (myeloma,
        // Shephard 2015) rises with that answer.
        Properties.Check(Prop.ForAll(Arb.From(Gen.Choose(16, 45)), age =>
        {
            CaseBuilder Base() => Case.For(age, Sex.Female).Initial("pain-lower-back").Present("pain-abdomen");
            var one = Ranked(Ectopic, Base().Present("nausea-vomiting")).LogOdds;
            var all = Ranked(Ectopic, Base().Present("nausea-vomiting").Present("vomiting").Present("nausea")).LogOdds;
            return Math.Abs(all - one) < 1e-9;
        }), maxTest: 15);
    }
}
