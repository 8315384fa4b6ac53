using System.Collections.Immutable;
using System.Globalization;

namespace BackHip.Domain.Triage;

/// <summary>One canonical case of the safety floor: a presentation and the least urgent level its red-flag rules must reach.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SafetyFloorCase
{
    /// <summary>A stable id, such as <c>saddle-numbness</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The guideline statement the case encodes, in a few words.</summary>
    public required string Statement { get; init; }

    /// <summary>The person's age in years.</summary>
    public required int Age { get; init; }

    /// <summary>The person's sex.</summary>
    public required Sex Sex { get; init; }

    /// <summary>Whether the person is pregnant.</summary>
    public bool IsPregnant { get; init; }

    /// <summary>The findings stated present; every other finding is unknown.</summary>
    public required ImmutableArray<string> Present { get; init; }

    /// <summary>The least urgent level the red-flag rules of any knowledge base must give this case.</summary>
    public required TriageLevel MinimumLevel { get; init; }

    /// <summary>The keys of the sources behind the statement, as in the embedded <c>sources.json</c>.</summary>
    public required ImmutableArray<string> SourceKeys { get; init; }

    /// <summary>The case as a <see cref="Domain.Case"/>.</summary>
    /// <returns>The case.</returns>
    public Case ToCase()
    {
        var profile = new PatientProfile { Age = Age, Sex = Sex, IsPregnant = IsPregnant };
        return Case.Create(profile, Present.Select(f => new Evidence { FindingId = f, State = EvidenceState.Present }));
    }
}

/// <summary>
/// The safety floor: canonical cases with the minimum triage level their red-flag rules must reach, checked against every
/// knowledge base when it is loaded, custom ones included.
/// </summary>
/// <remarks>
/// <para>The floor is part of the library, not of the knowledge files, so a custom knowledge base cannot replace it.
/// <see cref="KnowledgeBase.Load(KnowledgeFiles)"/> rejects a knowledge base that lacks a finding a floor case needs or
/// whose rules triage any floor case below its minimum, naming the case and both levels. Researchers who study rule
/// changes can load with <see cref="KnowledgeBase.LoadWaivingSafetyFloor"/>, which marks the knowledge base as unsafe.</para>
/// <para>The floor reads the red-flag rules only (not the differential), because rules, not probabilities, carry triage
/// safety. Thread-safe.</para>
/// </remarks>
public static class SafetyFloor
{
    /// <summary>The canonical cases, in a stable order.</summary>
    public static ImmutableArray<SafetyFloorCase> Cases { get; } = BuildCases();

