using System.Collections.Immutable;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Exercises;

/// <summary>Reads and checks exercises.json: each exercise's category, position, muscles, equipment, level, load tags,
/// instructions, dose, phases, cited indications and contraindications, licence, and its regression and progression links.</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class ExercisesReader(KnowledgeValidationContext context)
{
    private ExercisesFileDto? _dto;

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.Exercises, ExercisesJsonContext.Default.ExercisesFileDto);

    /// <summary>Checks and builds the exercise catalog (after conditions and findings are declared).</summary>
    /// <returns>The catalog of every valid exercise, or <see langword="null"/> when the file could not be read.</returns>
    public ExerciseCatalog? Build()
    {
        var dto = _dto;
        const string file = KnowledgeFiles.Exercises;
        if (dto is null)
        {
            return null;
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<(string Id, string Target, string Path)>();
        var result = ImmutableArray.CreateBuilder<Exercise>();
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
            var category = context.ParseEnum<ExerciseCategory>(e.Category, file, id, path + ".category");
            var position = context.ParseEnum<BodyPosition>(e.Position, file, id, path + ".position");
            var level = context.ParseEnum<ExerciseLevel>(e.Level, file, id, path + ".level");
            var primary = context.ParseEnums<Muscle>(e.PrimaryMuscles, file, id, path + ".primaryMuscles", requireOne: true);
            var secondary = context.ParseEnums<Muscle>(e.SecondaryMuscles, file, id, path + ".secondaryMuscles", requireOne: false);
            var equipment = context.ParseEnums<Equipment>(e.Equipment, file, id, path + ".equipment", requireOne: true);
            var tags = context.ParseEnums<LoadTag>(e.LoadTags, file, id, path + ".loadTags", requireOne: false);
            var phases = context.ParseEnums<PainPhase>(e.Phases, file, id, path + ".phases", requireOne: true);
            var instructions = e.Instructions ?? [];
            if (instructions.Count == 0 || instructions.Any(string.IsNullOrWhiteSpace))
            {
                context.Problem("empty-instructions", "Every exercise needs step-by-step instructions, none of them blank.", file, id, path + ".instructions");
            }

            var dose = BuildDose(e.Dose, file, id, path + ".dose");
            var indications = ImmutableArray.CreateBuilder<ExerciseIndication>();
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
                    indications.Add(new ExerciseIndication { ConditionId = cid, SourceKey = src, Grade = grade.Value, Rationale = ilist[k]?.Rationale });
                }
            }

            var contraindications = ImmutableArray.CreateBuilder<ExerciseContraindication>();
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
                var cphases = context.ParseEnums<PainPhase>(c?.Phases, file, id, cpath + ".phases", requireOne: false);
                if (reason is not null && grade is not null && kinds == 1)
                {
                    contraindications.Add(new ExerciseContraindication
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
                result.Add(new Exercise
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

        return new ExerciseCatalog(result.ToImmutable());
    }

    private Dosage? BuildDose(DoseDto? d, string file, string? id, string path)
    {
        if (d is null)
        {
            context.Problem("missing-field", "'dose' is required.", file, id, path);
            return null;
        }

        var type = context.ParseEnum<DoseType>(d.Type, file, id, path + ".type");
        void Positive(int? value, string name, bool required)
        {
            if (value is null ? required : value <= 0)
            {
                context.Problem("zero-dosage", $"'{name}' must be a positive number{(required ? " for this dose type" : "")}.", file, id, $"{path}.{name}");
            }
        }

        Positive(d.HoldSeconds, "holdSeconds", type == DoseType.Hold);
        Positive(d.Reps, "reps", type == DoseType.Reps);
        Positive(d.Sets, "sets", type == DoseType.Reps);
        Positive(d.Minutes, "minutes", type == DoseType.Duration);
        Positive(d.Meters, "meters", type == DoseType.Distance);
        Positive(d.TimesPerDay, "timesPerDay", false);
        Positive(d.TimesPerWeek, "timesPerWeek", false);
        return type is null ? null : new Dosage
        {
            Type = type.Value, HoldSeconds = d.HoldSeconds, Reps = d.Reps, Sets = d.Sets, Minutes = d.Minutes, Meters = d.Meters,
            TimesPerDay = d.TimesPerDay, TimesPerWeek = d.TimesPerWeek, EachSide = d.EachSide ?? false,
        };
    }
}
