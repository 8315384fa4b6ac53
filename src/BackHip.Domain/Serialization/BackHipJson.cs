using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace BackHip.Domain.Serialization;

/// <summary>The JSON contracts: camelCase, enums as strings, <c>schemaVersion</c> in every document, no nulls written.</summary>
/// <remarks>
/// Reading is strict and limited: at most <see cref="MaxDocumentBytes"/> bytes, <see cref="MaxDepth"/> levels of nesting
/// and <see cref="MaxEvidenceItems"/> evidence items; unknown properties, duplicate properties, wrong types, unknown enum
/// values and invalid UTF-8 are rejected. Every failure is one <see cref="BackHipValidationException"/> listing the
/// problems with their JSON paths; nothing partial is returned. All members are thread-safe.
/// </remarks>
public static class BackHipJson
{
    /// <summary>The schema version written in, and required of, every document.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The largest document read, in bytes (1 MiB).</summary>
    public const int MaxDocumentBytes = 1 << 20;

    /// <summary>The deepest nesting read.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most evidence items a case may hold.</summary>
    public const int MaxEvidenceItems = 500;

    /// <summary>The read-only serializer options of the contracts.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateOptions();

    /// <summary>The source-generated type information, for chaining into an application's own options.</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => BackHipJsonContext.Default;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(BackHipJsonContext.Default.Options);
        options.MakeReadOnly();
        return options;
    }

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)DefaultOptions.GetTypeInfo(typeof(T));

    /// <summary>Reads and validates a case.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="knowledge">The knowledge base to validate against, or <see langword="null"/> for the default one.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The document is malformed, too large, or not a valid case; every problem is listed.</exception>
    public static Case ReadCase(string json, KnowledgeBase? knowledge = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetMaxByteCount(json.Length) > MaxDocumentBytes && Encoding.UTF8.GetByteCount(json) > MaxDocumentBytes)
        {
            throw TooLarge();
        }

        return ReadCase(Encoding.UTF8.GetBytes(json), knowledge);
    }

    /// <summary>Reads and validates a case from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <param name="knowledge">The knowledge base to validate against, or <see langword="null"/> for the default one.</param>
    /// <returns>The case.</returns>
    /// <exception cref="BackHipValidationException">The document is malformed, too large, or not a valid case; every problem is listed.</exception>
    public static Case ReadCase(ReadOnlySpan<byte> utf8Json, KnowledgeBase? knowledge = null)
    {
        if (utf8Json.Length > MaxDocumentBytes)
        {
            throw TooLarge();
        }

        var problems = new List<ValidationProblem>();
        using var document = ContractReader.Parse(utf8Json, problems);
        if (document is not null)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("evidence", out var evidence)
                && evidence.ValueKind == JsonValueKind.Array && evidence.GetArrayLength() > MaxEvidenceItems)
            {
                problems.Add(new ValidationProblem { Code = "too-many-evidence", Message = $"A case may hold at most {MaxEvidenceItems} evidence items.", Path = "$.evidence" });
            }
            else
            {
                ContractReader.Case.Check(root, problems);
            }

            if (root.ValueKind == JsonValueKind.Object
                && (!root.TryGetProperty("schemaVersion", out var version)
                    || (version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number != SchemaVersion)))
            {
                problems.Add(new ValidationProblem { Code = "schema-version", Message = $"schemaVersion is required and must be {SchemaVersion}.", Path = "$.schemaVersion" });
            }
        }

        if (problems.Count > 0)
        {
            throw new BackHipValidationException("case", [.. problems]);
        }

        var patientCase = ToCase(document!.RootElement);
        (knowledge ?? KnowledgeBase.Default).ValidateAndThrow(patientCase);
        return patientCase;
    }

    /// <summary>The case of a document that passed the contract check: every property present has its documented type and spelling.</summary>
    private static Case ToCase(JsonElement root)
    {
        var profile = root.GetProperty("profile");
        var evidence = new List<Evidence>();
        if (root.TryGetProperty("evidence", out var items))
        {
            foreach (var item in items.EnumerateArray())
            {
                evidence.Add(new Evidence
                {
                    FindingId = item.GetProperty("finding").GetString()!,
                    State = WireEnum<EvidenceState>.Parse(item.GetProperty("state")),
                    IsInitial = item.TryGetProperty("initial", out var initial) && initial.GetBoolean(),
                    Origin = item.TryGetProperty("origin", out var origin) ? WireEnum<EvidenceOrigin>.Parse(origin) : EvidenceOrigin.Interview,
                });
            }
        }

        Instruments.InstrumentResponses? instruments = null;
        if (root.TryGetProperty("instruments", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            try
            {
                instruments = given.Deserialize(Info<Instruments.InstrumentResponses>());
            }
            catch (JsonException ex)
            {
                throw new BackHipValidationException("case", [new ValidationProblem { Code = "wrong-type", Message = "The value does not match the case contract.", Path = "$.instruments" + (ex.Path ?? "$")[1..] }]);
            }
        }

        return Case.Create(
            new PatientProfile
            {
                Age = profile.GetProperty("age").GetInt32(),
                Sex = profile.TryGetProperty("sex", out var sex) ? WireEnum<Sex>.Parse(sex) : Sex.Unknown,
                IsPregnant = profile.TryGetProperty("pregnant", out var pregnant) && pregnant.GetBoolean(),
            },
            evidence,
            instruments,
            root.TryGetProperty("setting", out var setting) && setting.ValueKind != JsonValueKind.Null ? WireEnum<CareSetting>.Parse(setting) : null)
            .WithId(root.TryGetProperty("id", out var id) ? id.GetString() : null);
    }

    /// <summary>Reads and validates a case from a stream (read to its end, at most <see cref="MaxDocumentBytes"/> bytes).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="knowledge">The knowledge base to validate against, or <see langword="null"/> for the default one.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The document is malformed, too large, or not a valid case.</exception>
    public static Case ReadCase(Stream utf8Json, KnowledgeBase? knowledge = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return ReadCase(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), knowledge);
    }

    /// <summary>Reads and validates a case from a stream, asynchronously (for request bodies); reading stops as soon as
    /// the stream has given more than <see cref="MaxDocumentBytes"/> bytes.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="knowledge">The knowledge base to validate against, or <see langword="null"/> for the default one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The document is malformed, too large, or not a valid case.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static async Task<Case> ReadCaseAsync(Stream utf8Json, KnowledgeBase? knowledge = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await utf8Json.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return ReadCase(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), knowledge);
    }

    /// <summary>Writes a case.</summary>
    /// <param name="patientCase">The case.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientCase"/> is null.</exception>
    /// <exception cref="BackHipValidationException">A hand-built case holds an enum value that is not defined, so has no JSON spelling.</exception>
    public static string WriteCase(Case patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        var problems = new List<ValidationProblem>();
        void Check(bool defined, string path)
        {
            if (!defined)
            {
                problems.Add(new ValidationProblem { Code = "unknown-value", Message = "The value is not defined, so it has no JSON spelling.", Path = path });
            }
        }

        Check(Enum.IsDefined(patientCase.Profile.Sex), "$.profile.sex");
        if (patientCase.Setting is { } setting)
        {
            Check(Enum.IsDefined(setting), "$.setting");
        }

        for (var i = 0; i < patientCase.Evidence.Length; i++)
        {
            Check(Enum.IsDefined(patientCase.Evidence[i].State), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$.evidence[{i}].state"));
            Check(Enum.IsDefined(patientCase.Evidence[i].Origin), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$.evidence[{i}].origin"));
        }

        if (patientCase.Instruments?.StartBack?.Bothersomeness is { } bother)
        {
            Check(Enum.IsDefined(bother), "$.instruments.startBack.bothersomeness");
        }

        if (problems.Count > 0)
        {
            throw new BackHipValidationException("case", [.. problems]);
        }

        return JsonSerializer.Serialize(CaseDocument.FromCase(patientCase), Info<CaseDocument>());
    }

    /// <summary>Writes an assessment; the same assessment always gives the same bytes.</summary>
    /// <param name="assessment">The assessment.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assessment"/> is null.</exception>
    public static string WriteAssessment(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return JsonSerializer.Serialize(assessment, Info<Assessment>());
    }

    /// <summary>Reads an assessment written by <see cref="WriteAssessment"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The document is malformed or too large.</exception>
    public static Assessment ReadAssessment(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetMaxByteCount(json.Length) > MaxDocumentBytes && Encoding.UTF8.GetByteCount(json) > MaxDocumentBytes)
        {
            throw TooLarge();
        }

        return Read(Encoding.UTF8.GetBytes(json), ContractReader.Assessment, Info<Assessment>(), "assessment");
    }

    /// <summary>Writes a batch error record: the input line and its problems.</summary>
    /// <param name="line">The 1-based input line number.</param>
    /// <param name="problems">The problems.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteError(long line, ImmutableArray<ValidationProblem> problems) =>
        JsonSerializer.Serialize(new BatchErrorDocument { Line = line, Problems = problems.IsDefault ? [] : problems }, Info<BatchErrorDocument>());

    /// <summary>Writes a follow-up report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string WriteFollowUp(Instruments.FollowUpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Info<Instruments.FollowUpReport>());
    }

    /// <summary>Writes the conditions of a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public static string WriteConditions(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return JsonSerializer.Serialize(new ConditionCatalogDocument { KnowledgeBaseVersion = knowledge.Version, Conditions = knowledge.Conditions }, Info<ConditionCatalogDocument>());
    }

    /// <summary>Writes the findings and question groups of a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public static string WriteFindings(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return JsonSerializer.Serialize(new FindingCatalogDocument { KnowledgeBaseVersion = knowledge.Version, Findings = knowledge.Findings, QuestionGroups = knowledge.QuestionGroups }, Info<FindingCatalogDocument>());
    }

    /// <summary>Writes the exercise catalog of a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public static string WriteExercises(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return JsonSerializer.Serialize(new ExerciseCatalogDocument { KnowledgeBaseVersion = knowledge.Version, Exercises = knowledge.Care.Catalog.Exercises }, Info<ExerciseCatalogDocument>());
    }

    /// <summary>The JSON Schema of the case document, generated from the contract.</summary>
    /// <returns>The schema as indented JSON text.</returns>
    public static string CaseSchema() => Schema<CaseDocument>("BackHip.Domain case");

    /// <summary>The JSON Schema of the assessment document, generated from the contract.</summary>
    /// <returns>The schema as indented JSON text.</returns>
    public static string AssessmentSchema() => Schema<Assessment>("BackHip.Domain assessment");

    /// <summary>The schema shipped in the package under this name (<c>case.schema.json</c> or <c>assessment.schema.json</c>).</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>The schema text.</returns>
    /// <exception cref="ArgumentException">No schema has this name.</exception>
    public static string ShippedSchema(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        using var stream = typeof(BackHipJson).Assembly.GetManifestResourceStream("BackHip.Domain.Serialization.Schemas." + fileName)
            ?? throw new ArgumentException($"No shipped schema named '{fileName}'.", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Schema<T>(string title)
    {
        var node = JsonSchemaExporter.GetJsonSchemaAsNode(DefaultOptions, typeof(T), new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        if (node is JsonObject obj)
        {
            obj.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
            obj.Insert(1, "title", title);
        }

        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static T Read<T>(ReadOnlySpan<byte> utf8Json, ContractReader contract, JsonTypeInfo<T> info, string subject)
    {
        if (utf8Json.Length > MaxDocumentBytes)
        {
            throw TooLarge();
        }

        var problems = new List<ValidationProblem>();
        using var document = ContractReader.Parse(utf8Json, problems);
        if (document is not null)
        {
            contract.Check(document.RootElement, problems);
        }

        if (problems.Count > 0)
        {
            throw new BackHipValidationException(subject, [.. problems]);
        }

        try
        {
            return document!.Deserialize(info)
                ?? throw new BackHipValidationException(subject, [new ValidationProblem { Code = "wrong-type", Message = "Expected an object; found null.", Path = "$" }]);
        }
        catch (JsonException ex)
        {
            throw new BackHipValidationException(subject, [new ValidationProblem { Code = "wrong-type", Message = $"The value does not match the {subject} contract.", Path = ex.Path ?? "$" }]);
        }
    }

    private static BackHipValidationException TooLarge() =>
        new("document", [new ValidationProblem { Code = "too-large", Message = $"The document is larger than {MaxDocumentBytes} bytes.", Path = "$" }]);
}

/// <summary>The source-generated serializer context of the JSON contracts (AOT- and trim-safe); prefer <see cref="BackHipJson"/> for reading, which adds the size limits and case validation.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    Converters =
    [
    typeof(CamelCaseEnumConverter<Sex>),
    typeof(CamelCaseEnumConverter<CareSetting>),
    typeof(CamelCaseEnumConverter<EvidenceState>),
    typeof(CamelCaseEnumConverter<EvidenceOrigin>),
    typeof(CamelCaseEnumConverter<Triage.TriageLevel>),
    typeof(CamelCaseEnumConverter<Triage.RedFlagPathology>),
    typeof(CamelCaseEnumConverter<EvidenceGrade>),
    typeof(CamelCaseEnumConverter<ConditionCategory>),
    typeof(CamelCaseEnumConverter<BodyRegion>),
    typeof(CamelCaseEnumConverter<SexPredominance>),
    typeof(CamelCaseEnumConverter<CodeStatus>),
    typeof(CamelCaseEnumConverter<FindingKind>),
    typeof(CamelCaseEnumConverter<BodySide>),
    typeof(CamelCaseEnumConverter<Respondent>),
    typeof(CamelCaseEnumConverter<SelectionMode>),
    typeof(CamelCaseEnumConverter<Exercises.ExerciseCategory>),
    typeof(CamelCaseEnumConverter<Exercises.BodyPosition>),
    typeof(CamelCaseEnumConverter<Exercises.Muscle>),
    typeof(CamelCaseEnumConverter<Exercises.Equipment>),
    typeof(CamelCaseEnumConverter<Exercises.ExerciseLevel>),
    typeof(CamelCaseEnumConverter<Exercises.LoadTag>),
    typeof(CamelCaseEnumConverter<Exercises.DoseType>),
    typeof(CamelCaseEnumConverter<Exercises.PainPhase>),
    typeof(CamelCaseEnumConverter<Exercises.Clinician>),
    typeof(CamelCaseEnumConverter<Exercises.GuidelineStance>),
    typeof(CamelCaseEnumConverter<Instruments.Bothersomeness>),
    typeof(CamelCaseEnumConverter<Instruments.StartBackRisk>),
    typeof(CamelCaseEnumConverter<Instruments.OswestryBand>),
    typeof(CamelCaseEnumConverter<Instruments.ChangeDirection>),
    ],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    MaxDepth = BackHipJson.MaxDepth,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CaseDocument))]
[JsonSerializable(typeof(Assessment))]
[JsonSerializable(typeof(ConditionCatalogDocument))]
[JsonSerializable(typeof(FindingCatalogDocument))]
[JsonSerializable(typeof(ExerciseCatalogDocument))]
[JsonSerializable(typeof(BatchErrorDocument))]
[JsonSerializable(typeof(Instruments.FollowUpReport))]
public sealed partial class BackHipJsonContext : JsonSerializerContext;

/// <summary>The documented (camelCase) spellings of an enum's values, and nothing else.</summary>
internal static class WireEnum<TEnum>
    where TEnum : struct, Enum
{
    private static readonly System.Collections.Frozen.FrozenDictionary<string, TEnum> Values =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Enum.GetValues<TEnum>(), v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

    /// <summary>The value of an element already checked to hold one of the documented spellings.</summary>
    public static TEnum Parse(JsonElement element) => Values[element.GetString()!];
}

/// <summary>Writes and reads an enum as its camelCase name; integers are rejected.</summary>
internal sealed class CamelCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public CamelCaseEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
