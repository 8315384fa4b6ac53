using System.Collections.Frozen;
using System.Collections.Immutable;
using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Differential;

/// <summary>Reads and checks likelihoods.json: the setting, the default background rate, priors with their modifiers
/// and age curves, background rates, condition-finding pairs, per-condition pain maps (whose pairs it adds) and the
/// findings scored as one variable.</summary>
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
    /// <param name="conditions">The conditions, to check every scored one has a prior and to weigh the pain maps.</param>
    /// <param name="findings">The findings by id, for the pain sites and variables.</param>
    /// <param name="groups">The question groups by id, for the pain-site question and the one-of variables.</param>
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

            var curve = ReadAgeCurve(p.AgeCurve, file, id, path + ".ageCurve");
            if (curve is not null && modifiers.Any(m => Contains<AgeCriterion>(m.When)))
            {
                context.Problem("invalid-numbers", "A prior with an age curve must not also have an age modifier: age would count twice.", file, id, path + ".ageCurve");
            }

            var settings = ReadSettingPriors(p.Settings, file, id, path + ".settings");
            if (id is not null && p.Prevalence is > 0 and < 1 && grade is not null && p.Source is not null)
            {
                priors.Add(new ConditionPrior { ConditionId = id, Prevalence = p.Prevalence.Value, SourceKey = p.Source, Grade = grade.Value, Rationale = p.Rationale, Provenance = ReadProvenance(p.Provenance, file, id, path + ".provenance"), Modifiers = modifiers.ToImmutable(), AgeCurve = curve, Settings = settings });
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

        var unmapped = ReadMapRate(dto.PainMaps, dto.PainMaps?.UnmappedRate, "unmappedRate", file);
        var typical = ReadMapRate(dto.PainMaps, dto.PainMaps?.TypicalSiteRate, "typicalSiteRate", file);
        var referred = ReadReferredRate(dto.PainMaps, conditions, file);
        var painMaps = ReadPainMaps(dto.PainMaps, file, conditions, typical?.Rate, referred?.Rate, unmapped?.Rate);
        if (dto.PainMaps?.TypicalFromRegions == true && typical is not null)
        {
            painMaps.AddRange(TypicalFromRegions(conditions, dto.PainMaps.QuestionGroup, painMaps, typical.Rate, referred?.Rate ?? typical.Rate));
        }

        var siteBackground = DeriveSiteBackground(painMaps, unmapped, priors, conditions, rates);
        var background = new Dictionary<string, double>(siteBackground, StringComparer.Ordinal);
        var backgroundOrigin = siteBackground.Keys.ToDictionary(k => k, _ => (Source: unmapped?.SourceKey ?? "", Grade: EvidenceGrade.Estimate), StringComparer.Ordinal);
        foreach (var rate in rates)
        {
            background[rate.FindingId] = rate.Rate;
            backgroundOrigin[rate.FindingId] = (rate.SourceKey, rate.Grade);
        }

        // A sensitivity given alone is divided by the finding's background rate: the pair records which rate, so the ratio's
        // two numbers keep their own sources and grades.
        LikelihoodPair WithBackground(LikelihoodPair pair) =>
            pair.Specificity is null && pair.Sensitivity is not null && background.TryGetValue(pair.FindingId, out var rate) && backgroundOrigin.TryGetValue(pair.FindingId, out var origin)
                ? pair with { BackgroundRate = rate, BackgroundSourceKey = origin.Source, BackgroundGrade = origin.Grade }
                : pair;

        var bands = ReadFrequencyBands(dto.FrequencyBands, file);
        var pairs = ImmutableArray.CreateBuilder<LikelihoodPair>();
        var pairIds = new HashSet<(string, string)>();
        var pairPaths = new Dictionary<(string, string), string>();
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
            else if (cid is not null && fid is not null)
            {
                pairPaths[(cid, fid)] = path;
            }

            var grade = context.CheckGraded(p.Source, p.Grade, p.Rationale, file, label, path);
            var numbers = WithBand(p, bands, grade, file, label, path);
            var lr = numbers is null ? null : ComputeRatios(numbers, file, label, path, background);
            if (cid is not null && fid is not null && grade is not null && p.Source is not null && numbers is not null && lr is { } ratios)
            {
                pairs.Add(WithBackground(new LikelihoodPair
                {
                    ConditionId = cid, FindingId = fid, Sensitivity = numbers.Sensitivity, Specificity = numbers.Specificity,
                    LrPositive = ratios.Positive, LrNegative = ratios.Negative, SourceKey = p.Source, Grade = grade.Value, Rationale = p.Rationale,
                    Provenance = ReadProvenance(p.Provenance, file, label, path + ".provenance"), FrequencyBand = p.Band,
                }));
            }
        }

        var variables = ReadVariables(dto.SameVariable, file);
        var residual = ReadResidual(dto.Residual, conditions, priors, rates, pairs, pairIds, NotDerivable(dto.SameVariable, variables), file);

        // A written pair wins over a typical site taken from the body regions.
        painMaps.RemoveAll(m => m.FromRegions && pairIds.Contains((m.ConditionId, m.SiteId)));
        foreach (var site in painMaps)
        {
            if (!pairIds.Add((site.ConditionId, site.SiteId)))
            {
                context.Problem("duplicate-id", $"The pair {site.ConditionId}/{site.SiteId} is both written and in the condition's pain map.", file, $"{site.ConditionId}/{site.SiteId}", "$.painMaps");
                continue;
            }

            if (!background.TryGetValue(site.SiteId, out var b))
            {
                continue;
            }

            // A typical site has no measured frequency (the file's typical-site rate stands in for one), so its absence
            // counts nothing: absence of a site counts against a condition only as far as a source supports it.
            var f = site.Frequency;
            var negative = site.Kind is PainSiteKind.Typical or PainSiteKind.Referred ? 1.0 : (1 - f) / (1 - b);
            pairs.Add(WithBackground(new LikelihoodPair
            {
                ConditionId = site.ConditionId, FindingId = site.SiteId, Sensitivity = f, LrPositive = f / b, LrNegative = negative,
                SourceKey = site.SourceKey, Grade = site.Grade, Rationale = site.Rationale, Provenance = site.Provenance, FromPainMap = true,
            }));
        }

        AddImpliedPairs(dto.SameVariable, variables, pairs, background, file);
        var nested = ReadNested(dto.Nested, variables, file);
        CheckNestedShares(nested, pairs, pairPaths, file);
        return setting is null || defaultRate is null
            ? null
            : new LikelihoodModel(setting, defaultRate, priors.ToImmutable(), rates.ToImmutable(), pairs.ToImmutable(), [.. painMaps], variables, siteBackground.ToFrozenDictionary(StringComparer.Ordinal),
                [.. new[] { typical, referred, unmapped }.OfType<BackgroundRate>()], nested, bands, residual);
    }

    // Labels of exclusion (nonspecific low back pain: back pain with no specific cause found) are what is left of the
    // presenters once the specific conditions are taken out. A finding's background rate is the prior-weighted mixture of
    // P(finding | condition) over every condition (the law of total probability), and a condition without a pair of its
    // own sits at the background. So for each finding with a stated background rate that a specific condition has a pair
    // for, the residual labels without a pair of their own take what the paired conditions leave:
    // P(f | residual) = b - sum over paired conditions of w_c (P(f | c) - b) / W, where w are the prior shares (conditions
    // limited to pregnancy left out, as for the site backgrounds) and W the residual labels' share. Without this the
    // labels carrying most of the prior would stay neutral to fever, a groin lump or an injury, which the specific
    // conditions explain. Where the paired conditions explain more than the background allows (the sourced numbers
    // contradict each other) nothing is derived and the finding is listed as inconsistent.
    private ResidualLabels? ReadResidual(ResidualDto? dto, ImmutableArray<Condition> conditions, ImmutableArray<ConditionPrior>.Builder priors,
        ImmutableArray<BackgroundRate>.Builder rates, ImmutableArray<LikelihoodPair>.Builder pairs, HashSet<(string, string)> pairIds, HashSet<string> notDerivable, string file)
    {
        if (dto is null)
        {
            return null;
        }

        const string Path = "$.residual";
        var ids = new List<string>();
        var list = dto.Conditions ?? [];
        if (list.Count == 0)
        {
            context.Problem("missing-field", "'conditions' must name at least one condition.", file, path: Path + ".conditions");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var path = $"{Path}.conditions[{i}]";
            var cid = list[i];
            if (cid is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
            }
            else if (!context.ConditionIds.Contains(cid))
            {
                context.Problem("dangling-reference", $"Condition '{cid}' is not in {KnowledgeFiles.Conditions}.", file, cid, path);
            }
            else if (conditions.Any(c => c.Id == cid && c.IsGrouping))
            {
                context.Problem("grouping-scored", $"Condition '{cid}' only groups its children and is never scored; name each child.", file, cid, path);
            }
            else if (ids.Contains(cid, StringComparer.Ordinal))
            {
                context.Problem("duplicate-id", $"Condition '{cid}' is named more than once.", file, cid, path);
            }
            else
            {
                ids.Add(cid);
            }
        }

        var grade = context.CheckGraded(dto.Source, dto.Grade, dto.Rationale, file, null, Path);
        var weights = PresenterWeights(priors, conditions);
        if (ids.Count > 0 && ids.Count == list.Count && !(ids.Sum(id => weights.GetValueOrDefault(id)) > 0))
        {
            context.Problem("invalid-numbers", "The residual conditions need a prior above zero (conditions limited to pregnancy do not count).", file, null, Path + ".conditions");
            return null;
        }

        if (grade is null || dto.Source is null || ids.Count == 0 || ids.Count != list.Count)
        {
            return null;
        }

        var residual = ids.ToHashSet(StringComparer.Ordinal);
        var total = weights.Values.Sum();
        var inconsistent = ImmutableArray.CreateBuilder<string>();
        foreach (var rate in rates)
        {
            var b = rate.Rate;
            var written = pairs.Where(p => p.FindingId == rate.FindingId && weights.ContainsKey(p.ConditionId)).ToList();
            var targets = ids.Where(id => weights.GetValueOrDefault(id) > 0 && !pairIds.Contains((id, rate.FindingId))).ToList();
            if (_findings.GetValueOrDefault(rate.FindingId)?.Site is not null || notDerivable.Contains(rate.FindingId) || targets.Count == 0 || !written.Any(p => !residual.Contains(p.ConditionId)))
            {
                continue;
            }

            var excess = written.Sum(p => weights[p.ConditionId] * (ShareOf(p, b) - b));
            var share = targets.Sum(id => weights[id]);
            var rest = b - (excess / share);
            if (!(rest is > 0 and < 1))
            {
                inconsistent.Add(rate.FindingId);
                continue;
            }

            var paired = written.Count(p => !residual.Contains(p.ConditionId));
            var rationale = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Derived, not measured (a label of exclusion takes what the specific conditions leave): background {b:0.####} ({rate.SourceKey}); the {paired} condition(s) with a pair on this finding change the share of presenters with it by {excess / total:+0.#####;-0.#####} against that background, which the residual labels without a pair of their own ({share / total:0.###} of the prior) give back. A yes counts; a no is neutral, as no source measured the finding's absence here.");
            foreach (var id in targets)
            {
                pairIds.Add((id, rate.FindingId));
                pairs.Add(new LikelihoodPair
                {
                    ConditionId = id, FindingId = rate.FindingId, Sensitivity = rest, LrPositive = rest / b, LrNegative = 1,
                    SourceKey = dto.Source, Grade = EvidenceGrade.Estimate, Rationale = rationale,
                    BackgroundRate = b, BackgroundSourceKey = rate.SourceKey, BackgroundGrade = rate.Grade, Residual = true,
                });
            }
        }

        return new ResidualLabels { ConditionIds = [.. ids], SourceKey = dto.Source, Grade = grade.Value, Rationale = dto.Rationale, Inconsistent = inconsistent.ToImmutable() };
    }

    // Findings of a variable whose answers can be yes together (a reported and a measured fever) count once, the
    // strongest; a label of exclusion given a derived pair on each would keep the weakest evidence against it, so that a
    // second answer could lower the conditions the first had raised. Such a label is derived on the finding the others
    // imply (fever or chills) and carries that pair to them; members that imply nothing and are implied by nothing stay
    // neutral. The options of a one-of question are never yes together and are derived one by one.
    private HashSet<string> NotDerivable(List<VariableDto?>? extra, ImmutableArray<FindingVariable> variables)
    {
        var targets = (extra ?? []).Where(v => v?.Implies is not null).SelectMany(v => v!.Implies!.Values).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return variables.Where(v => !(_groups.TryGetValue(v.Id, out var g) && g.Mode == SelectionMode.OneOf))
            .SelectMany(v => v.FindingIds)
            .Where(f => !targets.Contains(f))
            .ToHashSet(StringComparer.Ordinal);
    }

    // P(finding | condition) of a written pair: its sensitivity, else its LR+ times the background (the pair's ratio is
    // against the rest, which is the background for a condition as rare as most), else from its LR- alone.
    private static double ShareOf(LikelihoodPair pair, double background) =>
        pair.Sensitivity ?? (pair.LrPositive != 1 ? Math.Min(1, pair.LrPositive * background) : 1 - (pair.LrNegative * (1 - background)));

    private AgeCurve? ReadAgeCurve(AgeCurveDto? dto, string file, string? id, string path)
    {
        if (dto is null)
        {
            return null;
        }

        var points = ImmutableArray.CreateBuilder<AgePoint>();
        var list = dto.Points ?? [];
        if (list.Count == 0)
        {
            context.Problem("missing-field", "An age curve needs at least one point.", file, id, path + ".points");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var ppath = $"{path}.points[{i}]";
            if (list[i] is not { } point)
            {
                context.Problem("missing-field", "Entry is null.", file, id, ppath);
                continue;
            }

            if (point.Age is not (>= 0 and <= 120))
            {
                context.Problem("out-of-range", "'age' must be 0 to 120.", file, id, ppath + ".age");
            }
            else if (points.Count > 0 && point.Age <= points[^1].Age)
            {
                context.Problem("out-of-order", "Age-curve points must be in strictly ascending age.", file, id, ppath + ".age");
            }

            if (point.Factor is not { } factor || !double.IsFinite(factor) || factor <= 0)
            {
                context.Problem("out-of-range", "'factor' must be a positive number.", file, id, ppath + ".factor");
            }
            else if (point.Age is >= 0 and <= 120 && (points.Count == 0 || point.Age > points[^1].Age))
            {
                points.Add(new AgePoint { Age = point.Age.Value, Factor = factor });
            }
        }

        var grade = context.CheckGraded(dto.Source, dto.Grade, dto.Rationale, file, id, path);
        return grade is null || dto.Source is null || points.Count != list.Count || points.Count == 0
            ? null
            : new AgeCurve { Points = points.ToImmutable(), SourceKey = dto.Source, Grade = grade.Value, Rationale = dto.Rationale };
    }

    // A condition's sourced body regions name where its pain is felt; a pain site in those regions that its map does not
    // give a frequency for becomes a typical site (the typical-site rate, graded estimate, sourced to the condition's own
    // sources), or a referred site (the referred-site rate) in one of its referred regions. A site outside its regions
    // stays neutral.
    private IEnumerable<PainMapSite> TypicalFromRegions(ImmutableArray<Condition> conditions, string? groupId, List<PainMapSite> written, double rate, double referredRate)
    {
        if (groupId is null || !_groups.TryGetValue(groupId, out var group))
        {
            yield break;
        }

        var have = written.Select(s => (s.ConditionId, s.SiteId)).ToHashSet();
        var sites = group.Options.Select(o => _findings.GetValueOrDefault(o.FindingId)).Where(f => f?.Site is not null).Select(f => f!).ToList();
        foreach (var condition in conditions.Where(c => !c.IsGrouping && c.SourceKeys.Length > 0))
        {
            var sources = string.Join(", ", condition.SourceKeys);
            foreach (var site in sites.Where(f => condition.Regions.Contains(f.Site!.Value) && have.Add((condition.Id, f.Id))))
            {
                var isReferred = condition.ReferredRegions.Contains(site.Site!.Value);
                yield return new PainMapSite
                {
                    ConditionId = condition.Id, SiteId = site.Id, Frequency = isReferred ? referredRate : rate, Kind = isReferred ? PainSiteKind.Referred : PainSiteKind.Typical,
                    SourceKey = condition.SourceKeys[0], Grade = EvidenceGrade.Estimate, FromRegions = true,
                    Rationale = isReferred
                        ? $"Referred site: in the condition's sourced body regions ({sources}) but away from the affected structure; no frequency found, so the referred-site rate."
                        : $"Typical site: in the condition's sourced body regions ({sources}); no frequency found, so the typical-site rate.",
                };
            }
        }
    }

    private BackgroundRate? ReadMapRate(PainMapsDto? dto, NumberDto? number, string name, string file)
    {
        if (dto is null)
        {
            return null;
        }

        var path = "$.painMaps." + name;
        if (number is not { } n)
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

    // The referred-site rate is optional; without it a referred site takes the typical-site rate. A file whose conditions
    // name referred regions must give it, so that the mark is never silently ignored.
    private BackgroundRate? ReadReferredRate(PainMapsDto? dto, ImmutableArray<Condition> conditions, string file) =>
        dto is null || (dto.ReferredSiteRate is null && conditions.All(c => c.ReferredRegions.IsEmpty))
            ? null
            : ReadMapRate(dto, dto.ReferredSiteRate, "referredSiteRate", file);

    private List<PainMapSite> ReadPainMaps(PainMapsDto? dto, string file, ImmutableArray<Condition> conditions, double? typicalRate, double? referredRate, double? unmappedRate)
    {
        var sites = new List<PainMapSite>();
        if (dto is null)
        {
            return sites;
        }

        var groupId = context.Required(dto.QuestionGroup, file, null, "$.painMaps.questionGroup", "questionGroup");
        context.Required(dto.BackgroundRationale, file, null, "$.painMaps.backgroundRationale", "backgroundRationale");
        if (groupId is not null && !_groups.ContainsKey(groupId))
        {
            context.Problem("dangling-reference", $"Question group '{groupId}' is not in {KnowledgeFiles.Findings}.", file, groupId, "$.painMaps.questionGroup");
        }

        var seen = new HashSet<(string, string)>();
        var maps = dto.Maps ?? [];
        for (var i = 0; i < maps.Count; i++)
        {
            var path = $"$.painMaps.maps[{i}]";
            if (maps[i] is not { } map)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var cid = context.Required(map.Condition, file, map.Condition, path + ".condition", "condition");
            if (cid is not null && !context.ConditionIds.Contains(cid))
            {
                context.Problem("dangling-reference", $"Condition '{cid}' is not in {KnowledgeFiles.Conditions}.", file, cid, path + ".condition");
                cid = null;
            }
            else if (cid is not null && conditions.Any(c => c.Id == cid && c.IsGrouping))
            {
                context.Problem("grouping-scored", $"Condition '{cid}' only groups its children: give the pain map to the children.", file, cid, path + ".condition");
                cid = null;
            }

            var list = map.Sites ?? [];
            for (var k = 0; k < list.Count; k++)
            {
                var spath = $"{path}.sites[{k}]";
                if (list[k] is not { } site)
                {
                    context.Problem("missing-field", "Entry is null.", file, cid, spath);
                    continue;
                }

                var sid = context.Required(site.Site, file, cid, spath + ".site", "site");
                var label = $"{cid}/{sid}";
                if (sid is not null && !_findings.ContainsKey(sid))
                {
                    context.Problem("dangling-reference", $"Finding '{sid}' is not in {KnowledgeFiles.Findings}.", file, label, spath + ".site");
                    sid = null;
                }
                else if (sid is not null && _findings[sid].Site is null)
                {
                    context.Problem("not-a-site", $"'{sid}' is not a pain at a body site.", file, label, spath + ".site");
                    sid = null;
                }
                else if (cid is not null && sid is not null && !seen.Add((cid, sid)))
                {
                    context.Problem("duplicate-id", $"The site {label} appears more than once.", file, label, spath);
                    sid = null;
                }

                var kind = site.Kind is null ? PainSiteKind.Measured : context.ParseEnum<PainSiteKind>(site.Kind, file, label, spath + ".kind");
                var frequency = site.Frequency;
                if (kind is PainSiteKind.Measured)
                {
                    context.CheckProbability(site.Frequency, file, label, spath + ".frequency", openInterval: false);
                    if (site.Frequency is <= 0)
                    {
                        context.Problem("out-of-range", "A pain-map frequency must be above 0: a site where the condition's pain is never felt is left out.", file, label, spath + ".frequency");
                    }
                    else if (site.Frequency is >= 1)
                    {
                        context.Problem("out-of-range", "A pain-map frequency of 1 would exclude the condition on one answer: mark a site its definition requires as kind 'defining', which takes its frequency from the unmapped rate.", file, label, spath + ".frequency");
                    }
                }
                else if (site.Frequency is not null)
                {
                    context.Problem("invalid-numbers", $"A '{site.Kind}' site takes its frequency from the section's rate; give none.", file, label, spath + ".frequency");
                }
                else
                {
                    frequency = kind switch
                    {
                        PainSiteKind.Typical => typicalRate,
                        PainSiteKind.Referred => referredRate ?? typicalRate,
                        PainSiteKind.Defining => 1 - unmappedRate,
                        _ => unmappedRate,
                    };
                }

                var grade = context.CheckGraded(site.Source, site.Grade, site.Rationale, file, label, spath);
                if (kind is PainSiteKind.Typical or PainSiteKind.Referred or PainSiteKind.OutsideDefinition or PainSiteKind.Defining && grade is not null and not EvidenceGrade.Estimate)
                {
                    context.Problem("dishonest-grade", "A site without a measured frequency is an estimate.", file, label, spath + ".grade");
                }

                var provenance = ReadProvenance(site.Provenance, file, label, spath + ".provenance");
                if (cid is not null && sid is not null && kind is not null && frequency is > 0 and <= 1 && grade is not null && site.Source is not null)
                {
                    sites.Add(new PainMapSite
                    {
                        ConditionId = cid, SiteId = sid, Frequency = frequency.Value, Kind = kind.Value, SourceKey = site.Source, Grade = grade.Value,
                        Rationale = site.Rationale, Provenance = provenance,
                    });
                }
            }
        }

        return sites;
    }

    // P(site | rest) for a site without a stated background rate: the prior-weighted mean over the scored conditions of
    // P(site | condition), the map's frequency where the condition's map names the site and the unmapped rate otherwise.
    // Conditions limited to pregnancy are left out: their in-pregnancy prevalence would swamp everyone else's.
    private static Dictionary<string, double> DeriveSiteBackground(List<PainMapSite> sites, BackgroundRate? unmapped, ImmutableArray<ConditionPrior>.Builder priors, ImmutableArray<Condition> conditions, ImmutableArray<BackgroundRate>.Builder rates)
    {
        var derived = new Dictionary<string, double>(StringComparer.Ordinal);
        if (unmapped is null)
        {
            return derived;
        }

        var weights = PresenterWeights(priors, conditions);
        var total = weights.Values.Sum();
        var stated = rates.Select(r => r.FindingId).ToHashSet(StringComparer.Ordinal);
        if (total <= 0)
        {
            return derived;
        }

        foreach (var group in sites.Where(s => !stated.Contains(s.SiteId)).GroupBy(s => s.SiteId, StringComparer.Ordinal))
        {
            var frequency = group.Where(s => weights.ContainsKey(s.ConditionId)).DistinctBy(s => s.ConditionId, StringComparer.Ordinal)
                .ToDictionary(s => s.ConditionId, s => s.Frequency, StringComparer.Ordinal);
            var b = weights.Sum(w => w.Value * frequency.GetValueOrDefault(w.Key, unmapped.Rate)) / total;
            if (b is > 0 and < 1)
            {
                derived[group.Key] = b;
            }
        }

        return derived;
    }

    // Each scored condition's prior as its weight among presenters, for the mixtures a background is made of. Conditions
    // limited to pregnancy are left out: their in-pregnancy prevalence would swamp everyone else's.
    private static Dictionary<string, double> PresenterWeights(ImmutableArray<ConditionPrior>.Builder priors, ImmutableArray<Condition> conditions)
    {
        var pregnancyOnly = conditions.Where(c => c.Applicability.RequiresPregnancy).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return priors.Where(p => !pregnancyOnly.Contains(p.ConditionId)).DistinctBy(p => p.ConditionId, StringComparer.Ordinal)
            .ToDictionary(p => p.ConditionId, p => p.Prevalence, StringComparer.Ordinal);
    }

    // A variable's implies map names findings that are narrower answers to another of its findings (a reported fever is a
    // yes to "fever or chills"). For every condition whose pair on the broader finding raises it (and every label of
    // exclusion with a derived pair there, whichever way it points), and that has no pair of
    // its own on the narrower one, the narrower finding carries that LR+ with absence neutral (a no to the narrower
    // question does not answer the broader one). The variable counts the strongest answer once, so nothing doubles.
    private void AddImpliedPairs(List<VariableDto?>? extra, ImmutableArray<FindingVariable> variables, ImmutableArray<LikelihoodPair>.Builder pairs,
        Dictionary<string, double> background, string file)
    {
        var list = extra ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { Implies: { } implies } v)
            {
                continue;
            }

            var gid = v.Id ?? v.QuestionGroup;
            var variable = variables.FirstOrDefault(x => x.Id == gid);
            foreach (var (narrow, broad) in implies)
            {
                var path = $"$.sameVariable[{i}].implies.{narrow}";
                if (variable is null || broad is null || narrow == broad || !variable.FindingIds.Contains(narrow) || !variable.FindingIds.Contains(broad))
                {
                    context.Problem("invalid-variable", $"'{narrow}' implies '{broad}': both must be different findings of the variable '{gid}'.", file, gid, path);
                    continue;
                }

                var own = pairs.Where(p => p.FindingId == narrow).Select(p => p.ConditionId).ToHashSet(StringComparer.Ordinal);
                foreach (var pair in pairs.Where(p => p.FindingId == broad && (p.LrPositive > 1 || p.Residual) && !own.Contains(p.ConditionId)).ToList())
                {
                    if (background.TryGetValue(narrow, out var rate) && pair.LrPositive * rate > 1 + 1e-9)
                    {
                        context.Problem("impossible-numbers", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"{pair.ConditionId}/{broad} LR+ {pair.LrPositive:0.###} carried to '{narrow}' exceeds 1 / {rate:0.###}, its background rate: give '{narrow}' a pair of its own."), file, $"{pair.ConditionId}/{narrow}", path);
                        continue;
                    }

                    pairs.Add(pair with
                    {
                        FindingId = narrow, Sensitivity = null, Specificity = null, LrNegative = 1, FromPainMap = false, ImpliedFrom = broad,
                        Rationale = $"Carried from {broad}: a yes to {narrow} is a yes to {broad}, so it takes that pair's LR+ (absence neutral). That pair: {pair.Rationale}",
                    });
                }
            }
        }
    }

    private ImmutableArray<FindingVariable> ReadVariables(List<VariableDto?>? extra, string file)
    {
        var variables = new List<FindingVariable>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in _groups.Values.Where(g => g.Mode == SelectionMode.OneOf).OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            variables.Add(new FindingVariable { Id = group.Id, FindingIds = [.. group.Options.Select(o => o.FindingId)] });
            foreach (var o in group.Options)
            {
                taken[o.FindingId] = group.Id;
            }
        }

        var list = extra ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.sameVariable[{i}]";
            if (list[i] is not { } v)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            // An entry either extends a one-of question group (questionGroup) or names findings of separate questions
            // that measure one thing, such as a reported and an examined sign (id).
            var standalone = v.QuestionGroup is null && v.Id is not null;
            var gid = standalone ? v.Id : context.Required(v.QuestionGroup, file, v.QuestionGroup, path + ".questionGroup", "questionGroup or id");
            context.Required(v.Rationale, file, gid, path + ".rationale", "rationale");
            var index = variables.FindIndex(x => x.Id == gid);
            if (standalone && (index >= 0 || _groups.ContainsKey(gid!)))
            {
                context.Problem("duplicate-id", $"'{gid}' is already the id of a question group or variable.", file, gid, path + ".id");
                continue;
            }

            if (standalone && (v.Findings?.Count ?? 0) < 2)
            {
                context.Problem("invalid-variable", "A variable of its own needs at least two findings.", file, gid, path + ".findings");
                continue;
            }

            if (!standalone && gid is not null && index < 0)
            {
                context.Problem("dangling-reference", $"'{gid}' is not a one-of question group in {KnowledgeFiles.Findings}.", file, gid, path + ".questionGroup");
                continue;
            }

            var added = new List<string>();
            var flist = v.Findings ?? [];
            for (var k = 0; k < flist.Count; k++)
            {
                var fid = flist[k];
                if (fid is null || !_findings.TryGetValue(fid, out var finding))
                {
                    context.Problem("dangling-reference", $"Finding '{fid}' is not in {KnowledgeFiles.Findings}.", file, gid, $"{path}.findings[{k}]");
                }
                else if (finding.IsComposite)
                {
                    context.Problem("invalid-reference", $"'{fid}' is derived from other answers and cannot join a variable.", file, gid, $"{path}.findings[{k}]");
                }
                else if (taken.TryGetValue(fid, out var other))
                {
                    context.Problem("duplicate-id", $"'{fid}' is already part of the variable '{other}'.", file, gid, $"{path}.findings[{k}]");
                }
                else
                {
                    taken[fid] = gid!;
                    added.Add(fid);
                }
            }

            if (standalone && added.Count == flist.Count)
            {
                variables.Add(new FindingVariable { Id = gid!, FindingIds = [.. added], Rationale = v.Rationale });
            }
            else if (index >= 0)
            {
                variables[index] = variables[index] with { FindingIds = variables[index].FindingIds.AddRange(added), Rationale = v.Rationale };
            }
        }

        return [.. variables];
    }

    // Broader findings and the narrower findings whose yes implies them. A finding may be narrower than one broader finding
    // only, is never its own broader finding, and stays out of the scored variables (whose own rules already count
    // their findings once), so the two mechanisms never meet on one finding.
    private ImmutableArray<NestedFindings> ReadNested(List<NestedDto?>? list, ImmutableArray<FindingVariable> variables, string file)
    {
        if (list is null)
        {
            return [];
        }

        var inVariable = variables.SelectMany(v => v.FindingIds).ToHashSet(StringComparer.Ordinal);
        var narrowerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var broads = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<NestedFindings>();
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.nested[{i}]";
            if (list[i] is not { } n)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var broad = context.Required(n.Broad, file, null, path + ".broad", "broad");
            var rationale = context.Required(n.Rationale, file, broad, path + ".rationale", "rationale");
            var ok = broad is not null && rationale is not null;
            if (broad is not null && !Known(broad, path + ".broad"))
            {
                ok = false;
            }
            else if (broad is not null && !broads.Add(broad))
            {
                context.Problem("duplicate-id", $"'{broad}' is already the broader finding of another entry.", file, broad, path + ".broad");
                ok = false;
            }

            var narrower = n.Narrower ?? [];
            if (narrower.Count == 0)
            {
                context.Problem("missing-field", "An entry needs at least one narrower finding.", file, broad, path + ".narrower");
                ok = false;
            }

            var ids = new List<string>();
            for (var k = 0; k < narrower.Count; k++)
            {
                var npath = $"{path}.narrower[{k}]";
                var id = narrower[k];
                if (id is null || !Known(id, npath))
                {
                    ok = false;
                }
                else if (id == broad || broads.Contains(id))
                {
                    context.Problem("invalid-nesting", $"'{id}' is a broader finding; a finding is narrower or broader, not both.", file, broad, npath);
                    ok = false;
                }
                else if (!narrowerOf.TryAdd(id, broad ?? string.Empty))
                {
                    context.Problem("duplicate-id", $"'{id}' is already narrower than '{narrowerOf[id]}'.", file, broad, npath);
                    ok = false;
                }
                else
                {
                    ids.Add(id);
                }
            }

            if (broad is not null && narrowerOf.ContainsKey(broad))
            {
                context.Problem("invalid-nesting", $"'{broad}' is already a narrower finding; a finding is narrower or broader, not both.", file, broad, path + ".broad");
                ok = false;
            }

            if (ok)
            {
                result.Add(new NestedFindings { BroadId = broad!, NarrowerIds = [.. ids], Rationale = rationale! });
            }
        }

        return result.ToImmutable();

        bool Known(string id, string p)
        {
            if (!_findings.TryGetValue(id, out var finding))
            {
                context.Problem("dangling-reference", $"Finding '{id}' is not in {KnowledgeFiles.Findings}.", file, id, p);
                return false;
            }

            if (finding.IsComposite || inVariable.Contains(id))
            {
                context.Problem("invalid-nesting", $"'{id}' is derived from other answers or already part of a scored variable, whose own rule counts it once.", file, id, p);
                return false;
            }

            return true;
        }
    }

    // Setting names as written in the file: the camelCase names of CareSetting.
    private static readonly System.Collections.Frozen.FrozenDictionary<string, CareSetting> SettingNames =
        Enum.GetValues<CareSetting>().ToFrozenDictionary(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), v => v, StringComparer.Ordinal);

    private ImmutableArray<SettingPrior> ReadSettingPriors(List<SettingPriorDto?>? list, string file, string? id, string path)
    {
        if (list is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<SettingPrior>();
        var seen = new HashSet<CareSetting>();
        for (var k = 0; k < list.Count; k++)
        {
            var spath = $"{path}[{k}]";
            var item = list[k];
            if (item is null)
            {
                context.Problem("missing-field", "Entry is null.", file, id, spath);
                continue;
            }

            CareSetting? setting = null;
            if (item.Setting is null)
            {
                context.Problem("missing-field", "'setting' is required.", file, id, spath + ".setting");
            }
            else if (!SettingNames.TryGetValue(item.Setting, out var known))
            {
                context.Problem("unknown-value", $"'{item.Setting}' is not a setting; expected one of {string.Join(", ", SettingNames.Keys.Order(StringComparer.Ordinal).Select(n => "'" + n + "'"))}.", file, id, spath + ".setting");
            }
            else if (!seen.Add(known))
            {
                context.Problem("duplicate-id", $"Setting '{item.Setting}' has more than one prevalence.", file, id, spath + ".setting");
            }
            else
            {
                setting = known;
            }

            context.CheckProbability(item.Prevalence, file, id, spath + ".prevalence");
            var grade = context.CheckGraded(item.Source, item.Grade, item.Rationale, file, id, spath);
            var provenance = ReadProvenance(item.Provenance, file, id, spath + ".provenance");
            if (setting is not null && item.Prevalence is > 0 and < 1 && grade is not null && item.Source is not null)
            {
                result.Add(new SettingPrior { Setting = setting.Value, Prevalence = item.Prevalence.Value, SourceKey = item.Source, Grade = grade.Value, Rationale = item.Rationale, Provenance = provenance });
            }
        }

        return result.ToImmutable();
    }

    private static bool Contains<T>(Criterion criterion)
        where T : Criterion => criterion is T || (criterion is AtLeastCriterion a && a.Parts.Any(Contains<T>));

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

    // A yes to a narrower finding is a yes to the broader one, so no condition can have the narrower finding more often
    // than the broader one: where a condition states both as shares (sensitivities alone, band midpoints or pain-map
    // frequencies), the broader share must be at least the narrower.
    private void CheckNestedShares(ImmutableArray<NestedFindings> nested, ImmutableArray<LikelihoodPair>.Builder pairs, Dictionary<(string, string), string> paths, string file)
    {
        const double Tolerance = 1e-12;
        var shares = new Dictionary<(string, string), double>();
        foreach (var p in pairs)
        {
            if (p.ImpliedFrom is null && !p.Residual && p.Specificity is null && p.Sensitivity is { } s)
            {
                shares[(p.ConditionId, p.FindingId)] = s;
            }
        }

        // ReadNested lets a finding be narrower than one broader finding only.
        var broaderOf = nested.SelectMany(n => n.NarrowerIds.Select(narrow => (Narrow: narrow, n.BroadId))).ToDictionary(x => x.Narrow, x => x.BroadId, StringComparer.Ordinal);
        foreach (var ((condition, finding), share) in shares)
        {
            if (broaderOf.TryGetValue(finding, out var broadId) && shares.TryGetValue((condition, broadId), out var broad) && broad < share - Tolerance)
            {
                var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"'{finding}' is narrower than '{broadId}' (a yes to it is a yes to the broader finding), so {condition} cannot have it more often: {share:0.###} against {broad:0.###}.");
                context.Problem("impossible-numbers", text, file, $"{condition}/{finding}", paths.GetValueOrDefault((condition, finding), "$.painMaps"));
            }
        }
    }

    private ImmutableArray<FrequencyBand> ReadFrequencyBands(List<FrequencyBandDto?>? list, string file)
    {
        var result = ImmutableArray.CreateBuilder<FrequencyBand>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var items = list ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.frequencyBands[{i}]";
            var b = items[i];
            if (b is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var name = context.Required(b.Band, file, b.Band, path + ".band", "band");
            var term = context.Required(b.Term, file, b.Band, path + ".term", "term");
            if (name is not null && !names.Add(name))
            {
                context.Problem("duplicate-id", $"The frequency band '{name}' appears more than once.", file, name, path + ".band");
            }

            var before = context.ProblemCount;
            context.CheckProbability(b.Low, file, name, path + ".low");
            context.CheckProbability(b.High, file, name, path + ".high");
            if (context.ProblemCount == before && b.Low >= b.High)
            {
                context.Problem("out-of-range", $"The band's low share {b.Low} must be below its high share {b.High}.", file, name, path + ".low");
            }

            if (context.ProblemCount == before && result.Count > 0 && b.Low < result[^1].High)
            {
                context.Problem("out-of-order", $"Bands are listed lowest first without overlap: {b.Low} is below the previous band's high share {result[^1].High}.", file, name, path + ".low");
            }

            var grade = context.CheckGraded(b.Source, b.Grade, b.Rationale, file, name, path);
            if (grade is not EvidenceGrade.Estimate && string.IsNullOrWhiteSpace(b.Rationale))
            {
                context.Problem("missing-rationale", "A frequency band needs a rationale: which words it takes.", file, name, path + ".rationale");
            }

            if (context.ProblemCount == before && name is not null && term is not null && grade is not null && b.Source is not null)
            {
                result.Add(new FrequencyBand { Name = name, Term = term, Low = b.Low!.Value, High = b.High!.Value, SourceKey = b.Source, Grade = grade.Value, Rationale = b.Rationale! });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A pair written in a frequency band takes the band's midpoint as its sensitivity; it gives no other number
    /// and is an estimate. Returns the numbers to compute ratios from, or null after a problem.</summary>
    private PairDto? WithBand(PairDto p, ImmutableArray<FrequencyBand> bands, EvidenceGrade? grade, string file, string label, string path)
    {
        if (p.Band is null)
        {
            return p;
        }

        var ok = true;
        if (p.Sensitivity is not null || p.Specificity is not null || p.LrPositive is not null || p.LrNegative is not null)
        {
            context.Problem("invalid-numbers", "A pair in a frequency band gives no sensitivity, specificity or ratio of its own: the band's midpoint is its sensitivity.", file, label, path + ".band");
            ok = false;
        }

        var band = bands.FirstOrDefault(b => b.Name == p.Band);
        if (band is null)
        {
            context.Problem("dangling-reference", $"Frequency band '{p.Band}' is not in $.frequencyBands ({string.Join(", ", bands.Select(b => b.Name))}).", file, label, path + ".band");
            ok = false;
        }

        if (grade is not null && grade != EvidenceGrade.Estimate)
        {
            context.Problem("dishonest-grade", "A number read off a verbal frequency band is not measured: grade it 'estimate'.", file, label, path + ".grade");
            ok = false;
        }

        return ok ? new PairDto { Condition = p.Condition, Finding = p.Finding, Sensitivity = band!.Value } : null;
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
                context.Problem("missing-background", $"A pair with sensitivity alone needs a background rate for '{p.Finding}' (in backgroundRates, or derived from the pain maps).", file, label, path);
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
            var implied = (Positive: sens / (1 - spec), Negative: (1 - sens) / spec);

            // The ratios a sensitivity and specificity imply are applied to presenters, so they meet the same bound as written
            // ratios: a specificity measured against another comparison group can imply more than the background allows.
            if (p.Finding is not null && background.TryGetValue(p.Finding, out var presenterRate))
            {
                before = context.ProblemCount;
                CheckBound(implied.Positive, presenterRate, "specificity", "present");
                CheckBound(implied.Negative, 1 - presenterRate, "specificity", "absent");
                if (context.ProblemCount != before)
                {
                    return null;
                }
            }

            return implied;
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

        // Against a finding's background rate b (P(finding | rest)), LR+ = P(finding | condition) / b can be at most 1 / b and
        // LR- = P(absent | condition) / (1 - b) at most 1 / (1 - b): a written ratio beyond that needs a probability above 1.
        if (p.Finding is not null && background.TryGetValue(p.Finding, out var rate))
        {
            var before = context.ProblemCount;
            CheckBound(p.LrPositive, rate, "lrPositive", "present");
            CheckBound(p.LrNegative, 1 - rate, "lrNegative", "absent");
            if (context.ProblemCount != before)
            {
                return null;
            }
        }

        return (positive, negative);

        void CheckBound(double? ratio, double share, string member, string state)
        {
            const double Tolerance = 1e-9;
            if (ratio is { } r && r * share > 1 + Tolerance)
            {
                var ratioName = member == "specificity" ? $"the LR{(state == "present" ? "+" : "-")} implied by sensitivity and specificity" : member;
                var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{ratioName} {r:0.###} exceeds 1 / {share:0.###} = {1 / share:0.##}: the finding is {state} in {share:P0} of presenters without the condition (its background rate), so the condition would need it {state} with a probability above 1. Give the sensitivity with the background rate instead, or a ratio within the bound.");
                context.Problem("impossible-numbers", text, file, label, $"{path}.{member}");
            }
        }
    }
}
