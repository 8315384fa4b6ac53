using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Tests.Triage;

/// <summary>
/// The presentations that were triaged below their urgency (or above it) when the library was tried on cases written by
/// others, each reproduced as a test of the combined level (red-flag rules, then care levels from the differential).
/// </summary>
public sealed class ReportedScenarioTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static TriageResult Triage(CaseBuilder builder)
    {
        var c = builder.Build();
        return TriageCombiner.Combine(new RedFlagEvaluator(Kb).Evaluate(c), new DifferentialEngine(Kb).Score(c), Kb);
    }

    private static TriageLevel Level(CaseBuilder builder) => Triage(builder).Level;

    [Fact]
    public void Young_woman_with_back_and_belly_pain_fainting_and_vomiting_goes_to_emergency()
    {
        Assert.True(Level(Case.For(28, Sex.Female).Present("pain-lower-back", "pain-abdomen", "fainting-collapse", "nausea-vomiting")) >= TriageLevel.Emergency);
    }

    [Fact]
    public void Belly_pain_in_a_woman_of_reproductive_age_asks_about_pregnancy()
    {
        var result = Triage(Case.For(28, Sex.Female).Present("pain-lower-back", "pain-abdomen", "nausea-vomiting"));
        Assert.Contains(result.OpenQuestions, q => q.FindingId == "could-be-pregnant" && q.CouldRaiseTo >= TriageLevel.Emergency);
        Assert.Contains(result.OpenQuestions, q => q.FindingId == "shoulder-tip-pain");
        Assert.True(Level(Case.For(28, Sex.Female).Present("pain-lower-back", "pain-abdomen", "could-be-pregnant")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(28, Sex.Female).Present("pain-abdomen", "missed-period", "shoulder-tip-pain")) >= TriageLevel.Emergency);
    }

    [Theory]
    [InlineData(55)]
    [InlineData(62)]
    [InlineData(70)]
    public void Sudden_severe_back_or_flank_pain_from_50_goes_to_emergency_without_smoking_or_tearing(int age)
    {
        Assert.True(Level(Case.For(age, Sex.Male).Present("pain-lower-back", "onset-sudden-severe").Absent("smoking", "pain-tearing")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(age, Sex.Female).Present("pain-flank", "onset-sudden-severe").Absent("smoking", "pain-tearing")) >= TriageLevel.Emergency);
    }

    [Fact]
    public void A_first_renal_colic_over_60_is_treated_as_a_possible_leaking_aneurysm()
    {
        Assert.True(Level(Case.For(64, Sex.Male).Present("pain-flank", "pain-colicky").Absent("history-kidney-stones")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(45, Sex.Male).Present("pain-flank", "pain-colicky", "blood-in-urine")) >= TriageLevel.Consultation24);
    }

    [Fact]
    public void A_likely_aneurysm_is_not_capped_at_24_hours()
    {
        var c = Case.For(72, Sex.Male).Present("pain-lower-back", "pulsatile-abdominal-mass", "smoking").Build();
        var rulesOnly = new RedFlagEvaluator(Kb).Evaluate(c) with { Level = TriageLevel.SelfCare };
        var combined = TriageCombiner.Combine(rulesOnly, new DifferentialEngine(Kb).Score(c), Kb);
        Assert.Equal(TriageLevel.EmergencyAmbulance, combined.Level);
    }

    [Fact]
    public void Sepsis_features_a_person_notices_raise_to_an_ambulance()
    {
        foreach (var sign in new[] { "new-confusion", "mottled-or-blue-skin", "not-passing-urine", "breathless" })
        {
            Assert.Equal(TriageLevel.EmergencyAmbulance, Level(Case.For(50, Sex.Female).Present("pain-flank", "fever-or-chills", sign)));
        }

        Assert.Equal(TriageLevel.EmergencyAmbulance, Level(Case.For(50, Sex.Female).Present("pain-lower-back", "rigors", "new-confusion")));
    }

    [Fact]
    public void Flank_pain_with_fever_in_pregnancy_or_at_78_goes_to_emergency()
    {
        Assert.True(Level(Case.For(30, Sex.Female).Pregnant().Present("pain-flank", "fever-or-chills")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(78, Sex.Male).Present("pain-flank", "fever-or-chills")) >= TriageLevel.Emergency);
        // Measured after issue 14: EmergencyAmbulance, an over-triage. The aneurysm prior lost the former x0.25 below 60
        // (an unsourced step) and no sourced age curve for it is entered yet, so flank pain raises it at 30. Kept at
        // "at least Consultation24" until an aneurysm age curve from sources is added; reported to the lead.
        Assert.True(Level(Case.For(30, Sex.Male).Present("pain-flank", "fever-or-chills").Absent("nausea-vomiting")) >= TriageLevel.Consultation24);
    }

    [Fact]
    public void Low_blood_pressure_or_a_fast_pulse_with_back_pain_raises_triage_without_fever()
    {
        Assert.Equal(TriageLevel.EmergencyAmbulance, Level(Case.For(60, Sex.Male).Present("pain-lower-back", "hypotension").Absent("fever-or-chills")));
        Assert.True(Level(Case.For(40, Sex.Male).Present("pain-lower-back", "tachycardia").Absent("fever-or-chills")) >= TriageLevel.Consultation24);
        Assert.True(Level(Case.For(40, Sex.Male).Present("pain-flank", "tachycardia").Absent("fever-or-chills")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(40, Sex.Male).Present("pain-lower-back", "heart-rate-over-130")) >= TriageLevel.Emergency);
    }

    [Fact]
    public void Injecting_drugs_with_worsening_constant_back_pain_goes_to_emergency_without_fever()
    {
        Assert.True(Level(Case.For(34, Sex.Male).Present("pain-lower-back", "iv-drug-use", "pain-constant-progressive").Absent("fever-or-chills")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(34, Sex.Male).Present("pain-lower-back", "iv-drug-use").Absent("fever-or-chills")) >= TriageLevel.Consultation24);
    }

    [Fact]
    public void Hip_emergencies_are_not_left_at_24_hours()
    {
        Assert.True(Level(Case.For(45, Sex.Female).Present("pain-hip", "sudden-hip-swelling").Absent("fever-or-chills")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(5, Sex.Male).Present("pain-hip", "limp", "fever-or-chills")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(74, Sex.Female).Present("pain-hip", "pain-hip-replacement")) >= TriageLevel.Consultation);
        Assert.True(Level(Case.For(74, Sex.Female).Present("pain-hip", "pain-hip-replacement", "fever-or-chills")) >= TriageLevel.Emergency);
        foreach (var site in new[] { "pain-hip", "pain-thigh", "pain-knee" })
        {
            Assert.True(Level(Case.For(13, Sex.Male).Present(site, "cannot-bear-weight")) >= TriageLevel.Emergency, site);
        }
    }

    [Fact]
    public void Numbness_or_weakness_in_both_legs_and_new_bilateral_sciatica_are_cauda_equina_flags()
    {
        Assert.True(Level(Case.For(45, Sex.Male).Present("pain-lower-back", "leg-weakness-both-legs")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(45, Sex.Male).Present("pain-lower-back", "leg-numbness-both-legs")) >= TriageLevel.Consultation24);
        Assert.True(Level(Case.For(45, Sex.Male).Present("pain-lower-back", "leg-numbness-both-legs", "bilateral-leg-pain-new")) >= TriageLevel.Emergency);
        var sciatica = Triage(Case.For(45, Sex.Male).Present("pain-lower-back", "bilateral-leg-pain-new"));
        Assert.True(sciatica.Level >= TriageLevel.Consultation24);
        Assert.Contains(sciatica.FiredRules, r => r.Pathology == RedFlagPathology.CaudaEquina);
    }

    [Fact]
    public void A_teenage_boy_with_sudden_groin_and_belly_pain_and_vomiting_goes_to_emergency()
    {
        Assert.True(Level(Case.For(15, Sex.Male).Present("pain-groin", "pain-abdomen", "nausea-vomiting")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(15, Sex.Male).Present("pain-groin", "scrotal-pain")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(60, Sex.Male).Present("pain-groin", "groin-lump-painful-irreducible")) >= TriageLevel.Emergency);
    }

    [Theory]
    [InlineData(65, "pain-hip")]
    [InlineData(67, "pain-groin")]
    [InlineData(69, "pain-buttock")]
    [InlineData(80, "pain-pubic")]
    public void A_fall_from_65_with_hip_groin_or_buttock_pain_goes_to_an_emergency_department_even_when_walking(int age, string site)
    {
        // Impacted neck-of-femur fractures (about 15%) and pubic ramus fractures still allow walking (RCEM Learning; Reito 2019).
        Assert.True(Level(Case.For(age, Sex.Female).Present(site, "fall-or-trauma").Absent("cannot-bear-weight")) >= TriageLevel.Emergency);
        // The age limit is exact: at 64 neither older-age fall rule fires.
        var younger = Triage(Case.For(64, Sex.Female).Present(site, "fall-or-trauma").Absent("cannot-bear-weight"));
        Assert.DoesNotContain(younger.FiredRules, f => f.RuleId is "fracture-older-age-hip" or "fracture-older-age-spine");
    }

    [Fact]
    public void A_minor_injury_to_a_stiff_inflamed_spine_goes_to_emergency()
    {
        Assert.True(Level(Case.For(58, Sex.Male).Present("pain-lower-back", "known-ankylosing-spondylitis", "fall-or-trauma").Absent("major-trauma")) >= TriageLevel.Emergency);
        Assert.True(Level(Case.For(58, Sex.Female).Present("pain-lower-back", "long-term-corticosteroids", "fall-or-trauma")) >= TriageLevel.Consultation24);
    }

    [Fact]
    public void Pregnancy_emergencies_go_to_emergency()
    {
        static CaseBuilder Pregnant() => Case.For(31, Sex.Female).Pregnant();
        Assert.True(Level(Pregnant().Present("pain-lower-back", "pain-abdomen", "pain-colicky", "pain-severe")) >= TriageLevel.Emergency);
        Assert.True(Level(Pregnant().Present("pain-lower-back", "vaginal-bleeding")) >= TriageLevel.Emergency);
        Assert.True(Level(Pregnant().Present("pain-lower-back", "pregnancy-fluid-leak")) >= TriageLevel.Emergency);
        Assert.True(Level(Pregnant().Present("pain-lower-back", "severe-headache-visual-disturbance")) >= TriageLevel.Emergency);
        // Measured after issue 14: Consultation24 (an over-triage from the pain maps); at least Consultation is what matters.
        Assert.True(Level(Pregnant().Present("pain-pubic", "pain-sacroiliac").Absent("vaginal-bleeding", "pregnancy-contractions", "pregnancy-fluid-leak", "fever-or-chills")) >= TriageLevel.Consultation);
    }

    [Fact]
    public void A_person_can_report_a_pulsing_belly()
    {
        var finding = Kb.GetFinding("pulsating-abdomen");
        Assert.Equal(Respondent.Person, finding.AnsweredBy);
        Assert.True(Level(Case.For(68, Sex.Male).Present("pain-lower-back", "pulsating-abdomen")) >= TriageLevel.Emergency);
    }

    [Fact]
    public void New_sexual_dysfunction_alone_is_not_an_emergency_but_with_another_cauda_equina_feature_it_is()
    {
        var alone = Triage(Case.For(40, Sex.Male).Present("pain-lower-back", "sexual-dysfunction-new"));
        Assert.Equal(TriageLevel.Consultation24, alone.Level);
        Assert.True(Level(Case.For(40, Sex.Male).Present("pain-lower-back", "sexual-dysfunction-new", "bilateral-leg-pain-new")) >= TriageLevel.Emergency);
    }

    [Fact]
    public void Chronic_bilateral_leg_pain_of_stenosis_fires_no_cauda_equina_rule()
    {
        var result = Triage(Case.For(72, Sex.Male).Present("pain-lower-back", "bilateral-leg-pain", "duration-over-12-weeks", "worse-walking", "relieved-sitting"));
        Assert.DoesNotContain(result.FiredRules, r => r.Pathology == RedFlagPathology.CaudaEquina);
        Assert.True(result.Level < TriageLevel.Consultation24, result.Level.ToString());
    }

    [Fact]
    public void An_unrelated_present_finding_never_lowers_the_combined_level()
    {
        foreach (var age in new[] { 35, 55, 75 })
        {
            var before = Case.For(age, Sex.Female).Present("cannot-lie-flat");
            var after = Case.For(age, Sex.Female).Present("cannot-lie-flat", "pain-buttock");
            Assert.True(Level(after) >= Level(before), age.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Children_are_supported_with_paediatric_hip_rules()
    {
        var toddler = Case.For(2, Sex.Female).Present("limp").Build();
        Assert.True(Kb.Validate(toddler).IsValid);
        Assert.True(Level(Case.For(2, Sex.Female).Present("limp")) >= TriageLevel.Consultation24);
        Assert.True(Level(Case.For(7, Sex.Male).Present("pain-hip", "limp")) >= TriageLevel.Consultation);
        Assert.True(Level(Case.For(12, Sex.Male).Present("pain-knee", "limp")) >= TriageLevel.Consultation24);
    }
}
