using System.Collections.Immutable;
using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Knowledge;

/// <summary>Reads, validates and compiles the knowledge files; collects every problem before failing.</summary>
internal sealed class KnowledgeLoader(KnowledgeValidationContext context)
{
    /// <summary>Checks a SNOMED CT id: 6–18 digits, no leading zero, valid Verhoeff check digit.</summary>
    internal static bool IsValidSctId(string id) => ConditionsReader.IsValidSctId(id);

    public static KnowledgeBase Load(KnowledgeFiles files)
    {
        var context = new KnowledgeValidationContext(files);
        var loader = new KnowledgeLoader(context);
        var sourcesReader = new SourcesReader(context);
        sourcesReader.Read();
        var conditionsReader = new ConditionsReader(context);
        conditionsReader.Read();
        var findingsReader = new FindingsReader(context);
        findingsReader.Read();
        var rulesReader = new RedFlagRulesReader(context);
        rulesReader.Read();
        var likelihoodsReader = new LikelihoodsReader(context);
        likelihoodsReader.Read();
        var exercisesDto = context.Read(KnowledgeFiles.Exercises, KnowledgeJsonContext.Default.ExercisesFileDto);
        var careDto = context.Read(KnowledgeFiles.Care, KnowledgeJsonContext.Default.CareFileDto);

        var sources = sourcesReader.Build();
        var conditions = conditionsReader.Build();
        var (findings, groups) = findingsReader.Build();
        var rules = rulesReader.Build();
        var likelihoods = likelihoodsReader.Build(conditions, findingsReader.Findings, findingsReader.Groups);
        var care = loader.BuildCare(exercisesDto, careDto);

        if (context.ProblemCount > 0 || likelihoods is null || care is null)
        {
            throw new BackHipValidationException("knowledge base", [.. context.Problems]);
        }

        return new KnowledgeBase(KnowledgeBase.ComputeVersion(files), sources, conditions, findings, groups, rules, likelihoods, care);
    }

    private Exercises.CareKnowledge? BuildCare(ExercisesFileDto? exercisesDto, CareFileDto? careDto)
    {
        var exercises = BuildExercises(exercisesDto);
        if (careDto is null || exercises is null)
        {
            return null;
        }

        const string file = KnowledgeFiles.Care;
        context.CheckSchema(careDto.SchemaVersion, file);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rules = ImmutableArray.CreateBuilder<Exercises.ContraindicationRule>();
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
            var tag = context.ParseEnum<Exercises.LoadTag>(r.ExcludesTag, file, id, path + ".excludesTag", required: false);
            var position = context.ParseEnum<Exercises.BodyPosition>(r.ExcludesPosition, file, id, path + ".excludesPosition", required: false);
            if ((r.ExcludesTag is null) == (r.ExcludesPosition is null))
            {
                context.Problem("empty-logic", "A contraindication rule needs exactly one of excludesTag or excludesPosition.", file, id, path);
            }

            var reason = context.Required(r.Reason, file, id, path + ".reason", "reason");
            var grade = context.CheckGraded(r.Source, r.Grade, r.Rationale, file, id, path);
            if (id is not null && reason is not null && grade is not null && r.Source is not null && (tag is not null || position is not null))
            {
                rules.Add(new Exercises.ContraindicationRule
                {
                    Id = id, ConditionIds = conditions, FindingIds = findings, Pregnant = r.Pregnant ?? false, UnlessAbsentFindingId = r.UnlessAbsent,
                    UnlessPresentFindingIds = unlessPresent, Sex = sex, MinAge = r.MinAge, MaxAge = r.MaxAge,
                    ExcludesTag = tag, ExcludesPosition = position, Reason = reason, SourceKey = r.Source, Grade = grade.Value, Rationale = r.Rationale,
                });
            }
        }