    /// <summary>Builds the canonical cases (once, for <see cref="Cases"/>).</summary>
    /// <returns>The cases, in a stable order.</returns>
    /// <remarks>A method rather than a static initializer so that mutation testing can see its mutants: a static
    /// initializer runs once per test host, before any mutant is active, and the tests call this method afresh.</remarks>
    internal static ImmutableArray<SafetyFloorCase> BuildCases()
    {
        ImmutableArray<string> ces = ["GIRFT-CES-2023", "S63c"];
        return
        [
            C("saddle-numbness", "Saddle numbness with back pain is suspected cauda equina syndrome.", 45, Sex.Male, ["pain-lower-back", "saddle-numbness"], TriageLevel.Emergency, ces),
            C("new-bladder-dysfunction", "New bladder dysfunction with back pain is suspected cauda equina syndrome.", 45, Sex.Female, ["pain-lower-back", "bladder-dysfunction"], TriageLevel.Emergency, ces),
            C("bowel-incontinence", "New loss of bowel control with back pain is suspected cauda equina syndrome.", 50, Sex.Male, ["pain-lower-back", "bowel-dysfunction"], TriageLevel.Emergency, ces),
            C("progressive-leg-weakness", "Severe or progressive leg weakness needs emergency assessment.", 40, Sex.Male, ["pain-lower-back", "leg-weakness-progressive"], TriageLevel.Emergency, ["S62b", "S65b"]),
            C("weakness-both-legs", "A neurological deficit in both legs is a cauda equina or cord compression flag.", 55, Sex.Female, ["pain-lower-back", "leg-weakness-both-legs"], TriageLevel.Emergency, ces),
            C("reduced-anal-tone", "Reduced anal tone on examination is a cauda equina sign.", 50, Sex.Male, ["pain-lower-back", "reduced-anal-tone"], TriageLevel.Emergency, ["S65b"]),
            C("major-trauma", "Back pain after major trauma needs emergency assessment.", 35, Sex.Male, ["pain-lower-back", "fall-or-trauma", "major-trauma"], TriageLevel.Emergency, ["NICE-NG41", "S67b"]),
            C("ankylosed-spine-fall", "Any injury to an ankylosed spine is high risk for fracture.", 60, Sex.Male, ["pain-lower-back", "known-ankylosing-spondylitis", "fall-or-trauma"], TriageLevel.Emergency, ["NICE-NG41"]),
            C("fever-and-leg-weakness", "Fever with back pain and leg weakness is suspected spinal infection with cord or root compromise.", 60, Sex.Male, ["pain-lower-back", "fever-or-chills", "leg-weakness"], TriageLevel.Emergency, ["S30c"]),
            C("fever-injecting-drugs", "Fever with back pain in a person who injects drugs is suspected spinal infection.", 35, Sex.Male, ["pain-lower-back", "fever-or-chills", "iv-drug-use"], TriageLevel.Emergency, ["NICE-NG253", "IFOMPT-2020"]),
            C("fever-over-75", "Fever with flank pain at 75 or over is a sepsis risk.", 78, Sex.Female, ["pain-flank", "fever-or-chills"], TriageLevel.Emergency, ["NICE-NG253"]),
            C("sepsis-confusion", "A possible infection with new confusion is a sepsis high-risk criterion.", 50, Sex.Female, ["pain-flank", "fever-or-chills", "new-confusion"], TriageLevel.EmergencyAmbulance, ["NICE-NG253"]),
            C("cancer-with-weakness", "Back pain, a cancer history and leg weakness is suspected spinal cord compression.", 65, Sex.Female, ["pain-lower-back", "history-of-cancer", "leg-weakness"], TriageLevel.Emergency, ["S67b"]),
            C("cancer-history", "New back pain with a history of cancer needs urgent review.", 60, Sex.Male, ["pain-lower-back", "history-of-cancer"], TriageLevel.Consultation24, ["S67b"]),
            C("fever-back-pain", "Fever with back pain needs same-day review.", 40, Sex.Female, ["pain-lower-back", "fever-or-chills"], TriageLevel.Consultation24, ["S67b"]),
            C("pulsatile-mass", "A pulsatile abdominal mass with back pain is a symptomatic aneurysm until shown otherwise.", 70, Sex.Male, ["pain-lower-back", "pulsatile-abdominal-mass"], TriageLevel.Emergency, ["NICE-NG156"]),
            C("pulsing-belly", "A pulsing feeling in the belly with back pain is a symptomatic aneurysm until shown otherwise.", 68, Sex.Male, ["pain-lower-back", "pulsating-abdomen"], TriageLevel.Emergency, ["NICE-NG156"]),
            C("sudden-severe-back-pain-60", "Sudden severe back pain at 60 or over is a possible leaking aneurysm.", 60, Sex.Male, ["pain-lower-back", "onset-sudden-severe"], TriageLevel.Emergency, ["NICE-NG156"]),
            C("collapse-with-sudden-pain", "Collapse with sudden severe back pain is a possible ruptured aneurysm.", 70, Sex.Male, ["pain-lower-back", "onset-sudden-severe", "fainting-collapse"], TriageLevel.EmergencyAmbulance, ["NICE-NG156"]),
            C("low-blood-pressure-flank-pain", "Low blood pressure with flank pain is shock until shown otherwise.", 55, Sex.Female, ["pain-flank", "hypotension"], TriageLevel.EmergencyAmbulance, ["NICE-NG253", "NICE-NG156"]),
            C("tearing-pain", "Sudden tearing pain is a possible aortic dissection.", 55, Sex.Male, ["pain-lower-back", "pain-tearing", "onset-sudden-severe"], TriageLevel.Emergency, ["ESC-AORTA-2014"]),
            C("hot-swollen-hip", "A hot swollen hip is septic arthritis until shown otherwise, even without fever.", 45, Sex.Female, ["pain-hip", "sudden-hip-swelling"], TriageLevel.Emergency, ["BSR-2006-HSJ"]),
            C("hip-fracture-after-fall", "A fall with hip pain and inability to bear weight is a hip fracture until shown otherwise.", 80, Sex.Female, ["pain-hip", "fall-or-trauma", "cannot-bear-weight"], TriageLevel.Emergency, ["NICE-CG124"]),
            C("fall-at-66", "A fall at 65 or over with hip or groin pain needs an X-ray in an emergency department even when walking.", 66, Sex.Female, ["pain-groin", "fall-or-trauma"], TriageLevel.Emergency, ["RCEM-Learning-NOF", "BMJBP-hipfracture-2024"]),
            C("limping-child-fever", "A child with a limp and fever needs emergency assessment.", 6, Sex.Male, ["pain-hip", "limp", "fever-or-chills"], TriageLevel.Emergency, ["RCHT-limp-2021"]),
            C("adolescent-non-weight-bearing", "An adolescent with hip or knee pain who cannot bear weight may have an unstable slipped epiphysis.", 13, Sex.Male, ["pain-knee", "cannot-bear-weight"], TriageLevel.Emergency, ["Peck2017"]),
            C("scrotal-pain", "Testicular pain is torsion until shown otherwise.", 15, Sex.Male, ["pain-groin", "scrotal-pain"], TriageLevel.Emergency, ["QLD-scrotal"]),
            C("irreducible-groin-lump", "A painful groin lump that will not reduce is a strangulated hernia until shown otherwise.", 60, Sex.Female, ["pain-groin", "groin-lump-painful-irreducible"], TriageLevel.Emergency, ["HERNIASURGE-2018"]),
            C("possible-pregnancy-shoulder-tip", "Possible pregnancy with shoulder-tip pain is a possible ruptured ectopic pregnancy.", 28, Sex.Female, ["pain-lower-back", "pain-abdomen", "could-be-pregnant", "shoulder-tip-pain"], TriageLevel.Emergency, ["NICE-NG126"]),
            C("pregnancy-bleeding", "Vaginal bleeding with pain in pregnancy needs assessment now.", 30, Sex.Female, ["pain-lower-back", "vaginal-bleeding"], TriageLevel.Emergency, ["NICE-NG126", "NICE-NG25"], pregnant: true),
            C("pregnancy-contractions", "Regular painful tightenings in pregnancy need maternity assessment now.", 30, Sex.Female, ["pain-lower-back", "pregnancy-contractions"], TriageLevel.Emergency, ["NICE-NG25"], pregnant: true),
            C("saddle-anaesthesia", "Saddle anaesthesia is the same cauda equina flag as saddle numbness, whichever finding records it.", 45, Sex.Female, ["pain-lower-back", "saddle-anaesthesia"], TriageLevel.Emergency, ces),
            C("urinary-retention", "Urinary retention with back pain is suspected cauda equina syndrome.", 50, Sex.Male, ["pain-lower-back", "urinary-retention"], TriageLevel.Emergency, ces),
            C("cold-pale-leg-with-back-pain", "An ischaemic leg with back pain is a possible aortic dissection.", 55, Sex.Male, ["pain-lower-back", "cold-pale-leg"], TriageLevel.EmergencyAmbulance, ["ESC-AORTA-2014"]),
            C("painful-hip-replacement", "A newly painful hip replacement needs a clinician and the orthopaedic team.", 72, Sex.Female, ["pain-hip", "pain-hip-replacement"], TriageLevel.Consultation, ["BSR-2006-HSJ"]),
        ];
    }

