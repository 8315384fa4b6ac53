using System.Collections.Immutable;

namespace BackHip.Domain.Knowledge;

/// <summary>Reads and checks sources.json (key, citation, kind, URL) and declares every source key in the shared context,
/// so the other readers can resolve theirs.</summary>
/// <param name="context">The validation context shared by every reader of one load.</param>
internal sealed class SourcesReader(KnowledgeValidationContext context)
{
    private SourcesFileDto? _dto;

    /// <summary>Reads the file; a problem reading it goes to the context.</summary>
    public void Read() => _dto = context.Read(KnowledgeFiles.Sources, SourcesJsonContext.Default.SourcesFileDto);

    /// <summary>Checks and builds the sources, by key.</summary>
    /// <returns>Every valid source; empty when the file could not be read.</returns>
    public ImmutableSortedDictionary<string, Source> Build()
    {
        var dto = _dto;
        const string file = KnowledgeFiles.Sources;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Source>(StringComparer.Ordinal);
        if (dto is null)
        {
            return builder.ToImmutable();
        }

        context.CheckSchema(dto.SchemaVersion, file);
        var list = dto.Sources ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"$.sources[{i}]";
            var s = list[i];
            if (s is null)
            {
                context.Problem("missing-field", "Entry is null.", file, path: path);
                continue;
            }

            var key = context.Required(s.Key, file, s.Key, path + ".key", "key");
            var citation = context.Required(s.Citation, file, s.Key, path + ".citation", "citation");
            var kind = context.ParseEnum<SourceKind>(s.Kind, file, s.Key, path + ".kind");
            Uri? url = null;
            if (s.Url is not null && !Uri.TryCreate(s.Url, UriKind.Absolute, out url))
            {
                context.Problem("malformed-url", $"'{s.Url}' is not an absolute URL.", file, s.Key, path + ".url");
            }

            if (key is null)
            {
                continue;
            }

            if (!context.SourceKeys.Add(key))
            {
                context.Problem("duplicate-id", $"The source key '{key}' is used more than once.", file, key, path + ".key");
                continue;
            }

            if (citation is not null && kind is not null)
            {
                builder[key] = new Source { Key = key, Citation = citation, Url = url, Kind = kind.Value };
            }
        }

        return builder.ToImmutable();
    }
}
