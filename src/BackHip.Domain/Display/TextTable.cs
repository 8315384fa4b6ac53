using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Display;

/// <summary>Person-facing text for one culture, keyed by id: condition and finding names, questions, red-flag messages,
/// exercise names and instructions, self-care advice, stop rules, treatments, referral reasons, the labels of triage levels,
/// care levels and clinicians, and the phrases the care plan and dose text are built from.</summary>
/// <remarks>
/// <para>Immutable and thread-safe. A table is read from JSON with <see cref="Parse"/> or <see cref="Load"/>; a table may be
/// partial, and any text it lacks falls back to English (see <see cref="DisplayText"/>). The JSON shape is:</para>
/// <code>
/// {
///   "culture": "de",
///   "conditions":     { "&lt;condition id&gt;": { "name": "…" } },
///   "findings":       { "&lt;finding id&gt;": { "name": "…", "question": "…" } },
///   "questionGroups": { "&lt;group id&gt;": { "text": "…", "rationale": "why we ask …", "options": { "&lt;finding id&gt;": "…" } } },
///   "rules":          { "&lt;rule id&gt;": { "message": "…" } },
///   "exercises":      { "&lt;exercise id&gt;": { "name": "…", "instructions": [ "step 1", "step 2", … ] } },
///   "selfCare":       { "&lt;self-care step id&gt;": { "text": "…" } },
///   "stopRules":      { "&lt;stop rule id&gt;": { "text": "…" } },
///   "treatments":     { "&lt;treatment id&gt;": { "name": "…" } },
///   "contraindications": { "&lt;contraindication rule id&gt;": { "reason": "…" } },
///   "referrals":      { "&lt;clinician&gt;": { "reason": "…" } },
///   "triageLevels":   { "selfCare": "…", "consultation": "…", "consultation24": "…", "emergency": "…", "emergencyAmbulance": "…" },
///   "careLevels":     { "selfCare": "…", … },
///   "clinicians":     { "gp": "…", "physiotherapist": "…", … },
///   "phrases":        { "exerciseWhy": "Indicated for {conditions}.", "doseHold": "hold {seconds} s × {reps}", … }
/// }
/// </code>
/// <para>Keys of <see cref="Texts"/> are the JSON path segments joined by <c>/</c>, such as <c>conditions/&lt;id&gt;/name</c>,
/// <c>questionGroups/&lt;id&gt;/options/&lt;finding id&gt;</c>, <c>exercises/&lt;id&gt;/instructions/2</c> (steps from 1) or
/// <c>triageLevels/consultation24</c>. Phrases are the sentences the care plan and the triage are built from; their
/// placeholders (such as <c>{conditions}</c>) are filled in by the library, and a translation keeps the same placeholders.</para>
/// </remarks>
public sealed class TextTable
{
    private static readonly ImmutableSortedDictionary<string, ImmutableArray<string>> EntityFields = new Dictionary<string, ImmutableArray<string>>
    {
        ["conditions"] = ["name"],
        ["findings"] = ["name", "question"],
        ["questionGroups"] = ["text", "rationale", "options"],
        ["rules"] = ["message"],
        ["exercises"] = ["name", "instructions"],
        ["selfCare"] = ["text"],
        ["stopRules"] = ["text"],
        ["treatments"] = ["name"],
        ["contraindications"] = ["reason"],
        ["referrals"] = ["reason"],
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Fields whose value is a list of texts (steps), stored as keys ending in <c>/1</c>, <c>/2</c>, ….</summary>
    private static readonly ImmutableHashSet<string> ListFields = ["instructions"];

    /// <summary>The keys of the <c>phrases</c> section: the sentences the planner, the assessor and the dose text are
    /// built from. A phrase may hold placeholders such as <c>{conditions}</c>; a translation keeps the same ones.</summary>
    internal static readonly ImmutableArray<string> PhraseKeys =
    [
        "exerciseWhy", "selfCareFor", "selfCareGeneral", "referralBookAppointment", "referralIfWorse", "referralSpecialist",
        "redFlagReason", "redFlagReasonWithConditions", "doNowEmergency", "doNowConsultation24", "doNowEscalated",
        "noExerciseAtLevel", "notSuitedToPhase", "phaseAcute", "phaseSubacute", "phaseChronic", "progressionWeeks1",
        "progressionWeeks3", "progressionWeeks5Keep", "progressionWeeks5Harder", "excludedLikely", "excludedPregnancy",
        "excludedAge", "treatmentReason", "stanceRecommend", "stanceConsider", "stanceDoNotOffer", "stanceNoRecommendation",
        "stanceNoGuideline", "stratificationLow", "stratificationMedium", "stratificationHigh", "referralStartBackMedium",
        "referralStartBackHigh", "unsureEmergencySign", "whyWarningSign", "whyTellApart", "whyNarrowDown", "doseHold", "doseReps", "doseRepsHold", "doseDuration", "doseDistance",
        "doseEachSide", "doseTimesPerDay", "doseTimesPerWeek",
    ];

    private static readonly ImmutableSortedDictionary<string, ImmutableArray<string>> LabelValues = new Dictionary<string, ImmutableArray<string>>
    {
        ["triageLevels"] = [.. Enum.GetNames<TriageLevel>().Select(Camel)],
        ["careLevels"] = [.. Enum.GetNames<TriageLevel>().Select(Camel)],
        ["clinicians"] = [.. Enum.GetNames<Clinician>().Select(Camel)],
        ["phrases"] = PhraseKeys,
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private TextTable(CultureInfo culture, string source, ImmutableSortedDictionary<string, string> texts)
    {
        Culture = culture;
        Source = source;
        Texts = texts;
    }

    /// <summary>The culture the texts are written for.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Where the table came from (a file name or the name given to <see cref="Parse"/>), used in problems.</summary>
    public string Source { get; }

    /// <summary>Every text, by key (see the remarks of <see cref="TextTable"/>).</summary>
    public ImmutableSortedDictionary<string, string> Texts { get; }

    /// <summary>Looks up one text.</summary>
    /// <param name="key">The key, such as <c>conditions/&lt;id&gt;/name</c>.</param>
    /// <param name="text">The text when found.</param>
    /// <returns><see langword="true"/> when the table holds the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryGetText(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Texts.TryGetValue(key, out text);
    }

    /// <summary>Reads a text table from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the table used in problems, such as its file name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="BackHipValidationException">The JSON is malformed, names no valid culture, holds an unknown section,
    /// field or label value, or a text that is not a non-empty string; every problem is listed with the file and JSON path.
    /// Ids are checked against a knowledge base by <see cref="DisplayText.Validate"/>.</exception>
    public static TextTable Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<ValidationProblem>();
        var texts = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        CultureInfo? culture = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Add(problems, source, "invalid-text-table", "A text table is a JSON object.", null, "$");
            }
            else
            {
                foreach (var section in document.RootElement.EnumerateObject())
                {
                    var path = "$." + section.Name;
                    if (section.Name == "culture")
                    {
                        culture = ReadCulture(section.Value, source, problems);
                    }
                    else if (EntityFields.TryGetValue(section.Name, out var fields))
                    {
                        ReadEntities(section, fields, source, texts, problems);
                    }
                    else if (LabelValues.TryGetValue(section.Name, out var values))
                    {
                        ReadLabels(section, values, source, texts, problems);
                    }
                    else
                    {
                        Add(problems, source, "unknown-section", $"'{section.Name}' is not a text-table section; expected culture, {string.Join(", ", EntityFields.Keys.Concat(LabelValues.Keys))}.", null, path);
                    }
                }

                if (culture is null && !problems.Exists(p => p.Path == "$.culture"))
                {
                    Add(problems, source, "missing-culture", "A text table names its culture, such as \"culture\": \"de\".", null, "$.culture");
                }
            }
        }
        catch (JsonException ex)
        {
            Add(problems, source, "invalid-json", Knowledge.KnowledgeJsonCheck.Describe(ex), null, null);
        }

        return problems.Count == 0 && culture is not null
            ? new TextTable(culture, source, texts.ToImmutable())
            : throw new BackHipValidationException("text table", [.. problems]);
    }

    /// <summary>Reads a text table from a UTF-8 JSON file.</summary>
    /// <param name="path">The file path; its file name is the table's <see cref="Source"/>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="BackHipValidationException">The table is invalid (see <see cref="Parse"/>).</exception>
    public static TextTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), System.IO.Path.GetFileName(path));
    }

    /// <summary>The English labels and phrases embedded in the package (triage levels, care levels, clinicians, phrases).</summary>
    internal static TextTable EmbeddedEnglishLabels => EmbeddedLabels.Value;

    private static readonly Lazy<TextTable> EmbeddedLabels = new(LoadEmbedded);

    internal static TextTable FromTexts(CultureInfo culture, string source, ImmutableSortedDictionary<string, string> texts) => new(culture, source, texts);

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static TextTable LoadEmbedded()
    {
        using var stream = typeof(TextTable).Assembly.GetManifestResourceStream("BackHip.Domain.Display.text-en.json")
            ?? throw new InvalidOperationException("The embedded English text table is missing (a packaging defect).");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "text-en.json");
    }

    private static CultureInfo? ReadCulture(JsonElement value, string source, List<ValidationProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Add(problems, source, "invalid-culture", "The culture is a culture name such as \"de\" or \"fr-CA\".", null, "$.culture");
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(value.GetString()!);
            if (culture.Equals(CultureInfo.InvariantCulture))
            {
                Add(problems, source, "invalid-culture", "The culture is a culture name such as \"de\" or \"fr-CA\", not the invariant culture.", null, "$.culture");
                return null;
            }

            return culture;
        }
        catch (CultureNotFoundException)
        {
            Add(problems, source, "invalid-culture", $"'{value.GetString()}' is not a culture name.", null, "$.culture");
            return null;
        }
    }

    private static void ReadEntities(JsonProperty section, ImmutableArray<string> fields, string source, ImmutableSortedDictionary<string, string>.Builder texts, List<ValidationProblem> problems)
    {
        if (section.Value.ValueKind != JsonValueKind.Object)
        {
            Add(problems, source, "invalid-text-table", $"'{section.Name}' is an object keyed by id.", null, "$." + section.Name);
            return;
        }

        foreach (var entity in section.Value.EnumerateObject())
        {
            var entityPath = $"$.{section.Name}['{entity.Name}']";
            if (entity.Value.ValueKind != JsonValueKind.Object)
            {
                Add(problems, source, "invalid-text-table", $"Each entry is an object with {string.Join(", ", fields)}.", entity.Name, entityPath);
                continue;
            }

            foreach (var field in entity.Value.EnumerateObject())
            {
                var fieldPath = entityPath + "." + field.Name;
                if (!fields.Contains(field.Name))
                {
                    Add(problems, source, "unknown-field", $"'{field.Name}' is not a text of {section.Name}; expected {string.Join(", ", fields)}.", entity.Name, fieldPath);
                }
                else if (ListFields.Contains(field.Name))
                {
                    if (field.Value.ValueKind != JsonValueKind.Array || field.Value.GetArrayLength() == 0)
                    {
                        Add(problems, source, "invalid-text-table", $"'{field.Name}' is a non-empty list of texts, one per step.", entity.Name, fieldPath);
                        continue;
                    }

                    var step = 0;
                    foreach (var item in field.Value.EnumerateArray())
                    {
                        step++;
                        ReadText(item, string.Create(CultureInfo.InvariantCulture, $"{section.Name}/{entity.Name}/{field.Name}/{step}"), source, entity.Name, string.Create(CultureInfo.InvariantCulture, $"{fieldPath}[{step - 1}]"), texts, problems);
                    }
                }
                else if (field.Name == "options")
                {
                    if (field.Value.ValueKind != JsonValueKind.Object)
                    {
                        Add(problems, source, "invalid-text-table", "Options are an object keyed by finding id.", entity.Name, fieldPath);
                        continue;
                    }

                    foreach (var option in field.Value.EnumerateObject())
                    {
                        ReadText(option.Value, $"{section.Name}/{entity.Name}/options/{option.Name}", source, entity.Name, $"{fieldPath}['{option.Name}']", texts, problems);
                    }
                }
                else
                {
                    ReadText(field.Value, $"{section.Name}/{entity.Name}/{field.Name}", source, entity.Name, fieldPath, texts, problems);
                }
            }
        }
    }

    private static void ReadLabels(JsonProperty section, ImmutableArray<string> values, string source, ImmutableSortedDictionary<string, string>.Builder texts, List<ValidationProblem> problems)
    {
        if (section.Value.ValueKind != JsonValueKind.Object)
        {
            Add(problems, source, "invalid-text-table", $"'{section.Name}' is an object keyed by value.", null, "$." + section.Name);
            return;
        }

        foreach (var label in section.Value.EnumerateObject())
        {
            var path = $"$.{section.Name}.{label.Name}";
            if (!values.Contains(label.Name))
            {
                Add(problems, source, "unknown-id", $"'{label.Name}' is not one of the {section.Name}: {string.Join(", ", values)}.", label.Name, path);
                continue;
            }

            ReadText(label.Value, $"{section.Name}/{label.Name}", source, label.Name, path, texts, problems);
        }
    }

    private static void ReadText(JsonElement value, string key, string source, string id, string path, ImmutableSortedDictionary<string, string>.Builder texts, List<ValidationProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Add(problems, source, "invalid-text", "A text is a non-empty string.", id, path);
            return;
        }

        texts[key] = value.GetString()!;
    }

    private static void Add(List<ValidationProblem> problems, string source, string code, string message, string? id, string? path) =>
        problems.Add(new ValidationProblem { Code = code, Message = message, File = source, Id = id, Path = path });
}