    /// <summary>Checks a knowledge base against every floor case.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>One problem per case the knowledge base cannot read or triages below its minimum; empty when it holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public static ImmutableArray<ValidationProblem> Check(KnowledgeBase knowledge)
    {
        // Stryker disable once Statement : equivalent; the evaluator built next rejects a null knowledge base with the same exception and parameter name
        ArgumentNullException.ThrowIfNull(knowledge);
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        var evaluator = new RedFlagEvaluator(knowledge);
        foreach (var floorCase in Cases)
        {
            var missing = floorCase.Present.Where(f => !knowledge.TryGetFinding(f, out _)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new ValidationProblem
                {
                    Code = "safety-floor",
                    Message = $"Safety-floor case '{floorCase.Id}' needs finding(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the knowledge base lacks ({floorCase.Statement}).",
                    File = KnowledgeFiles.Findings,
                    Id = floorCase.Id,
                });
                continue;
            }

            var level = evaluator.EvaluateLevel(floorCase.ToCase());
            if (level < floorCase.MinimumLevel)
            {
                problems.Add(new ValidationProblem
                {
                    Code = "safety-floor",
                    Message = string.Create(CultureInfo.InvariantCulture, $"Safety-floor case '{floorCase.Id}' is triaged {level} but must reach at least {floorCase.MinimumLevel}: {floorCase.Statement} Present: {string.Join(", ", floorCase.Present)}."),
                    File = KnowledgeFiles.RedFlags,
                    Id = floorCase.Id,
                });
            }
        }

        return problems.ToImmutable();
    }

    private static SafetyFloorCase C(string id, string statement, int age, Sex sex, ImmutableArray<string> present, TriageLevel minimum, ImmutableArray<string> sources, bool pregnant = false) =>
        new() { Id = id, Statement = statement, Age = age, Sex = sex, IsPregnant = pregnant, Present = present, MinimumLevel = minimum, SourceKeys = sources };
}
