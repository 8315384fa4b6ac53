using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using BackHip.Domain.Differential;
using BackHip.Domain.Knowledge;
using BackHip.Domain.Triage;

namespace BackHip.Domain;

/// <summary>The knowledge the library reasons with: sources, conditions, findings, question groups, red-flag rules and likelihoods.</summary>
/// <remarks>
/// Immutable and thread-safe: load once and share across threads. <see cref="Default"/> is read from the JSON files
/// embedded in the package; <see cref="Load(KnowledgeFiles)"/> reads a custom set. Loading validates everything and
/// either returns a complete knowledge base or throws a <see cref="BackHipValidationException"/> listing every
/// problem with its file, id and JSON path; nothing partial is ever returned.
/// </remarks>
public sealed class KnowledgeBase
{
    private static readonly Lazy<KnowledgeBase> DefaultBase = new(() => Load(KnowledgeFiles.Embedded));
    private readonly FrozenDictionary<string, Condition> _conditionsById;
    private readonly FrozenDictionary<string, Finding> _findingsById;
    private readonly FrozenDictionary<string, QuestionGroup> _groupByFinding;
    private readonly Lazy<Compiled.CompiledModel> _compiled;
    private readonly string _version;
    private readonly Lazy<KnowledgeSearch> _search;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _scoredFor;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _groupingsOf;

