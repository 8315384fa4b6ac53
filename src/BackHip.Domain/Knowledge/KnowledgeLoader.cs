using System.Collections.Frozen;
using System.Collections.Immutable;
using BackHip.Domain.Differential;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Knowledge;

/// <summary>Reads, validates and compiles the knowledge files; collects every problem before failing.</summary>
internal sealed class KnowledgeLoader(KnowledgeValidationContext context)
{
    private readonly CriterionReader _criteria = new(context);
    private IReadOnlyDictionary<string, Finding> _findings = new Dictionary<string, Finding>();
    private IReadOnlyDictionary<string, QuestionGroup> _groups = new Dictionary<string, QuestionGroup>();

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
        var likelihoodsDto = context.Read(KnowledgeFiles.Likelihoods, KnowledgeJsonContext.Default.LikelihoodsFileDto);
        var exercisesDto = context.Read(KnowledgeFiles.Exercises, KnowledgeJsonContext.Default.ExercisesFileDto);
        var careDto = context.Read(KnowledgeFiles.Care, KnowledgeJsonContext.Default.CareFileDto);

        var sources = sourcesReader.Build();
        var conditions = conditionsReader.Build();
        var (findings, groups) = findingsReader.Build();
        loader._findings = findingsReader.Findings;
        loader._groups = findingsReader.Groups;
        var rules = rulesReader.Build();
        var likelihoods = loader.BuildLikelihoods(likelihoodsDto, conditions);
        var care = loader.BuildCare(exercisesDto, careDto);

        if (context.ProblemCount > 0 || likelihoods is null || care is null)
        {
            throw new BackHipValidationException("knowledge base", [.. context.Problems]);
        }

        return new KnowledgeBase(KnowledgeBase.ComputeVersion(files), sources, conditions, findings, groups, rules, likelihoods, care);
    }

    private LikelihoodModel? BuildLikelihoods(LikelihoodsFileDto? dto, ImmutableArray<Condition> conditions)
    {
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
                rates.Add(new BackgroundRate { FindingId = id, Rate = r.Rate.Value, SourceKey = r.Source, Grade = grade.Value, Rationale = r.Rationale });
            }
        }

        var regionModel = BuildRegionModel(dto.RegionModel, file);
        var regionBackground = new Dictionary<string, double>(StringComparer.Ordinal);
        if (regionModel is not null)
        {
            // Conditions limited to pregnancy are left out: their in-pregnancy prevalence would swamp everyone else's.
            var weights = priors.Where(p => !conditions.Any(c => c.Id == p.ConditionId && c.Applicability.RequiresPregnancy))
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
