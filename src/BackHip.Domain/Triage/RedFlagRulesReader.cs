using System.Collections.Immutable;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Triage;

/// <summary>Reads and checks redflags.json: each rule's pathology, level, grade, message, rationale, sources, conditions
/// and the criterion it fires on (which must read at least one finding).</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class RedFlagRulesReader(KnowledgeValidationContext context)
{
    private readonly CriterionReader _criteria = new(context);
    private RedFlagsFileDto? _dto;

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.RedFlags, TriageJsonContext.Default.RedFlagsFileDto);

    /// <summary>Checks and builds the red-flag rules, in file order (after conditions and findings are declared).</summary>
    /// <returns>Every valid rule; empty when the file could not be read.</returns>
    public ImmutableArray<RedFlagRule> Build()
    {
        var dto = _dto;
        const string file = KnowledgeFiles.RedFlags;
        var result = ImmutableArray.CreateBuilder<RedFlagRule>();
        if (dto is null)
        {
            return result.ToImmutable();
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = dto.Rules ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.rules[{i}]";
            var r = list[i];
            if (r is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(r.Id, file, r.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", ids, "rule");
            var pathology = context.ParseEnum<RedFlagPathology>(r.Pathology, file, id, path + ".pathology");
            var level = context.ParseEnum<TriageLevel>(r.Level, file, id, path + ".level");
            var grade = context.ParseEnum<EvidenceGrade>(r.Grade, file, id, path + ".grade");
            var message = context.Required(r.Message, file, id, path + ".message", "message");
            var rationale = context.Required(r.Rationale, file, id, path + ".rationale", "rationale");
            var sources = context.CheckSources(r.Sources, file, id, path + ".sources");
            var conditions = r.Conditions ?? [];
            for (var k = 0; k < conditions.Count; k++)
            {
                if (!context.ConditionIds.Contains(conditions[k]))
                {
                    context.Problem("dangling-reference", $"Condition '{conditions[k]}' is not in {KnowledgeFiles.Conditions}.", file, id, $"{path}.conditions[{k}]");
                }
            }

            var when = _criteria.Build(r.When, file, id, path + ".when", profileOnly: false);
            if (when is not null && when.FindingIds.IsEmpty)
            {
                context.Problem("empty-logic", "A red-flag rule must read at least one finding.", file, id, path + ".when");
            }

            if (id is not null && pathology is not null && level is not null && grade is not null && message is not null && rationale is not null && when is not null)
            {
                result.Add(new RedFlagRule(id, pathology.Value, [.. conditions], level.Value, when, message, rationale, grade.Value, sources));
            }
        }

        return result.ToImmutable();
    }
}
