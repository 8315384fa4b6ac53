using System.Collections.Immutable;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain;

/// <summary>Reads and checks findings.json (findings, composites, question groups) and declares every finding id in the
/// shared context, so the readers after it can resolve theirs.</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class FindingsReader(KnowledgeValidationContext context)
{
    private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuestionGroup> _groups = new(StringComparer.Ordinal);
    private FindingsFileDto? _dto;

    /// <summary>The findings built so far, by id (the last one wins when an id repeats).</summary>
    public IReadOnlyDictionary<string, Finding> Findings => _findings;

    /// <summary>The question groups built so far, by id (the last one wins when an id repeats).</summary>
    public IReadOnlyDictionary<string, QuestionGroup> Groups => _groups;

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.Findings, FindingsJsonContext.Default.FindingsFileDto);

    /// <summary>Checks and builds the findings and question groups, in file order.</summary>
    /// <returns>Every valid finding and question group; empty when the file could not be read.</returns>
    public (ImmutableArray<Finding>, ImmutableArray<QuestionGroup>) Build()
    {
        var dto = _dto;
        const string file = KnowledgeFiles.Findings;
        var result = ImmutableArray.CreateBuilder<Finding>();
        var groups = ImmutableArray.CreateBuilder<QuestionGroup>();
        if (dto is null)
        {
            return (result.ToImmutable(), groups.ToImmutable());
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var list = dto.Findings ?? [];
        var composites = new List<(string Id, CompositeDto Dto, string Path)>();
        var requires = new List<(string Id, List<string> Parents, string Path)>();
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.findings[{i}]";
            var f = list[i];
            if (f is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(f.Id, file, f.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", context.FindingIds, "finding");
            var name = context.Required(f.Name, file, id, path + ".name", "name");
            var question = context.Required(f.Question, file, id, path + ".question", "question");
            var kind = context.ParseEnum<FindingKind>(f.Kind, file, id, path + ".kind");
            var by = context.ParseEnum<Respondent>(f.AnsweredBy, file, id, path + ".answeredBy");
            var site = context.ParseEnum<BodyRegion>(f.Site, file, id, path + ".site", required: false);
            var side = context.ParseEnum<BodySide>(f.Side, file, id, path + ".side", required: false);
            var sourceKeys = context.CheckSources(f.Sources, file, id, path + ".sources");
            CompositeRule? composite = null;
            if (f.Composite is { } cd && id is not null)
            {
                composites.Add((id, cd, path + ".composite"));
                composite = new CompositeRule { Of = [.. cd.Of ?? []], AgeAbove = cd.AgeAbove, AtLeast = cd.AtLeast ?? 0 };
            }

            if (f.Requires is { } parents && id is not null)
            {
                requires.Add((id, parents, path + ".requires"));
            }

            if (id is not null && name is not null && question is not null && kind is not null && by is not null)
            {
                var finding = new Finding(id, name, [.. f.Synonyms ?? []], kind.Value, site, side, by.Value, question, composite, sourceKeys, [.. f.Requires ?? []]);
                result.Add(finding);
                _findings[id] = finding;
            }
        }

        foreach (var (id, cd, path) in composites)
        {
            var of = cd.Of ?? [];
            if (of.Count == 0)
            {
                context.Problem("empty-logic", "A composite needs at least one item in 'of'.", file, id, path + ".of");
            }

            for (var k = 0; k < of.Count; k++)
            {
                if (!context.FindingIds.Contains(of[k]))
                {
                    context.Problem("dangling-reference", $"Composite item '{of[k]}' is not a finding.", file, id, $"{path}.of[{k}]");
                }
                else if (_findings.TryGetValue(of[k], out var item) && item.IsComposite)
                {
                    context.Problem("nested-composite", $"Composite item '{of[k]}' is itself a composite.", file, id, $"{path}.of[{k}]");
                }
            }

            context.CheckAge(cd.AgeAbove, file, id, path + ".ageAbove");
            var count = of.Count + (cd.AgeAbove is null ? 0 : 1);
            if (cd.AtLeast is null || cd.AtLeast < 1 || cd.AtLeast > count)
            {
                context.Problem("out-of-range", $"'atLeast' must be between 1 and the number of items ({count}).", file, id, path + ".atLeast");
            }
        }

        CheckRequires(requires, file);
        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        var glist = dto.QuestionGroups ?? [];
        for (var i = 0; i < glist.Count; i++)
        {
            var path = $"$.questionGroups[{i}]";
            var g = glist[i];
            if (g is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(g.Id, file, g.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", groupIds, "question group");
            var text = context.Required(g.Text, file, id, path + ".text", "text");
            var mode = context.ParseEnum<SelectionMode>(g.Mode, file, id, path + ".mode");
            var sources = context.CheckSources(g.Sources, file, id, path + ".sources");
            var options = ImmutableArray.CreateBuilder<QuestionOption>();
            var optionIds = new HashSet<string>(StringComparer.Ordinal);
            var olist = g.Options ?? [];
            if (olist.Count < 2)
            {
                context.Problem("missing-field", "A question group needs at least two options.", file, id, path + ".options");
            }

            for (var k = 0; k < olist.Count; k++)
            {
                var opath = $"{path}.options[{k}]";
                var finding = context.Required(olist[k]?.Finding, file, id, opath + ".finding", "finding");
                var label = context.Required(olist[k]?.Label, file, id, opath + ".label", "label");
                if (finding is null || label is null)
                {
                    continue;
                }

                if (!context.FindingIds.Contains(finding))
                {
                    context.Problem("dangling-reference", $"Option '{finding}' is not a finding.", file, id, opath + ".finding");
                }
                else if (!optionIds.Add(finding))
                {
                    context.Problem("duplicate-id", $"Option '{finding}' appears twice.", file, id, opath + ".finding");
                }

                options.Add(new QuestionOption { FindingId = finding, Label = label });
            }

            if (id is not null && text is not null && mode is not null)
            {
                var built = new QuestionGroup
                {
                    Id = id,
                    Text = text,
                    Mode = mode.Value,
                    Options = options.ToImmutable(),
                    SourceKeys = sources,
                    Stage = context.ParseEnum<QuestionStage>(g.Stage, file, id, path + ".stage", required: false) ?? QuestionStage.Detail,
                    Rationale = g.Rationale,
                    AppliesTo = Applicability(g.AppliesTo, file, id, path + ".appliesTo"),
                };
                groups.Add(built);
                _groups[id] = built;
            }
        }

        return (result.ToImmutable(), groups.ToImmutable());
    }

    private QuestionApplicability? Applicability(QuestionApplicabilityDto? dto, string file, string id, string path)
    {
        if (dto is null)
        {
            return null;
        }

        context.CheckAge(dto.AgeAtLeast, file, id, path + ".ageAtLeast");
        context.CheckAge(dto.AgeBelow, file, id, path + ".ageBelow");
        if (dto.AgeAtLeast is { } low && dto.AgeBelow is { } high && low >= high)
        {
            context.Problem("out-of-range", "'ageAtLeast' must be below 'ageBelow'.", file, id, path);
        }

        var sites = dto.Sites ?? [];
        for (var k = 0; k < sites.Count; k++)
        {
            if (!context.FindingIds.Contains(sites[k]))
            {
                context.Problem("dangling-reference", $"Site '{sites[k]}' is not a finding.", file, id, $"{path}.sites[{k}]");
            }
        }

        return new QuestionApplicability
        {
            AgeAtLeast = dto.AgeAtLeast,
            AgeBelow = dto.AgeBelow,
            Sex = context.ParseEnum<Sex>(dto.Sex, file, id, path + ".sex", required: false),
            Pregnant = dto.Pregnant,
            Sites = [.. sites],
        };
    }

    /// <summary>Follow-up dependencies: every parent is a stated finding, no finding requires itself, no cycles.</summary>
    private void CheckRequires(List<(string Id, List<string> Parents, string Path)> requires, string file)
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, parents, path) in requires)
        {
            var valid = new List<string>();
            for (var k = 0; k < parents.Count; k++)
            {
                var parent = parents[k];
                var at = $"{path}[{k}]";
                if (!context.FindingIds.Contains(parent))
                {
                    context.Problem("dangling-reference", $"Required finding '{parent}' is not a finding.", file, id, at);
                }
                else if (string.Equals(parent, id, StringComparison.Ordinal))
                {
                    context.Problem("dependency-cycle", "A finding cannot require itself.", file, id, at);
                }
                else if (_findings.TryGetValue(parent, out var p) && p.IsComposite)
                {
                    context.Problem("composite-finding", $"Required finding '{parent}' is a composite, which is never asked.", file, id, at);
                }
                else
                {
                    valid.Add(parent);
                }
            }

            graph[id] = valid;
        }

        foreach (var (id, _, path) in requires)
        {
            if (Cycle(id, graph, new Dictionary<string, int>(StringComparer.Ordinal), []) is { } cycle && string.Equals(cycle[0], id, StringComparison.Ordinal))
            {
                context.Problem("dependency-cycle", $"Follow-up dependencies form a cycle: {string.Join(" -> ", cycle)}.", file, id, path);
            }
        }
    }

    private static List<string>? Cycle(string id, Dictionary<string, List<string>> graph, Dictionary<string, int> state, List<string> trail)
    {
        if (state.TryGetValue(id, out var s))
        {
            return s == 1 ? [.. trail.SkipWhile(t => !string.Equals(t, id, StringComparison.Ordinal)), id] : null;
        }

        state[id] = 1;
        trail.Add(id);
        foreach (var parent in graph.GetValueOrDefault(id) ?? [])
        {
            if (Cycle(parent, graph, state, trail) is { } found)
            {
                return found;
            }
        }

        trail.RemoveAt(trail.Count - 1);
        state[id] = 2;
        return null;
    }

    /// <summary>Every finding a person can answer that a red-flag rule reads must be an option of a red-flag checklist or
    /// of a complaint question, so an interview asks or rules it out in a few screens before it stops.</summary>
    public static void CheckChecklistCoverage(KnowledgeValidationContext context, ImmutableArray<Finding> findings, ImmutableArray<QuestionGroup> groups, ImmutableArray<Triage.RedFlagRule> rules)
    {
        var covered = groups
            .Where(g => g.Stage is QuestionStage.Checklist or QuestionStage.Complaint)
            .SelectMany(g => g.Options.Select(o => o.FindingId))
            .ToHashSet(StringComparer.Ordinal);
        var read = rules.Where(r => r.Level > Triage.TriageLevel.SelfCare).SelectMany(r => r.FindingIds).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < findings.Length; i++)
        {
            var f = findings[i];
            if (read.Contains(f.Id) && !f.IsComposite && f.AnsweredBy == Respondent.Person && !covered.Contains(f.Id))
            {
                context.Problem(
                    "checklist-coverage",
                    "A red-flag finding the person can answer is in no red-flag checklist or complaint question (questionGroups with stage 'checklist' or 'complaint').",
                    KnowledgeFiles.Findings,
                    f.Id,
                    $"$.findings[{i}]");
            }
        }
    }
}
