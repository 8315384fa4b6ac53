using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain.Exercises;

// Wire shapes of exercises.json. Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class ExercisesFileDto
{
    public int? SchemaVersion { get; set; }
    public List<ExerciseDto?>? Exercises { get; set; }
}

internal sealed class ExerciseDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public List<string>? Aliases { get; set; }
    public string? Category { get; set; }
    public string? Position { get; set; }
    public List<string>? PrimaryMuscles { get; set; }
    public List<string>? SecondaryMuscles { get; set; }
    public List<string>? Equipment { get; set; }
    public string? Level { get; set; }
    public string? Regression { get; set; }
    public string? Progression { get; set; }
    public List<string>? LoadTags { get; set; }
    public List<string>? Instructions { get; set; }
    public DoseDto? Dose { get; set; }
    public List<string>? Cues { get; set; }
    public List<string>? CommonMistakes { get; set; }
    public List<string>? Phases { get; set; }
    public List<IndicationDto?>? Indications { get; set; }
    public List<ContraindicationDto?>? Contraindications { get; set; }
    public string? Licence { get; set; }
    public List<string>? Sources { get; set; }
}

internal sealed class DoseDto
{
    public string? Type { get; set; }
    public int? HoldSeconds { get; set; }
    public int? Reps { get; set; }
    public int? Sets { get; set; }
    public int? Minutes { get; set; }
    public int? Meters { get; set; }
    public int? TimesPerDay { get; set; }
    public int? TimesPerWeek { get; set; }
    public bool? EachSide { get; set; }
}

internal sealed class IndicationDto
{
    public string? Condition { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class ContraindicationDto
{
    public string? Condition { get; set; }
    public string? Finding { get; set; }
    public bool? Pregnant { get; set; }
    public List<string>? Phases { get; set; }
    public string? Reason { get; set; }
    public string? Source { get; set; }
    public string? Grade { get; set; }
    public string? Rationale { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of exercises.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ExercisesFileDto))]
internal sealed partial class ExercisesJsonContext : JsonSerializerContext;
