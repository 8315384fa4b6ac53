using System.Collections.Frozen;
using System.Collections.Immutable;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Differential;

/// <summary>Reads and checks likelihoods.json: the setting, the default background rate, priors with their modifiers,
/// background rates, condition-finding pairs, and the region and profile models (whose derived pairs and modifiers it
/// adds).</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class LikelihoodsReader(KnowledgeValidationContext context)
{
    private readonly CriterionReader _criteria = new(context);
    private IReadOnlyDictionary<string, Finding> _findings = new Dictionary<string, Finding>();
    private IReadOnlyDictionary<string, QuestionGroup> _groups = new Dictionary<string, QuestionGroup>();
    private LikelihoodsFileDto? _dto;

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.Likelihoods, DifferentialJsonContext.Default.LikelihoodsFileDto);

    /// <summary>Checks and builds the likelihood model (after conditions and findings are built).</summary>
    /// <param name="conditions">The conditions, to check every scored one has a prior and to derive the models.</param>
    /// <param name="findings">The findings by id, for the region model's body sites.</param>
    /// <param name="groups">The question groups by id, for the region model's question group.</param>
    /// <returns>The model, or <see langword="null"/> when the file could not be read or a required part is missing.</returns>
    public LikelihoodModel? Build(ImmutableArray<Condition> conditions, IReadOnlyDictionary<string, Finding> findings, IReadOnlyDictionary<string, QuestionGroup> groups)
    {
        var dto = _dto;
        _findings = findings;
        _groups = groups;
        const string file = KnowledgeFiles.Likelihoods;
        if (dto is null)
        {
            return null;
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var setting = context.Required(dto.Setting, file, null, "$.setting", "setting");
        BackgroundRate? defaultRate = null;
        if (dto.DefaultBackgroundRate is not { } d)
        {
            context.Problem("missing-field", "'defaultBackgroundRate' is required.", file, path: "$.defaultBackgroundRate");
        }
        else
        {
            context.CheckProbability(d.Value, file, null, "$.defaultBackgroundRate.value");
            var g = context.CheckGraded(d.Source, d.Grade, d.Rationale, file, null, "$.defaultBackgroundRate");
            if (g is not null && d.Value is not null && d.Source is not null)
            {
                defaultRate = new BackgroundRate { FindingId = "*", Rate = d.Value.Value, SourceKey = d.Source, Grade = g.Value, Rationale = d.Rationale };
            }
        }

        var priors = ImmutableArray.CreateBuilder<ConditionPrior>();
        var priorIds = new HashSet<string>(StringComparer.Ordinal);
        var plist = dto.Priors ?? [];
        for (var i = 0; i < plist.Count; i++)
        {
            var path = $"$.priors[{i}]";
            var p = plist[i];
            if (p is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(p.Condition, file, p.Condition, path + ".condition", "condition");
            if (id is not null && !context.ConditionIds.Contains(id))
            {
                context.Problem("dangling-reference", $"Condition '{id}' is not in {KnowledgeFiles.Conditions}.", file, id, path + ".condition");
            }
            else if (id is not null && !priorIds.Add(id))
            {
                context.Problem("duplicate-id", $"Condition '{id}' has more than one prior.", file, id, path + ".condition");
            }

            context.CheckProbability(p.Prevalence, file, id, path + ".prevalence");
            var grade = context.CheckGraded(p.Source, p.Grade, p.Rationale, file, id, path);
            var modifiers = ImmutableArray.CreateBuilder<PriorModifier>();
            var mlist = p.Modifiers ?? [];
            for (var k = 0; k < mlist.Count; k++)
            {
                var mpath = $"{path}.modifiers[{k}]";
                var m = mlist[k];
                if (m is null)
                {
                    context.Problem("missing-field", "Entry is null.", file, id, mpath);
                    continue;
                }

                var when = _criteria.Build(m.When, file, id, mpath + ".when", profileOnly: true);
                if (m.Factor is null || !double.IsFinite(m.Factor.Value) || m.Factor <= 0)
                {
                    context.Problem("out-of-range", $"'factor' must be a positive number (found {m.Factor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).", file, id, mpath + ".factor");
                }

                var mg = context.CheckGraded(m.Source, m.Grade, m.Rationale, file, id, mpath);
                if (when is not null && m.Factor > 0 && double.IsFinite(m.Factor.Value) && mg is not null && m.Source is not null)
                {
                    modifiers.Add(new PriorModifier { When = when, Factor = m.Factor.Value, SourceKey = m.Source, Grade = mg.Value, Rationale = m.Rationale });
                }
            }

            if (id is not null && p.Prevalence is > 0 and < 1 && grade is not null && p.Source is not null)
            {
                priors.Add(new ConditionPrior { ConditionId = id, Prevalence = p.Prevalence.Value, SourceKey = p.Source, Grade = grade.Value, Rationale = p.Rationale, Modifiers = modifiers.ToImmutable() });
            }
        }

        foreach (var c in conditions.Where(c => !c.IsGrouping && !priorIds.Contains(c.Id)))
        {
            context.Problem("missing-prior", $"Condition '{c.Id}' is scored but has no prior.", file, c.Id, "$.priors");
        }

        foreach (var c in conditions.Where(c => c.IsGrouping && priorIds.Contains(c.Id)))
        {
            context.Problem("grouping-scored", $"Condition '{c.Id}' only groups its children and must not have a prior.", file, c.Id, "$.priors");
        }

        var rates = ImmutableArray.CreateBuilder<BackgroundRate>();
        var rateIds = new HashSet<string>(StringComparer.Ordinal);
        var rlist = dto.BackgroundRates ?? [];
        for (var i = 0; i < rlist.Count; i++)
        {
            var path = $"$.backgroundRates[{i}]";
            var r = rlist[i];
            if (r is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var id = context.Required(r.Finding, file, r.Finding, path + ".finding", "finding");
            if (id is not null && !context.FindingIds.Contains(id))
            {
                context.Problem("dangling-reference", $"Finding '{id}' is not in {KnowledgeFiles.Findings}.", file, id, path + ".finding");
            }
            else if (id is not null && !rateIds.Add(id))
            {
                context.Problem("duplicate-id", $"Finding '{id}' has more than one background rate.", file, id, path + ".finding");
            }

            context.CheckProbability(r.Rate, file, id, path + ".rate");
            var grade = context.CheckGraded(r.Source, r.Grade, r.Rationale, file, id, path);
            if (id is not null && r.Rate is > 0 and < 1 && grade is not null && r.Source is not null)
            {
                rates.Add(new BackgroundRate { FindingId = id, Rate = r.Rate.Value, SourceKey = r.Source, Grade = grade.Value, Rationale = r.Rationale, Provenance = ReadProvenance(r.Provenance, file, id, path + ".provenance") });
            }
        }

        var regionModel = BuildRegionModel(dto.RegionModel, file);
        var regionBackground = new Dictionary<string, double>(StringComparer.Ordinal);
        if (regionModel is not null)
        {
            // Conditions limited to pregnancy are left out: their in-pregnancy prevalence would swamp everyone else's.
            // A repeated prior is already a duplicate-id problem; the first one stands here so loading reports it instead of throwing.
            var weights = priors.Where(p => !conditions.Any(c => c.Id == p.ConditionId && c.Applicability.RequiresPregnancy))
                .DistinctBy(p => p.ConditionId, StringComparer.Ordinal)
                .ToDictionary(p => p.ConditionId, p => p.Prevalence, StringComparer.Ordinal);
            var total = weights.Values.Sum();
            foreach (var cell in RegionCells(conditions, regionModel))
            {
                var w = weights.GetValueOrDefault(cell.Condition.Id) / total;
                regionBackground[cell.Site.Id] = regionBackground.GetValueOrDefault(cell.Site.Id) + (w * (cell.InRegion ? regionModel.InRegion.Rate : regionModel.OutOfRegion.Rate));
            }
        }

        var background = new Dictionary<string, double>(regionBackground, StringComparer.Ordinal);
        foreach (var rate in rates)
        {
            background[rate.FindingId] = rate.Rate;
        }

        var pairs = ImmutableArray.CreateBuilder<LikelihoodPair>();
        var pairIds = new HashSet<(string, string)>();
        var qlist = dto.Pairs ?? [];
        for (var i = 0; i < qlist.Count; i++)
        {
            var path = $"$.pairs[{i}]";
            var p = qlist[i];
            if (p is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var cid = context.Required(p.Condition, file, p.Condition, path + ".condition", "condition");
            var fid = context.Required(p.Finding, file, p.Condition, path + ".finding", "finding");
            var label = $"{cid}/{fid}";
            if (cid is not null && !context.ConditionIds.Contains(cid))
            {
                context.Problem("dangling-reference", $"Condition '{cid}' is not in {KnowledgeFiles.Conditions}.", file, label, path + ".condition");
            }
            else if (cid is not null && conditions.Any(c => c.Id == cid && c.IsGrouping))
            {
                context.Problem("grouping-scored", $"Condition '{cid}' only groups its children and is never scored; give the pair to each child it applies to.", file, label, path + ".condition");
            }

            if (fid is not null && !context.FindingIds.Contains(fid))
            {
                context.Problem("dangling-reference", $"Finding '{fid}' is not in {KnowledgeFiles.Findings}.", file, label, path + ".finding");
            }

            if (cid is not null && fid is not null && !pairIds.Add((cid, fid)))
            {
                context.Problem("duplicate-id", $"The pair {label} appears more than once.", file, label, path);
            }

            var grade = context.CheckGraded(p.Source, p.Grade, p.Rationale, file, label, path);
            var lr = ComputeRatios(p, file, label, path, background);
            if (cid is not null && fid is not null && grade is not null && p.Source is not null && lr is { } ratios)
            {
                pairs.Add(new LikelihoodPair
                {
                    ConditionId = cid, FindingId = fid, Sensitivity = p.Sensitivity, Specificity = p.Specificity,
                    LrPositive = ratios.Positive, LrNegative = ratios.Negative, SourceKey = p.Source, Grade = grade.Value, Rationale = p.Rationale,
                    Provenance = ReadProvenance(p.Provenance, file, label, path + ".provenance"),
                });
            }
        }

        if (regionModel is not null)
        {
            foreach (var (condition, site, inRegion) in RegionCells(conditions, regionModel))
            {
                if (pairIds.Contains((condition.Id, site.Id)))
                {
                    continue;
                }

                var pc = inRegion ? regionModel.InRegion.Rate : regionModel.OutOfRegion.Rate;
                var b = regionBackground[site.Id];
                pairs.Add(new LikelihoodPair
                {
                    ConditionId = condition.Id, FindingId = site.Id, Sensitivity = pc, LrPositive = pc / b, LrNegative = (1 - pc) / (1 - b),
                    SourceKey = regionModel.InRegion.SourceKey, Grade = EvidenceGrade.Estimate, IsDerived = true,
                    Rationale = $"Region model: {(inRegion ? "in" : "outside")} the condition's body regions (P {pc}, background {b:0.###}).",
                });
            }
        }

        var profileModel = BuildProfileModel(dto.ProfileModel, file);
        var finalPriors = profileModel is null
            ? priors.ToImmutable()
            : priors.Select(p => conditions.FirstOrDefault(c => c.Id == p.ConditionId) is { } c ? p with { Modifiers = WithProfileModifiers(p, c, profileModel) } : p).ToImmutableArray();
        return setting is null || defaultRate is null
            ? null
            : new LikelihoodModel(setting, defaultRate, finalPriors, rates.ToImmutable(), pairs.ToImmutable(), regionModel, profileModel, regionBackground.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private IEnumerable<(Condition Condition, Finding Site, bool InRegion)> RegionCells(ImmutableArray<Condition> conditions, RegionModel model)
    {
        var sites = _groups.TryGetValue(model.QuestionGroupId, out var group)
            ? group.Options.Select(o => _findings.GetValueOrDefault(o.FindingId)).Where(f => f?.Site is not null).Select(f => f!).ToList()
            : [];
        foreach (var condition in conditions.Where(c => !c.IsGrouping))
        {
            foreach (var site in sites)
            {
                yield return (condition, site, condition.Regions.Contains(site.Site!.Value));
            }
        }
    }

    private BackgroundRate? ModelNumber(NumberDto? n, string file, string path, bool probability)
    {
        if (n is null)
        {
            context.Problem("missing-field", $"'{path[(path.LastIndexOf('.') + 1)..]}' is required.", file, path: path);
            return null;
        }

        if (probability)
        {
            context.CheckProbability(n.Value, file, null, path + ".value");
        }
        else if (n.Value is not { } v || !double.IsFinite(v) || v <= 0)
        {
            context.Problem("out-of-range", "A factor must be a positive number.", file, path: path + ".value");
        }

        var g = context.CheckGraded(n.Source, n.Grade, n.Rationale, file, null, path);
        return n.Value is > 0 && (!probability || n.Value < 1) && g is not null && n.Source is not null
            ? new BackgroundRate { FindingId = "*", Rate = n.Value.Value, SourceKey = n.Source, Grade = g.Value, Rationale = n.Rationale }
            : null;
    }

    private ProfileModel? BuildProfileModel(ProfileModelDto? dto, string file)
    {
        if (dto is null)
        {
            return null;
        }

        var age = ModelNumber(dto.OutsideTypicalAge, file, "$.profileModel.outsideTypicalAge", probability: false);
        var predominant = ModelNumber(dto.PredominantSex, file, "$.profileModel.predominantSex", probability: false);
        var other = ModelNumber(dto.OtherSex, file, "$.profileModel.otherSex", probability: false);
        return age is null || predominant is null || other is null ? null : new ProfileModel { OutsideTypicalAge = age, PredominantSex = predominant, OtherSex = other };
    }

    private static ImmutableArray<PriorModifier> WithProfileModifiers(ConditionPrior prior, Condition condition, ProfileModel model)
    {
        var modifiers = prior.Modifiers.ToBuilder();
        bool Reads<T>()
            where T : Criterion => prior.Modifiers.Any(m => Contains<T>(m.When));
        if (!Reads<AgeCriterion>() && (condition.Profile.AgeMin is not null || condition.Profile.AgeMax is not null))
        {
            var parts = ImmutableArray.CreateBuilder<Criterion>();
            if (condition.Profile.AgeMin is int min)
            {
                parts.Add(new AgeCriterion { Below = min });
            }

            if (condition.Profile.AgeMax is int max)
            {
                parts.Add(new AgeCriterion { Min = max + 1 });
            }

            modifiers.Add(new PriorModifier
            {
                When = new AtLeastCriterion { Count = 1, Parts = parts.ToImmutable() }, Factor = model.OutsideTypicalAge.Rate,
                SourceKey = model.OutsideTypicalAge.SourceKey, Grade = EvidenceGrade.Estimate, IsDerived = true,
                Rationale = $"Profile model: outside the typical age range ({condition.Profile.AgeMin?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} to {condition.Profile.AgeMax?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}) of the condition's sources.",
            });
        }

        if (!Reads<SexCriterion>() && condition.Applicability.Sex is null && condition.Profile.SexPredominance != SexPredominance.None)
        {
            var predominant = condition.Profile.SexPredominance == SexPredominance.Female ? Sex.Female : Sex.Male;
            var other = predominant == Sex.Female ? Sex.Male : Sex.Female;
            modifiers.Add(new PriorModifier { When = new SexCriterion { Sex = predominant }, Factor = model.PredominantSex.Rate, SourceKey = model.PredominantSex.SourceKey, Grade = EvidenceGrade.Estimate, IsDerived = true, Rationale = "Profile model: the sex the condition's sources say it is more common in." });
            modifiers.Add(new PriorModifier { When = new SexCriterion { Sex = other }, Factor = model.OtherSex.Rate, SourceKey = model.OtherSex.SourceKey, Grade = EvidenceGrade.Estimate, IsDerived = true, Rationale = "Profile model: the sex the condition's sources say it is less common in." });
        }

        return modifiers.ToImmutable();
    }

    private static bool Contains<T>(Criterion criterion)
        where T : Criterion => criterion is T || (criterion is AtLeastCriterion a && a.Parts.Any(Contains<T>));

    private RegionModel? BuildRegionModel(RegionModelDto? dto, string file)
    {
        if (dto is null)
        {
            return null;
        }

        var groupId = context.Required(dto.QuestionGroup, file, null, "$.regionModel.questionGroup", "questionGroup");
        if (groupId is not null && !_groups.ContainsKey(groupId))
        {
            context.Problem("dangling-reference", $"Question group '{groupId}' is not in {KnowledgeFiles.Findings}.", file, groupId, "$.regionModel.questionGroup");
        }

        BackgroundRate? Number(NumberDto? n, string name)
        {
            var path = "$.regionModel." + name;
            if (n is null)
            {
                context.Problem("missing-field", $"'{name}' is required.", file, path: path);
                return null;
            }

            context.CheckProbability(n.Value, file, null, path + ".value");
            var g = context.CheckGraded(n.Source, n.Grade, n.Rationale, file, null, path);
            return n.Value is > 0 and < 1 && g is not null && n.Source is not null
                ? new BackgroundRate { FindingId = "*", Rate = n.Value.Value, SourceKey = n.Source, Grade = g.Value, Rationale = n.Rationale }
                : null;
        }

        var inRegion = Number(dto.InRegion, "inRegion");
        var outRegion = Number(dto.OutOfRegion, "outOfRegion");
        return groupId is null || inRegion is null || outRegion is null || !_groups.ContainsKey(groupId)
            ? null
            : new RegionModel { QuestionGroupId = groupId, InRegion = inRegion, OutOfRegion = outRegion };
    }

    // Optional on a number; when given, every part but the reference standard and sample size is required, so a transplanted
    // number's population, setting and index-test kind are never half-recorded.
    private NumberProvenance? ReadProvenance(ProvenanceDto? dto, string file, string? id, string path)
    {
        if (dto is null)
        {
            return null;
        }

        var population = context.Required(dto.Population, file, id, path + ".population", "population");
        var setting = context.Required(dto.Setting, file, id, path + ".setting", "setting");
        var index = context.ParseEnum<IndexTestKind>(dto.IndexType, file, id, path + ".indexType");
        var read = context.Required(dto.Checked, file, id, path + ".checked", "checked");
        if (dto.SampleSize is <= 0)
        {
            context.Problem("out-of-range", $"Sample size {dto.SampleSize} must be positive.", file, id, path + ".sampleSize");
        }

        return population is null || setting is null || index is null || read is null
            ? null
            : new NumberProvenance
            {
                Population = population, Setting = setting, ReferenceStandard = dto.ReferenceStandard, IndexType = index.Value,
                SampleSize = dto.SampleSize, Checked = read,
            };
    }

    private (double Positive, double Negative)? ComputeRatios(PairDto p, string file, string label, string path, Dictionary<string, double> background)
    {
        var hasSensSpec = p.Sensitivity is not null || p.Specificity is not null;
        var hasLr = p.LrPositive is not null || p.LrNegative is not null;
        if (hasSensSpec == hasLr)
        {
            context.Problem("invalid-numbers", "Give either sensitivity (with specificity, or with a background rate for the finding), or likelihood ratios; not both or neither.", file, label, path);
            return null;
        }

        if (p.Sensitivity is not null && p.Specificity is null)
        {
            var before = context.ProblemCount;
            context.CheckProbability(p.Sensitivity, file, label, path + ".sensitivity");
            if (p.Finding is null || !background.TryGetValue(p.Finding, out var b))
            {
                context.Problem("missing-background", $"A pair with sensitivity alone needs a background rate for '{p.Finding}' (in backgroundRates, or from the region model).", file, label, path);
                return null;
            }

            if (context.ProblemCount != before)
            {
                return null;
            }

            var s = p.Sensitivity.Value;
            return (s / b, (1 - s) / (1 - b));
        }

        if (hasSensSpec)
        {
            var before = context.ProblemCount;
            context.CheckProbability(p.Sensitivity, file, label, path + ".sensitivity");
            context.CheckProbability(p.Specificity, file, label, path + ".specificity");
            if (context.ProblemCount != before)
            {
                return null;
            }

            var sens = p.Sensitivity!.Value;
            var spec = p.Specificity!.Value;
            return (sens / (1 - spec), (1 - sens) / spec);
        }

        var positive = p.LrPositive ?? 1.0;
        var negative = p.LrNegative ?? 1.0;
        if (!double.IsFinite(positive) || positive <= 0 || !double.IsFinite(negative) || negative <= 0)
        {
            context.Problem("out-of-range", "Likelihood ratios must be finite and greater than 0.", file, label, path);
            return null;
        }

        if ((positive - 1) * (negative - 1) > 0)
        {
            context.Problem("impossible-numbers", $"LR+ {positive} and LR- {negative} cannot both be on the same side of 1: no sensitivity and specificity give them.", file, label, path);
            return null;
        }

        return (positive, negative);
    }
}
