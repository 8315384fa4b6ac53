using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackHip.Domain.Knowledge;

// Wire shapes of sources.json. Every member is nullable so the reader
// can report every missing field at once, with its JSON path, instead of stopping at the first.
#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

internal sealed class SourcesFileDto
{
    public int? SchemaVersion { get; set; }
    public List<SourceDto?>? Sources { get; set; }
}

internal sealed class SourceDto
{
    public string? Key { get; set; }
    public string? Citation { get; set; }
    public string? Url { get; set; }
    public string? Kind { get; set; }
}

/// <summary>Source-generated (AOT-safe) reading of sources.json.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SourcesFileDto))]
internal sealed partial class SourcesJsonContext : JsonSerializerContext;