    internal KnowledgeBase(
        string version,
        ImmutableSortedDictionary<string, Source> sources,
        ImmutableArray<Condition> conditions,
        ImmutableArray<Finding> findings,
        ImmutableArray<QuestionGroup> questionGroups,
        ImmutableArray<RedFlagRule> redFlagRules,
        LikelihoodModel likelihoods,
        Exercises.CareKnowledge care)
    {
        Care = care;
        _version = version;
        Sources = sources;
        Conditions = conditions;
        Findings = findings;
        QuestionGroups = questionGroups;
        RedFlagRules = redFlagRules;
        Likelihoods = likelihoods;
        _conditionsById = conditions.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _findingsById = findings.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        _groupingsOf = conditions.ToFrozenDictionary(c => c.Id, c => Ancestors(c, _conditionsById), StringComparer.Ordinal);
        _scoredFor = conditions.ToFrozenDictionary(
            c => c.Id,
            c => c.IsGrouping ? conditions.Where(d => !d.IsGrouping && _groupingsOf[d.Id].Contains(c.Id)).Select(d => d.Id).ToImmutableArray() : [c.Id],
            StringComparer.Ordinal);
        _groupByFinding = questionGroups
            .Where(g => g.Mode == SelectionMode.OneOf)
            .SelectMany(g => g.Options.Select(o => (o.FindingId, Group: g)))
            .GroupBy(x => x.FindingId, StringComparer.Ordinal)
            .ToFrozenDictionary(x => x.Key, x => x.First().Group, StringComparer.Ordinal);
        _search = new Lazy<KnowledgeSearch>(() => new KnowledgeSearch(this));
        _compiled = new Lazy<Compiled.CompiledModel>(() => BackHip.Domain.Compiled.CompiledModel.Compile(this));
        RedFlagFindingIds = redFlagRules.SelectMany(r => r.FindingIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>The knowledge base embedded in the package, loaded on first use.</summary>
    /// <exception cref="BackHipValidationException">The embedded files are invalid (a packaging defect).</exception>
    public static KnowledgeBase Default => DefaultBase.Value;

    /// <summary>A version string: the schema version and a short hash of the file contents, such as <c>1+3f2a9c1b</c>.</summary>
    /// <remarks>Two knowledge bases with the same version were loaded from identical files. A knowledge base loaded with
    /// <see cref="LoadWaivingSafetyFloor"/> carries the suffix <c>+floor-waived</c>, so outputs show it.</remarks>
    public string Version => SafetyFloorWaiver is null ? _version : _version + "+floor-waived";

    /// <summary>Why the safety floor was waived, or <see langword="null"/> when it was enforced (always, unless loaded with
    /// <see cref="LoadWaivingSafetyFloor"/>).</summary>
    public string? SafetyFloorWaiver { get; private set; }

    /// <summary>The safety-floor cases this knowledge base fails; always empty unless the floor was waived.</summary>
    public ImmutableArray<ValidationProblem> SafetyFloorShortfalls { get; private set; } = [];

    /// <summary>Every source, by key.</summary>
    public ImmutableSortedDictionary<string, Source> Sources { get; }

    /// <summary>Every condition, in file order.</summary>
    public ImmutableArray<Condition> Conditions { get; }

    /// <summary>Every finding, in file order.</summary>
    public ImmutableArray<Finding> Findings { get; }

    /// <summary>The question groups (single- and multiple-choice questions mapped to findings).</summary>
    public ImmutableArray<QuestionGroup> QuestionGroups { get; }

    /// <summary>The red-flag rules, in file order.</summary>
    public ImmutableArray<RedFlagRule> RedFlagRules { get; }

    /// <summary>The priors and likelihoods of the differential.</summary>
    public LikelihoodModel Likelihoods { get; }

    /// <summary>The care knowledge: exercise catalog, contraindication rules, self-care, treatments, referrals, stop rules.</summary>
    public Exercises.CareKnowledge Care { get; }

    /// <summary>The ids of every finding some red-flag rule reads, sorted.</summary>
    public ImmutableArray<string> RedFlagFindingIds { get; }

    /// <summary>The flat-array form the engines score with; compiled once, on first use.</summary>
    internal Compiled.CompiledModel Compiled => _compiled.Value;

    /// <summary>Loads and validates a knowledge base from a set of files.</summary>
    /// <param name="files">The files; start from <see cref="KnowledgeFiles.Embedded"/>.</param>
    /// <returns>The knowledge base.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> is null.</exception>
    /// <exception cref="BackHipValidationException">Any file is missing, malformed or inconsistent; every problem is listed.</exception>
    /// <remarks>Every knowledge base must hold the <see cref="Triage.SafetyFloor"/>: a knowledge base that lacks a finding a
    /// floor case needs, or whose rules triage a floor case below its minimum level, is rejected with a
    /// <c>safety-floor</c> problem naming the case.</remarks>
    public static KnowledgeBase Load(KnowledgeFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var knowledge = KnowledgeLoader.Load(files);
        var shortfalls = Triage.SafetyFloor.Check(knowledge);
        return shortfalls.IsEmpty ? knowledge : throw new BackHipValidationException("knowledge base", [.. shortfalls]);
    }

    /// <summary>
    /// Loads a knowledge base WITHOUT enforcing the safety floor: for research on rule changes only, never for care.
    /// </summary>
    /// <param name="files">The files.</param>
    /// <param name="reason">Why the floor is waived; recorded in <see cref="SafetyFloorWaiver"/>.</param>
    /// <returns>The knowledge base, marked unsafe: <see cref="Version"/> ends with <c>+floor-waived</c> and
    /// <see cref="SafetyFloorShortfalls"/> lists the floor cases it fails.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> or <paramref name="reason"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or white space.</exception>
    /// <exception cref="BackHipValidationException">The files are invalid; every problem is listed.</exception>
    public static KnowledgeBase LoadWaivingSafetyFloor(KnowledgeFiles files, string reason)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var knowledge = KnowledgeLoader.Load(files);
        knowledge.SafetyFloorShortfalls = Triage.SafetyFloor.Check(knowledge);
        knowledge.SafetyFloorWaiver = reason;
        return knowledge;
    }

    /// <summary>Loads and validates a knowledge base from the files in a directory, which must hold exactly the files in
    /// <see cref="KnowledgeFiles.Names"/> (see <see cref="KnowledgeFiles.FromDirectory"/>); nothing falls back to the embedded files.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The knowledge base.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="BackHipValidationException">A file is missing, unexpected, unreadable or invalid; every problem is listed.</exception>
    public static KnowledgeBase LoadFromDirectory(string directory) => Load(KnowledgeFiles.FromDirectory(directory));

    /// <summary>
    /// Finds the findings and conditions a phrase most likely means — a column of a health record, a typed symptom, a
    /// clinical shorthand such as "SLR +", "CVA tenderness", "LBP" or "can't put weight on it" — ranked by score.
    /// </summary>
    /// <param name="text">The phrase.</param>
    /// <param name="maxResults">The most results to return; at least 1.</param>
    /// <returns>Hits with a score in (0, 1], best first (ties by kind, then id); empty when nothing matches.</returns>
    /// <remarks>Offline and deterministic: names, synonyms, ids, questions and a built-in table of common abbreviations,
    /// lower-cased, with stop words dropped and plurals folded. A phrase that is a length of time ("3 days", "duration
    /// &lt; 1 week") is read from its number and finds the duration finding (named "Pain for ...") whose span holds it,
    /// at score 0.96. The index is built on first use; thread-safe.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxResults"/> is below 1.</exception>
    public ImmutableArray<SearchHit> Search(string text, int maxResults = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        return _search.Value.Search(text, maxResults);
    }

    /// <summary>Finds a condition by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="condition">The condition, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetCondition(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Condition? condition) =>
        _conditionsById.TryGetValue(id ?? string.Empty, out condition);

    /// <summary>Gets a condition by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="KeyNotFoundException">No condition has this id.</exception>
    public Condition GetCondition(string id) =>
        TryGetCondition(id, out var c) ? c : throw new KeyNotFoundException($"Unknown condition id '{id}'.");

    /// <summary>
    /// The scored conditions a condition id stands for: the condition itself when it is scored, or every scored
    /// descendant of a grouping (such as the children of <c>spinal-infection</c>), in file order.
    /// </summary>
    /// <remarks>A reference to a grouping anywhere in the knowledge (red-flag rules, care, exercises) or as an expected
    /// diagnosis is understood this way: an answer of the parent still counts when a child is named.</remarks>
    /// <param name="id">The condition id.</param>
    /// <returns>The scored condition ids; empty for an unknown id.</returns>
    public ImmutableArray<string> ScoredConditionsFor(string id) =>
        _scoredFor.TryGetValue(id ?? string.Empty, out var ids) ? ids : [];

    /// <summary>The groupings a condition belongs to, nearest first (empty for a condition without a parent or an unknown id).</summary>
    /// <param name="id">The condition id.</param>
    /// <returns>The ids of its parent grouping, that grouping's parent, and so on.</returns>
    public ImmutableArray<string> GroupingsOf(string id) =>
        _groupingsOf.TryGetValue(id ?? string.Empty, out var ids) ? ids : [];

    private static ImmutableArray<string> Ancestors(Condition condition, FrozenDictionary<string, Condition> byId)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        for (var p = condition.ParentId; p is not null && byId.TryGetValue(p, out var parent) && !result.Contains(p) && p != condition.Id; p = parent.ParentId)
        {
            result.Add(p);
        }

        return result.ToImmutable();
    }