        var selfCare = ImmutableArray.CreateBuilder<Exercises.SelfCareStep>();
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
                selfCare.Add(new Exercises.SelfCareStep { Id = id, Text = text, Categories = categories, ConditionIds = conditions, SourceKeys = sources, Grade = grade.Value });
            }
        }

        var treatments = ImmutableArray.CreateBuilder<Exercises.TreatmentOption>();
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

            var clinician = context.ParseEnum<Exercises.Clinician>(t?.Clinician, file, id, path + ".clinician");
            var sources = context.CheckSources(t?.Sources, file, id, path + ".sources");
            var grade = context.ParseEnum<EvidenceGrade>(t?.Grade, file, id, path + ".grade");
            if (grade == EvidenceGrade.Estimate && string.IsNullOrWhiteSpace(t?.Rationale))
            {
                context.Problem("missing-rationale", "An entry graded 'estimate' needs a one-line rationale.", file, id, path + ".rationale");
            }

            var stances = BuildStances(t?.Stances, conditions, file, id, path);
            if (id is not null && name is not null && clinician is not null && grade is not null)
            {
                treatments.Add(new Exercises.TreatmentOption { Id = id, Name = name, ConditionIds = conditions, Clinician = clinician.Value, SourceKeys = sources, Grade = grade.Value, Rationale = t?.Rationale, Stances = stances });
            }
        }

        var referrals = ImmutableArray.CreateBuilder<Exercises.ReferralRule>();
        var flist = careDto.Referrals ?? [];
        for (var i = 0; i < flist.Count; i++)
        {
            var path = $"$.referrals[{i}]";
            var conditions = context.CheckConditionIds(flist[i]?.Conditions, file, null, path + ".conditions");
            var clinician = context.ParseEnum<Exercises.Clinician>(flist[i]?.Clinician, file, null, path + ".clinician");
            var source = context.CheckSourceKey(flist[i]?.Source, file, null, path + ".source");
            var referralPhases = context.ParseEnums<Exercises.PainPhase>(flist[i]?.Phases, file, null, path + ".phases", requireOne: false);
            if (flist[i]?.Reason is { } because && string.IsNullOrWhiteSpace(because))
            {
                context.Problem("missing-field", "A referral's reason must not be blank.", file, null, path + ".reason");
            }

            if (clinician is not null && !conditions.IsEmpty)
            {
                referrals.Add(new Exercises.ReferralRule { ConditionIds = conditions, Clinician = clinician.Value, SourceKey = source, Reason = flist[i]?.Reason, Phases = referralPhases });
            }
        }

        var stops = ImmutableArray.CreateBuilder<Exercises.StopRule>();
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
                stops.Add(new Exercises.StopRule { Id = id, Text = text, SourceKeys = sources, Grade = grade.Value, Pregnant = o?.Pregnant ?? false });
            }
        }

        return new Exercises.CareKnowledge(exercises, rules.ToImmutable(), selfCare.ToImmutable(), treatments.ToImmutable(), referrals.ToImmutable(), stops.ToImmutable());
    }

    /// <summary>Reads a treatment's guideline stances: each cites a source and a grade, names its jurisdiction unless it is
    /// "no guideline", covers only the treatment's own conditions, and together they cover every one of them.</summary>
    private ImmutableArray<Exercises.TreatmentStance> BuildStances(List<StanceDto?>? list, ImmutableArray<string> conditions, string file, string? id, string path)
    {
        var result = ImmutableArray.CreateBuilder<Exercises.TreatmentStance>();
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
            var stance = context.ParseEnum<Exercises.GuidelineStance>(x?.Stance, file, id, spath + ".stance");
            var scope = context.Required(x?.Scope, file, id, spath + ".scope", "scope");
            var grade = context.CheckGraded(x?.Source, x?.Grade, x?.Rationale, file, id, spath);
            var stanceConditions = context.CheckConditionIds(x?.Conditions, file, id, spath + ".conditions");
            foreach (var c in stanceConditions.Where(c => !conditions.Contains(c)))
            {
                context.Problem("dangling-reference", $"Condition '{c}' is not one of the treatment's conditions.", file, id, spath + ".conditions");
            }

            if (stance is not null and not Exercises.GuidelineStance.NoGuideline && string.IsNullOrWhiteSpace(x?.Jurisdiction))
            {
                context.Problem("missing-field", "A guideline stance other than 'noGuideline' needs its jurisdiction.", file, id, spath + ".jurisdiction");
            }

            covered.UnionWith(stanceConditions.IsEmpty ? conditions : stanceConditions);
            if (stance is not null && scope is not null && grade is not null && x?.Source is not null)
            {
                result.Add(new Exercises.TreatmentStance
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

    private Exercises.ExerciseCatalog? BuildExercises(ExercisesFileDto? dto)
    {
        const string file = KnowledgeFiles.Exercises;
        if (dto is null)
        {
            return null;
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<(string Id, string Target, string Path)>();
        var result = ImmutableArray.CreateBuilder<Exercises.Exercise>();
        var list = dto.Exercises ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.exercises[{i}]";
            var e = list[i];
            if (e is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var before = context.ProblemCount;
            var id = context.Required(e.Id, file, e.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", ids, "exercise");
            var name = context.Required(e.Name, file, id, path + ".name", "name");
            var category = context.ParseEnum<Exercises.ExerciseCategory>(e.Category, file, id, path + ".category");
            var position = context.ParseEnum<Exercises.BodyPosition>(e.Position, file, id, path + ".position");
            var level = context.ParseEnum<Exercises.ExerciseLevel>(e.Level, file, id, path + ".level");
            var primary = context.ParseEnums<Exercises.Muscle>(e.PrimaryMuscles, file, id, path + ".primaryMuscles", requireOne: true);
            var secondary = context.ParseEnums<Exercises.Muscle>(e.SecondaryMuscles, file, id, path + ".secondaryMuscles", requireOne: false);
            var equipment = context.ParseEnums<Exercises.Equipment>(e.Equipment, file, id, path + ".equipment", requireOne: true);
            var tags = context.ParseEnums<Exercises.LoadTag>(e.LoadTags, file, id, path + ".loadTags", requireOne: false);
            var phases = context.ParseEnums<Exercises.PainPhase>(e.Phases, file, id, path + ".phases", requireOne: true);
            var instructions = e.Instructions ?? [];
            if (instructions.Count == 0 || instructions.Any(string.IsNullOrWhiteSpace))
            {
                context.Problem("empty-instructions", "Every exercise needs step-by-step instructions, none of them blank.", file, id, path + ".instructions");
            }

            var dose = BuildDose(e.Dose, file, id, path + ".dose");
            var indications = ImmutableArray.CreateBuilder<Exercises.ExerciseIndication>();
            var ilist = e.Indications ?? [];
            if (ilist.Count == 0)
            {
                context.Problem("missing-field", "An exercise needs at least one indication.", file, id, path + ".indications");
            }

            for (var k = 0; k < ilist.Count; k++)
            {
                var ipath = $"{path}.indications[{k}]";
                var cid = context.Required(ilist[k]?.Condition, file, id, ipath + ".condition", "condition");
                if (cid is not null && !context.ConditionIds.Contains(cid))
                {
                    context.Problem("dangling-reference", $"Condition '{cid}' is not in {KnowledgeFiles.Conditions}.", file, id, ipath + ".condition");
                }

                var src = ilist[k]?.Source ?? string.Empty;
                var grade = context.CheckGraded(ilist[k]?.Source, ilist[k]?.Grade, ilist[k]?.Rationale, file, id, ipath);
                if (cid is not null && grade is not null)
                {
                    indications.Add(new Exercises.ExerciseIndication { ConditionId = cid, SourceKey = src, Grade = grade.Value, Rationale = ilist[k]?.Rationale });
                }
            }

            var contraindications = ImmutableArray.CreateBuilder<Exercises.ExerciseContraindication>();
            var clist = e.Contraindications ?? [];
            for (var k = 0; k < clist.Count; k++)
            {
                var cpath = $"{path}.contraindications[{k}]";
                var c = clist[k];
                var kinds = (c?.Condition is null ? 0 : 1) + (c?.Finding is null ? 0 : 1) + (c?.Pregnant == true ? 1 : 0);
                if (kinds != 1)
                {
                    context.Problem("empty-logic", "A contraindication needs exactly one of condition, finding or pregnant.", file, id, cpath);
                }

                if (c?.Condition is not null && !context.ConditionIds.Contains(c.Condition))
                {
                    context.Problem("dangling-reference", $"Condition '{c.Condition}' is not in {KnowledgeFiles.Conditions}.", file, id, cpath + ".condition");
                }

                if (c?.Finding is not null && !context.FindingIds.Contains(c.Finding))
                {
                    context.Problem("dangling-reference", $"Finding '{c.Finding}' is not in {KnowledgeFiles.Findings}.", file, id, cpath + ".finding");
                }

                var reason = context.Required(c?.Reason, file, id, cpath + ".reason", "reason");
                var src = c?.Source ?? string.Empty;
                var grade = context.CheckGraded(c?.Source, c?.Grade, c?.Rationale, file, id, cpath);
                var cphases = context.ParseEnums<Exercises.PainPhase>(c?.Phases, file, id, cpath + ".phases", requireOne: false);
                if (reason is not null && grade is not null && kinds == 1)
                {
                    contraindications.Add(new Exercises.ExerciseContraindication
                    {
                        ConditionId = c!.Condition, FindingId = c.Finding, Pregnant = c.Pregnant ?? false, Phases = cphases, Reason = reason, SourceKey = src,
                        Grade = grade.Value, Rationale = c.Rationale,
                    });
                }
            }

            var licence = context.Required(e.Licence, file, id, path + ".licence", "licence");
            var sources = context.CheckSources(e.Sources, file, id, path + ".sources");
            if (id is not null && e.Regression is not null)
            {
                links.Add((id, e.Regression, path + ".regression"));
            }

            if (id is not null && e.Progression is not null)
            {
                links.Add((id, e.Progression, path + ".progression"));
            }

            if (context.ProblemCount == before && id is not null && name is not null && category is not null && position is not null && level is not null && dose is not null && licence is not null)
            {
                result.Add(new Exercises.Exercise
                {
                    Id = id, Name = name, Aliases = [.. e.Aliases ?? []], Category = category.Value, Position = position.Value, PrimaryMuscles = primary,
                    SecondaryMuscles = secondary, Equipment = equipment, Level = level.Value, RegressionId = e.Regression, ProgressionId = e.Progression,
                    LoadTags = tags, Instructions = [.. instructions], Dose = dose, Cues = [.. e.Cues ?? []], CommonMistakes = [.. e.CommonMistakes ?? []],
                    Phases = phases, Indications = indications.ToImmutable(), Contraindications = contraindications.ToImmutable(), Licence = licence, SourceKeys = sources,
                });
            }
        }

        foreach (var (id, target, path) in links)
        {
            if (!ids.Contains(target) || target == id)
            {
                context.Problem("dangling-reference", $"'{target}' is not another exercise in {file}.", file, id, path);
            }
        }

        return new Exercises.ExerciseCatalog(result.ToImmutable());
    }

    private Exercises.Dosage? BuildDose(DoseDto? d, string file, string? id, string path)
    {
        if (d is null)
        {
            context.Problem("missing-field", "'dose' is required.", file, id, path);
            return null;
        }

        var type = context.ParseEnum<Exercises.DoseType>(d.Type, file, id, path + ".type");
        void Positive(int? value, string name, bool required)
        {
            if (value is null ? required : value <= 0)
            {
                context.Problem("zero-dosage", $"'{name}' must be a positive number{(required ? " for this dose type" : "")}.", file, id, $"{path}.{name}");
            }
        }

        Positive(d.HoldSeconds, "holdSeconds", type == Exercises.DoseType.Hold);
        Positive(d.Reps, "reps", type == Exercises.DoseType.Reps);
        Positive(d.Sets, "sets", type == Exercises.DoseType.Reps);
        Positive(d.Minutes, "minutes", type == Exercises.DoseType.Duration);
        Positive(d.Meters, "meters", type == Exercises.DoseType.Distance);
        Positive(d.TimesPerDay, "timesPerDay", false);
        Positive(d.TimesPerWeek, "timesPerWeek", false);
        return type is null ? null : new Exercises.Dosage
        {
            Type = type.Value, HoldSeconds = d.HoldSeconds, Reps = d.Reps, Sets = d.Sets, Minutes = d.Minutes, Meters = d.Meters,
            TimesPerDay = d.TimesPerDay, TimesPerWeek = d.TimesPerWeek, EachSide = d.EachSide ?? false,
        };
    }

}
