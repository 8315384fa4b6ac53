using System.Collections.Immutable;
using System.Text.RegularExpressions;
using BackHip.Domain.Knowledge;
using BackHip.Domain.Triage;

namespace BackHip.Domain;

/// <summary>Reads and checks conditions.json (the taxonomy: codes, regions, profile, applicability, parent chain, care
/// level) and declares every condition id in the shared context, so the readers after it can resolve theirs.</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed partial class ConditionsReader(KnowledgeValidationContext context)
{
    private ConditionsFileDto? _dto;

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10CmFormat();

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.Conditions, TaxonomyJsonContext.Default.ConditionsFileDto);

    /// <summary>Checks and builds the conditions, in file order.</summary>
    /// <returns>Every valid condition; empty when the file could not be read.</returns>
    public ImmutableArray<Condition> Build()
    {
        var dto = _dto;
        const string file = KnowledgeFiles.Conditions;
        var result = ImmutableArray.CreateBuilder<Condition>();
        if (dto is null)
        {
            return result.ToImmutable();
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var list = dto.Conditions ?? [];
        var parents = new List<(string Id, string Parent, string Path)>();
        var pathOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.conditions[{i}]";
            var c = list[i];
            if (c is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(c.Id, file, c.Id, path + ".id", "id");
            context.CheckId(id, file, path + ".id", context.ConditionIds, "condition");
            var name = context.Required(c.Name, file, id, path + ".name", "name");
            var description = context.Required(c.Description, file, id, path + ".description", "description");
            var category = context.ParseEnum<ConditionCategory>(c.Category, file, id, path + ".category");
            var regions = ImmutableArray.CreateBuilder<BodyRegion>();
            if (c.Regions is null || c.Regions.Count == 0)
            {
                context.Problem("missing-field", "'regions' needs at least one body region.", file, id, path + ".regions");
            }
            else
            {
                for (var r = 0; r < c.Regions.Count; r++)
                {
                    if (context.ParseEnum<BodyRegion>(c.Regions[r], file, id, $"{path}.regions[{r}]") is { } region)
                    {
                        regions.Add(region);
                    }
                }
            }

            var referred = ImmutableArray.CreateBuilder<BodyRegion>();
            for (var r = 0; r < (c.ReferredRegions?.Count ?? 0); r++)
            {
                if (context.ParseEnum<BodyRegion>(c.ReferredRegions![r], file, id, $"{path}.referredRegions[{r}]") is not { } region)
                {
                    continue;
                }

                if (!regions.Contains(region))
                {
                    context.Problem("invalid-reference", $"Referred region '{c.ReferredRegions[r]}' is not one of the condition's regions.", file, id, $"{path}.referredRegions[{r}]");
                }
                else if (referred.Contains(region))
                {
                    context.Problem("duplicate-id", $"Referred region '{c.ReferredRegions[r]}' appears more than once.", file, id, $"{path}.referredRegions[{r}]");
                }
                else
                {
                    referred.Add(region);
                }
            }

            if (c.Serious is null)
            {
                context.Problem("missing-field", "'serious' is required.", file, id, path + ".serious");
            }

            TypicalProfile? profile = null;
            if (c.Profile is null)
            {
                context.Problem("missing-field", "'profile' is required.", file, id, path + ".profile");
            }
            else
            {
                var summary = context.Required(c.Profile.Summary, file, id, path + ".profile.summary", "summary");
                context.CheckAge(c.Profile.AgeMin, file, id, path + ".profile.ageMin");
                context.CheckAge(c.Profile.AgeMax, file, id, path + ".profile.ageMax");
                if (c.Profile.AgeMin > c.Profile.AgeMax)
                {
                    context.Problem("out-of-range", $"ageMin {c.Profile.AgeMin} is above ageMax {c.Profile.AgeMax}.", file, id, path + ".profile");
                }

                var sex = context.ParseEnum<SexPredominance>(c.Profile.SexPredominance ?? "none", file, id, path + ".profile.sexPredominance");
                profile = new TypicalProfile { Summary = summary ?? string.Empty, AgeMin = c.Profile.AgeMin, AgeMax = c.Profile.AgeMax, SexPredominance = sex ?? SexPredominance.None };
            }

            var applicability = Applicability.Everyone;
            if (c.Applicability is { } a)
            {
                context.CheckAge(a.AgeMin, file, id, path + ".applicability.ageMin");
                context.CheckAge(a.AgeMax, file, id, path + ".applicability.ageMax");
                if (a.AgeMin > a.AgeMax)
                {
                    context.Problem("out-of-range", $"ageMin {a.AgeMin} is above ageMax {a.AgeMax}.", file, id, path + ".applicability");
                }

                var sex = a.Sex is null ? null : context.ParseEnum<Sex>(a.Sex, file, id, path + ".applicability.sex");
                applicability = new Applicability { Sex = sex, RequiresPregnancy = a.Pregnant ?? false, AgeMin = a.AgeMin, AgeMax = a.AgeMax };
            }

            var codes = ImmutableArray.CreateBuilder<Icd10CmCode>();
            if (c.Icd10cm is null || c.Icd10cm.Count == 0)
            {
                context.Problem("missing-field", "'icd10cm' needs at least one code.", file, id, path + ".icd10cm");
            }
            else
            {
                for (var k = 0; k < c.Icd10cm.Count; k++)
                {
                    var codePath = $"{path}.icd10cm[{k}]";
                    var code = c.Icd10cm[k];
                    var text = context.Required(code?.Code, file, id, codePath + ".code", "code");
                    var status = context.ParseEnum<CodeStatus>(code?.Status, file, id, codePath + ".status");
                    if (text is not null && !Icd10CmFormat().IsMatch(text))
                    {
                        context.Problem("malformed-code", $"'{text}' is not an ICD-10-CM code (letter, two characters, optional dot and up to four more).", file, id, codePath + ".code");
                    }
                    else if (text is not null && status is not null)
                    {
                        codes.Add(new Icd10CmCode { Code = text, Status = status.Value });
                    }
                }
            }

            SnomedCtConcept? snomed = null;
            if (c.SnomedCt is { } sn)
            {
                var sid = context.Required(sn.Id, file, id, path + ".snomedCt.id", "id");
                var status = context.ParseEnum<CodeStatus>(sn.Status, file, id, path + ".snomedCt.status");
                if (sid is not null && !IsValidSctId(sid))
                {
                    context.Problem("malformed-code", $"'{sid}' is not a valid SNOMED CT id (6-18 digits with a Verhoeff check digit).", file, id, path + ".snomedCt.id");
                }
                else if (sid is not null && status is not null)
                {
                    snomed = new SnomedCtConcept { Id = sid, Status = status.Value, Display = sn.Display };
                }
            }

            if (id is not null)
            {
                pathOf.TryAdd(id, path);
            }

            var sourceKeys = context.CheckSources(c.Sources, file, id, path + ".sources");
            var careLevel = BuildCareLevel(c.CareLevel, file, id, path + ".careLevel");
            if (c.Parent is not null && id is not null)
            {
                parents.Add((id, c.Parent, path + ".parent"));
            }

            if (id is not null && name is not null && description is not null && category is not null && profile is not null && c.Serious is not null && careLevel is not null)
            {
                result.Add(new Condition(id, name, [.. c.Synonyms ?? []], category.Value, regions.ToImmutable(), profile, applicability, codes.ToImmutable(), snomed, description, c.Serious.Value, c.Grouping ?? false, c.Parent, sourceKeys, careLevel, referred.ToImmutable()));
            }
        }

        var parentOf = parents.ToDictionary(p => p.Id, p => p.Parent, StringComparer.Ordinal);
        foreach (var (id, parent, path) in parents)
        {
            if (!context.ConditionIds.Contains(parent))
            {
                context.Problem("dangling-reference", $"Parent '{parent}' is not a condition.", file, id, path);
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { id };
            for (var p = parent; p is not null; p = parentOf.GetValueOrDefault(p))
            {
                if (!seen.Add(p))
                {
                    context.Problem("cyclic-reference", $"The parent chain of '{id}' loops back on itself.", file, id, path);
                    break;
                }
            }
        }

        CheckHierarchy(result, parentOf, pathOf, file);
        return result.ToImmutable();
    }

    /// <summary>
    /// A reference to a grouping (in red-flag rules, care, exercises or an evaluation's expected condition) is
    /// understood as a reference to its scored descendants, so every grouping must have at least one, and a condition
    /// may only sit under a grouping (a scored parent would be counted twice).
    /// </summary>
    private void CheckHierarchy(ImmutableArray<Condition>.Builder conditions, Dictionary<string, string> parentOf, Dictionary<string, string> pathOf, string file)
    {
        var byId = new Dictionary<string, Condition>(StringComparer.Ordinal);
        foreach (var c in conditions)
        {
            byId.TryAdd(c.Id, c);
        }

        foreach (var c in conditions.Where(c => c.ParentId is not null))
        {
            if (byId.TryGetValue(c.ParentId!, out var parent) && !parent.IsGrouping)
            {
                context.Problem("parent-not-grouping", $"Parent '{parent.Id}' is scored; only a grouping may have children.", file, c.Id, pathOf.GetValueOrDefault(c.Id, "$.conditions") + ".parent");
            }
        }

        foreach (var g in conditions.Where(c => c.IsGrouping))
        {
            var hasScored = conditions.Any(c => !c.IsGrouping && IsUnder(c.Id, g.Id, parentOf));
            if (!hasScored)
            {
                context.Problem("grouping-without-children", $"Grouping '{g.Id}' has no scored descendant, so a reference to it would match nothing.", file, g.Id, pathOf.GetValueOrDefault(g.Id, "$.conditions") + ".grouping");
            }
        }
    }

    private static bool IsUnder(string id, string ancestor, Dictionary<string, string> parentOf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = parentOf.GetValueOrDefault(id); p is not null && seen.Add(p); p = parentOf.GetValueOrDefault(p))
        {
            if (p == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks a SNOMED CT id: 6–18 digits, no leading zero, valid Verhoeff check digit.</summary>
    internal static bool IsValidSctId(string id)
    {
        if (id.Length is < 6 or > 18 || id[0] == '0' || !id.All(char.IsAsciiDigit))
        {
            return false;
        }

        ReadOnlySpan<byte> d =
        [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 0, 6, 7, 8, 9, 5, 2, 3, 4, 0, 1, 7, 8, 9, 5, 6, 3, 4, 0, 1, 2, 8, 9, 5, 6, 7,
            4, 0, 1, 2, 3, 9, 5, 6, 7, 8, 5, 9, 8, 7, 6, 0, 4, 3, 2, 1, 6, 5, 9, 8, 7, 1, 0, 4, 3, 2, 7, 6, 5, 9, 8, 2, 1, 0, 4, 3,
            8, 7, 6, 5, 9, 3, 2, 1, 0, 4, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        ];
        ReadOnlySpan<byte> p =
        [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 5, 7, 6, 2, 8, 3, 0, 9, 4, 5, 8, 0, 3, 7, 9, 6, 1, 4, 2, 8, 9, 1, 6, 0, 4, 3, 5, 2, 7,
            9, 4, 5, 3, 1, 2, 6, 8, 7, 0, 4, 2, 8, 6, 5, 7, 3, 9, 0, 1, 2, 7, 9, 3, 8, 0, 6, 4, 1, 5, 7, 0, 4, 6, 9, 1, 3, 2, 5, 8,
        ];
        var c = 0;
        for (var i = 0; i < id.Length; i++)
        {
            var digit = id[id.Length - 1 - i] - '0';
            c = d[(c * 10) + p[((i % 8) * 10) + digit]];
        }

        return c == 0;
    }

    private CareLevel? BuildCareLevel(CareLevelDto? dto, string file, string? id, string path)
    {
        if (dto is null)
        {
            context.Problem("missing-field", "'careLevel' is required: the level of care a person needs when the condition is the likely explanation.", file, id, path);
            return null;
        }

        var level = context.ParseEnum<TriageLevel>(dto.Level, file, id, path + ".level");
        var grade = context.ParseEnum<EvidenceGrade>(dto.Grade, file, id, path + ".grade");
        var rationale = context.Required(dto.Rationale, file, id, path + ".rationale", "rationale");
        var sources = context.CheckSources(dto.Sources, file, id, path + ".sources");
        if (grade is not null && grade != EvidenceGrade.Estimate && sources.Contains("BH-TEAM"))
        {
            context.Problem("dishonest-grade", "A care level from team judgement (BH-TEAM) must be graded 'estimate'.", file, id, path + ".grade");
        }

        return level is null || grade is null || rationale is null
            ? null
            : new CareLevel { Level = level.Value, Grade = grade.Value, SourceKeys = sources, Rationale = rationale };
    }
}
