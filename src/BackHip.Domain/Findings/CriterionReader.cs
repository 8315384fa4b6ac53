using BackHip.Domain.Knowledge;

namespace BackHip.Domain;

/// <summary>Reads a criterion (finding, allOf, anyOf, atLeast/of, age, sex, pregnancy) wherever a knowledge file holds one:
/// red-flag rules and prior modifiers.</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class CriterionReader(KnowledgeValidationContext context)
{
    /// <summary>Checks and builds one criterion node and its parts.</summary>
    /// <param name="e">The node as read.</param>
    /// <param name="file">The file it is in.</param>
    /// <param name="id">The id of the entry it belongs to.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="profileOnly">Whether it may read only the profile (age, sex, pregnancy), as prior modifiers do.</param>
    /// <returns>The criterion, or <see langword="null"/> when it has a problem.</returns>
    public Criterion? Build(ExpressionDto? e, string file, string? id, string path, bool profileOnly)
    {
        if (e is null)
        {
            context.Problem("empty-logic", "A criterion is required.", file, id, path);
            return null;
        }

        var kinds = (e.Finding is null ? 0 : 1) + (e.AllOf is null ? 0 : 1) + (e.AnyOf is null ? 0 : 1) + (e.AtLeast is null && e.Of is null ? 0 : 1)
            + (e.AgeAtLeast is null && e.AgeBelow is null ? 0 : 1) + (e.Sex is null ? 0 : 1) + (e.Pregnant is null ? 0 : 1);
        if (kinds != 1)
        {
            context.Problem("empty-logic", kinds == 0 ? "The criterion is empty." : "A criterion node must have exactly one of finding, allOf, anyOf, atLeast/of, ageAtLeast/ageBelow, sex, pregnant.", file, id, path);
            return null;
        }

        if (e.Finding is not null)
        {
            if (profileOnly)
            {
                context.Problem("invalid-logic", "Prior modifiers may read only the profile (age, sex, pregnancy).", file, id, path + ".finding");
            }

            if (!context.FindingIds.Contains(e.Finding))
            {
                context.Problem("dangling-reference", $"Finding '{e.Finding}' is not in {KnowledgeFiles.Findings}.", file, id, path + ".finding");
            }

            return new FindingCriterion { FindingId = e.Finding };
        }

        if (e.AgeAtLeast is not null || e.AgeBelow is not null)
        {
            context.CheckAge(e.AgeAtLeast, file, id, path + ".ageAtLeast");
            context.CheckAge(e.AgeBelow, file, id, path + ".ageBelow");
            return new AgeCriterion { Min = e.AgeAtLeast, Below = e.AgeBelow };
        }

        if (e.Sex is not null)
        {
            return context.ParseEnum<Sex>(e.Sex, file, id, path + ".sex") is { } sex ? new SexCriterion { Sex = sex } : null;
        }

        if (e.Pregnant is not null)
        {
            return new PregnancyCriterion { IsPregnant = e.Pregnant.Value };
        }

        var (parts, partsPath) = e.AllOf is not null ? (e.AllOf, ".allOf") : e.AnyOf is not null ? (e.AnyOf, ".anyOf") : (e.Of ?? [], ".of");
        if (parts.Count == 0)
        {
            context.Problem("empty-logic", "A logical node needs at least one part.", file, id, path + partsPath);
            return null;
        }

        var built = new List<Criterion>();
        for (var k = 0; k < parts.Count; k++)
        {
            if (Build(parts[k], file, id, $"{path}{partsPath}[{k}]", profileOnly) is { } part)
            {
                built.Add(part);
            }
        }

        var count = e.AllOf is not null ? parts.Count : e.AnyOf is not null ? 1 : e.AtLeast ?? 0;
        if (count < 1 || count > parts.Count)
        {
            context.Problem("out-of-range", $"'atLeast' must be between 1 and the number of parts ({parts.Count}).", file, id, path + ".atLeast");
            return null;
        }

        return built.Count == parts.Count ? new AtLeastCriterion { Count = count, Parts = [.. built] } : null;
    }
}