    /// <summary>Finds a finding by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="finding">The finding, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetFinding(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Finding? finding) =>
        _findingsById.TryGetValue(id ?? string.Empty, out finding);

    /// <summary>Gets a finding by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The finding.</returns>
    /// <exception cref="KeyNotFoundException">No finding has this id.</exception>
    public Finding GetFinding(string id) =>
        TryGetFinding(id, out var f) ? f : throw new KeyNotFoundException($"Unknown finding id '{id}'.");

    /// <summary>The single-choice question group a finding is an option of, if any.</summary>
    /// <param name="findingId">The finding id.</param>
    /// <returns>The group, or <see langword="null"/>.</returns>
    public QuestionGroup? SingleChoiceGroupOf(string findingId) =>
        _groupByFinding.TryGetValue(findingId ?? string.Empty, out var g) ? g : null;

    /// <summary>Checks a case against this knowledge base and lists every problem.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The result; valid when the case can be assessed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <remarks>
    /// Problems: an age outside 0–120; pregnancy with male sex; an undefined sex, answer or origin; an unknown or empty
    /// finding id; a composite finding stated directly; the same finding twice (<c>conflicting-evidence</c> when the
    /// answers disagree); two options of a single-choice question present at once. Each problem names its path in the
    /// case document (such as <c>$.evidence[2].finding</c>); messages never repeat the case's own values (ids, answers,
    /// ages), so a host may log them without logging case data.
    /// </remarks>
    public ValidationResult Validate(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        var profile = patientCase.Profile;
        if (profile.Age is < 0 or > 120)
        {
            problems.Add(new() { Code = "age-out-of-range", Message = "Age is outside 0-120.", Path = "$.profile.age" });
        }

        if (profile.IsPregnant && profile.Sex == Sex.Male)
        {
            problems.Add(new() { Code = "impossible-profile", Message = "Pregnancy cannot be recorded with male sex.", Path = "$.profile.pregnant" });
        }

        if (patientCase.Id is { } caseId && (caseId.Length is 0 or > 200 || caseId.Any(char.IsControl)))
        {
            problems.Add(new() { Code = "invalid-id", Message = "The case id must be 1 to 200 characters without control characters.", Path = "$.id" });
        }

        if (patientCase.Setting is { } setting && !Enum.IsDefined(setting))
        {
            problems.Add(new() { Code = "unknown-value", Message = "Setting is not a defined value.", Path = "$.setting" });
        }

        if (!Enum.IsDefined(profile.Sex))
        {
            problems.Add(new() { Code = "unknown-value", Message = "Sex is not a defined value.", Path = "$.profile.sex" });
        }

        var seen = new Dictionary<string, (EvidenceState State, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < patientCase.Evidence.Length; i++)
        {
            var item = patientCase.Evidence[i];
            var path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$.evidence[{i}]");
            if (!Enum.IsDefined(item.State))
            {
                problems.Add(new() { Code = "unknown-value", Message = "The answer is not a defined value.", Path = path + ".state" });
            }

            if (!Enum.IsDefined(item.Origin))
            {
                problems.Add(new() { Code = "unknown-value", Message = "The origin is not a defined value.", Path = path + ".origin" });
            }

            if (string.IsNullOrWhiteSpace(item.FindingId))
            {
                problems.Add(new() { Code = "missing-field", Message = "Evidence has no finding id.", Path = path + ".finding" });
                continue;
            }

            if (!TryGetFinding(item.FindingId, out var finding))
            {
                problems.Add(new() { Code = "unknown-finding", Message = "Not a finding id of this knowledge base.", Path = path + ".finding" });
                continue;
            }

            if (finding.IsComposite)
            {
                problems.Add(new() { Code = "composite-finding", Message = "This finding is derived from other findings and cannot be stated directly; answer its items instead.", Path = path + ".finding" });
            }

            if (seen.TryGetValue(item.FindingId, out var earlier))
            {
                var conflicting = earlier.State != item.State;
                problems.Add(new()
                {
                    Code = conflicting ? "conflicting-evidence" : "duplicate-evidence",
                    Message = conflicting
                        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The same finding is given with a different answer at $.evidence[{earlier.Index}].")
                        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The same finding is given twice (also at $.evidence[{earlier.Index}])."),
                    Path = path,
                });
            }
            else
            {
                seen[item.FindingId] = (item.State, i);
            }
        }

        foreach (var group in QuestionGroups.Where(g => g.Mode == SelectionMode.OneOf))
        {
            var present = group.Options.Where(o => seen.TryGetValue(o.FindingId, out var s) && s.State == EvidenceState.Present).Select(o => seen[o.FindingId].Index).Order().ToList();
            if (present.Count > 1)
            {
                problems.Add(new()
                {
                    Code = "single-choice-conflict",
                    Message = "A question that takes one answer has more than one option present (at " + string.Join(", ", present.Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$.evidence[{i}]"))) + ").",
                    Path = "$.evidence",
                });
            }
        }

        if (patientCase.Instruments is { } instruments)
        {
            problems.AddRange(Instruments.InstrumentScoring.Validate(instruments).Problems);
        }

        return new ValidationResult(problems.ToImmutable());
    }

    /// <summary>Checks a case and throws when it is invalid.</summary>
    /// <param name="patientCase">The case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The case is invalid; every problem is listed.</exception>
    public void ValidateAndThrow(Case patientCase) => Validate(patientCase).ThrowIfInvalid("case");

    internal static string ComputeVersion(KnowledgeFiles files)
    {
        var text = string.Join("\n", files.Contents.Select(kv => kv.Key + "\n" + kv.Value));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "1+" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}
