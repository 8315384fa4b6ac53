using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests;

/// <summary>Generators of valid domain values over the default knowledge base.</summary>
internal static class Generators
{
    public static KnowledgeBase Knowledge => KnowledgeBase.Default;

    /// <summary>Findings a case may state: every non-composite finding.</summary>
    public static readonly string[] StatableFindings =
        [.. Knowledge.Findings.Where(f => !f.IsComposite).Select(f => f.Id)];

    public static Gen<PatientProfile> Profiles =>
        from age in Gen.Choose(0, 120)
        from sex in Gen.Elements(Sex.Female, Sex.Female, Sex.Male, Sex.Male, Sex.Unknown)
        from pregnant in Gen.Elements(false, false, false, true)
        select new PatientProfile
        {
            Age = age,
            Sex = sex,
            IsPregnant = sex == Sex.Female && pregnant && age is >= 14 and <= 50,
        };

    /// <summary>Valid cases: distinct findings, random states, at most one present option per one-of question.</summary>
    public static Gen<Case> Cases =>
        from profile in Profiles
        from count in Gen.Choose(0, 25)
        from picks in Gen.ArrayOf(Gen.Elements(StatableFindings), count)
        from states in Gen.ArrayOf(Gen.Elements(EvidenceState.Present, EvidenceState.Absent, EvidenceState.Present), count)
        from origins in Gen.ArrayOf(Gen.Elements(Enum.GetValues<EvidenceOrigin>()), count)
        select MakeValid(profile, picks, states, origins);

    public static Arbitrary<Case> CaseArb => Arb.From(Cases);

    private static Case MakeValid(PatientProfile profile, string[] picks, EvidenceState[] states, EvidenceOrigin[] origins)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var presentGroups = new HashSet<string>(StringComparer.Ordinal);
        var evidence = new List<Evidence>();
        for (var i = 0; i < picks.Length; i++)
        {
            if (!seen.Add(picks[i]))
            {
                continue;
            }

            var state = states[i];
            if (state == EvidenceState.Present && Knowledge.SingleChoiceGroupOf(picks[i]) is { } group && !presentGroups.Add(group.Id))
            {
                state = EvidenceState.Absent;
            }

            evidence.Add(new Evidence { FindingId = picks[i], State = state, Origin = origins[i], IsInitial = origins[i] == EvidenceOrigin.Initial });
        }

        return Case.Create(profile, evidence);
    }

    /// <summary>Whether a finding can be added as present without breaking a one-of question.</summary>
    public static bool CanAddPresent(Case patientCase, string findingId) =>
        patientCase.Evidence.All(e => e.FindingId != findingId)
        && (Knowledge.SingleChoiceGroupOf(findingId) is not { } group
            || group.Options.All(o => patientCase.StateOf(o.FindingId) != EvidenceState.Present));

    public static Case Shuffle(Case patientCase, int seed)
    {
        var random = new Random(seed);
        return Case.Create(patientCase.Profile, patientCase.Evidence.OrderBy(_ => random.Next()));
    }
}
