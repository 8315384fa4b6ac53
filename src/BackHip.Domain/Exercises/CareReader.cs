using System.Collections.Immutable;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Exercises;

/// <summary>Reads and checks care.json: contraindication rules, self-care steps, treatments with their guideline stances,
/// referrals and stop rules, and puts them together with the exercise catalog.</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class CareReader(KnowledgeValidationContext context)
{
    private CareFileDto? _dto;

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.Care, CareJsonContext.Default.CareFileDto);

    /// <summary>Checks and builds the care knowledge (after conditions and findings are declared).</summary>
    /// <param name="exercises">The exercise catalog, or <see langword="null"/> when exercises.json could not be read.</param>
    /// <returns>The care knowledge, or <see langword="null"/> when either file could not be read.</returns>
    public CareKnowledge? Build(ExerciseCatalog? exercises)
    {
        var careDto = _dto;
        if (careDto is null || exercises is null)
        {
            return null;
        }

        const string file = KnowledgeFiles.Care;
        context.CheckSchema(careDto.SchemaVersion, file);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rules = ImmutableArray.CreateBuilder<ContraindicationRule>();
        var rlist = careDto.ContraindicationRules ?? [];
        for (var i = 0; i < rlist.Count; i++)
        {
            var path = $"$.contraindicationRules[{i}]";
            var r = rlist[i];
            if (r is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(r.Id, file, r.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", ids, "care");
            var conditions = context.CheckConditionIds(r.Conditions, file, id, path + ".conditions");
            var findings = context.CheckFindingIds(r.Findings, file, id, path + ".findings");
            var unlessPresent = context.CheckFindingIds(r.UnlessPresent, file, id, path + ".unlessPresent");
            if (conditions.IsEmpty && findings.IsEmpty && r.Pregnant != true && r.MinAge is null && r.MaxAge is null)
            {
                context.Problem("empty-logic", "A contraindication rule needs conditions, findings, pregnant or an age band.", file, id, path);
            }

            if (r.MinAge is < 0 or > 120 || r.MaxAge is < 0 or > 120 || (r.MinAge is { } lo && r.MaxAge is { } hi && lo > hi))
            {
                context.Problem("out-of-range", "A contraindication rule's age band must lie within 0-120 with minAge <= maxAge.", file, id, path);
            }

            if (r.UnlessAbsent is not null && !context.FindingIds.Contains(r.UnlessAbsent))
            {
                context.Problem("dangling-reference", $"Finding '{r.UnlessAbsent}' is not in {KnowledgeFiles.Findings}.", file, id, path + ".unlessAbsent");
            }

            var sex = context.ParseEnum<Sex>(r.Sex, file, id, path + ".sex", required: false);
            var tag = context.ParseEnum<LoadTag>(r.ExcludesTag, file, id, path + ".excludesTag", required: false);
            var position = context.ParseEnum<BodyPosition>(r.ExcludesPosition, file, id, path + ".excludesPosition", required: false);
            if ((r.ExcludesTag is null) == (r.ExcludesPosition is null))
            {
                context.Problem("empty-logic", "A contraindication rule needs exactly one of excludesTag or excludesPosition.", file, id, path);
            }

            var reason = context.Required(r.Reason, file, id, path + ".reason", "reason");
            var grade = context.CheckGraded(r.Source, r.Grade, r.Rationale, file, id, path);
            if (id is not null && reason is not null && grade is not null && r.Source is not null && (tag is not null || position is not null))
            {
                rules.Add(new ContraindicationRule
                {
                    Id = id, ConditionIds = conditions, FindingIds = findings, Pregnant = r.Pregnant ?? false, UnlessAbsentFindingId = r.UnlessAbsent,
                    UnlessPresentFindingIds = unlessPresent, Sex = sex, MinAge = r.MinAge, MaxAge = r.MaxAge,
                    ExcludesTag = tag, ExcludesPosition = position, Reason = reason, SourceKey = r.Source, Grade = grade.Value, Rationale = r.Rationale,
                });
            }
        }

        var selfCare = ImmutableArray.CreateBuilder<SelfCareStep>();
        var slist = careDto.SelfCare ?? [];
        for (var i = 0; i < slist.Count; i++)
        {
            var path = $"$.selfCare[{i}]";
            var c = slist[i];
            var id = context.Required(c?.Id, file, c?.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", ids, "care");
            var text = context.Required(c?.Text, file, id, path + ".text", "text");
            var categories = context.ParseEnums<ConditionCategory>(c?.Categories, file, id, path + ".categories", requireOne: false);
            var conditions = context.CheckConditionIds(c?.Conditions, file, id, path + ".conditions");
            if (categories.IsEmpty && conditions.IsEmpty)
            {
                context.Problem("empty-logic", "A self-care step needs categories or conditions it applies to.", file, id, path);
            }

            var sources = context.CheckSources(c?.Sources, file, id, path + ".sources");
            var grade = context.ParseEnum<EvidenceGrade>(c?.Grade, file, id, path + ".grade");
            if (id is not null && text is not null && grade is not null)
            {
                selfCare.Add(new SelfCareStep { Id = id, Text = text, Categories = categories, ConditionIds = conditions, SourceKeys = sources, Grade = grade.Value });
            }
        }

        var treatments = ImmutableArray.CreateBuilder<TreatmentOption>();
        var tlist = careDto.Treatments ?? [];
        for (var i = 0; i < tlist.Count; i++)
        {
            var path = $"$.treatments[{i}]";
            var t = tlist[i];
            var id = context.Required(t?.Id, file, t?.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", ids, "care");
            var name = context.Required(t?.Name, file, id, path + ".name", "name");
            var conditions = context.CheckConditionIds(t?.Conditions, file, id, path + ".conditions");
            if (conditions.IsEmpty)
            {
                context.Problem("missing-field", "A treatment needs at least one condition.", file, id, path + ".conditions");
            }

            var clinician = context.ParseEnum<Clinician>(t?.Clinician, file, id, path + ".clinician");
            var sources = context.CheckSources(t?.Sources, file, id, path + ".sources");
            var grade = context.ParseEnum<EvidenceGrade>(t?.Grade, file, id, path + ".grade");
            if (grade == EvidenceGrade.Estimate && string.IsNullOrWhiteSpace(t?.Rationale))
            {
                context.Problem("missing-rationale", "An entry graded 'estimate' needs a one-line rationale.", file, id, path + ".rationale");
            }

            var stances = BuildStances(t?.Stances, conditions, file, id, path);
            if (id is not null && name is not null && clinician is not null && grade is not null)
            {
                treatments.Add(new TreatmentOption { Id = id, Name = name, ConditionIds = conditions, Clinician = clinician.Value, SourceKeys = sources, Grade = grade.Value, Rationale = t?.Rationale, Stances = stances });
            }
        }

        var referrals = ImmutableArray.CreateBuilder<ReferralRule>();
        var flist = careDto.Referrals ?? [];
        for (var i = 0; i < flist.Count; i++)
        {
            var path = $"$.referrals[{i}]";
            var conditions = context.CheckConditionIds(flist[i]?.Conditions, file, null, path + ".conditions");
            var clinician = context.ParseEnum<Clinician>(flist[i]?.Clinician, file, null, path + ".clinician");
            var source = context.CheckSourceKey(flist[i]?.Source, file, null, path + ".source");
            var referralPhases = context.ParseEnums<PainPhase>(flist[i]?.Phases, file, null, path + ".phases", requireOne: false);
            if (flist[i]?.Reason is { } because && string.IsNullOrWhiteSpace(because))
            {
                context.Problem("missing-field", "A referral's reason must not be blank.", file, null, path + ".reason");
            }

            if (flist[i]?.Reason is not null && clinician is not null && referrals.Any(r => r.Reason is not null && r.Clinician == clinician))
            {
                // The display text keys a referral's reason by its clinician (referrals/<clinician>/reason).
                context.Problem("duplicate-id", $"Only one referral with a reason may name the clinician '{flist[i]!.Clinician}'.", file, null, path + ".reason");
            }

            if (clinician is not null && !conditions.IsEmpty)
            {
                referrals.Add(new ReferralRule { ConditionIds = conditions, Clinician = clinician.Value, SourceKey = source, Reason = flist[i]?.Reason, Phases = referralPhases });
            }
        }

        var stops = ImmutableArray.CreateBuilder<StopRule>();
        var olist = careDto.StopRules ?? [];
        for (var i = 0; i < olist.Count; i++)
        {
            var path = $"$.stopRules[{i}]";
            var o = olist[i];
            var id = context.Required(o?.Id, file, o?.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", ids, "care");
            var text = context.Required(o?.Text, file, id, path + ".text", "text");
            var sources = context.CheckSources(o?.Sources, file, id, path + ".sources");
            var grade = context.ParseEnum<EvidenceGrade>(o?.Grade, file, id, path + ".grade");
            if (grade == EvidenceGrade.Estimate && string.IsNullOrWhiteSpace(o?.Rationale))
            {
                context.Problem("missing-rationale", "An entry graded 'estimate' needs a one-line rationale.", file, id, path + ".rationale");
            }

            if (id is not null && text is not null && grade is not null)
            {
                stops.Add(new StopRule { Id = id, Text = text, SourceKeys = sources, Grade = grade.Value, Pregnant = o?.Pregnant ?? false });
            }
        }

        return new CareKnowledge(exercises, rules.ToImmutable(), selfCare.ToImmutable(), treatments.ToImmutable(), referrals.ToImmutable(), stops.ToImmutable());
    }

    /// <summary>Reads a treatment's guideline stances: each cites a source and a grade, names its jurisdiction unless it is
    /// "no guideline", covers only the treatment's own conditions, and together they cover every one of them.</summary>
    private ImmutableArray<TreatmentStance> BuildStances(List<StanceDto?>? list, ImmutableArray<string> conditions, string file, string? id, string path)
    {
        var result = ImmutableArray.CreateBuilder<TreatmentStance>();
        list ??= [];
        if (list.Count == 0)
        {
            context.Problem("missing-stance", "A treatment needs at least one guideline stance (recommend, consider, doNotOffer or noGuideline).", file, id, path + ".stances");
        }

        var covered = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < list.Count; k++)
        {
            var spath = $"{path}.stances[{k}]";
            var x = list[k];
            var stance = context.ParseEnum<GuidelineStance>(x?.Stance, file, id, spath + ".stance");
            var scope = context.Required(x?.Scope, file, id, spath + ".scope", "scope");
            var grade = context.CheckGraded(x?.Source, x?.Grade, x?.Rationale, file, id, spath);
            var stanceConditions = context.CheckConditionIds(x?.Conditions, file, id, spath + ".conditions");
            foreach (var c in stanceConditions.Where(c => !conditions.Contains(c)))
            {
                context.Problem("dangling-reference", $"Condition '{c}' is not one of the treatment's conditions.", file, id, spath + ".conditions");
            }

            if (stance is not null and not GuidelineStance.NoGuideline && string.IsNullOrWhiteSpace(x?.Jurisdiction))
            {
                context.Problem("missing-field", "A guideline stance other than 'noGuideline' needs its jurisdiction.", file, id, spath + ".jurisdiction");
            }

            covered.UnionWith(stanceConditions.IsEmpty ? conditions : stanceConditions);
            if (stance is not null && scope is not null && grade is not null && x?.Source is not null)
            {
                result.Add(new TreatmentStance
                {
                    Stance = stance.Value, Scope = scope, Jurisdiction = string.IsNullOrWhiteSpace(x.Jurisdiction) ? null : x.Jurisdiction, ConditionIds = stanceConditions,
                    SourceKey = x.Source, Grade = grade.Value, Rationale = x.Rationale,
                });
            }
        }

        foreach (var c in conditions.Where(c => list.Count > 0 && !covered.Contains(c)))
        {
            context.Problem("missing-stance", $"No guideline stance covers condition '{c}'.", file, id, path + ".stances");
        }

        return result.ToImmutable();
    }
}
