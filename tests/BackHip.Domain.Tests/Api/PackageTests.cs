using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;

namespace BackHip.Domain.Tests.Api;

/// <summary>The nupkg as a consumer gets it: readme, release notes, honest metadata, and a symbol package whose PDB embeds
/// every source file under deterministic paths, so debugging works without the repository.</summary>
public sealed class PackageTests : IClassFixture<PackageTests.Packed>
{
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
    private readonly Packed _packed;

    public PackageTests(Packed packed) => _packed = packed;

    /// <summary>Packs the library once (Release, as <c>dotnet pack</c> does by default) into a temporary folder.</summary>
    public sealed class Packed : IDisposable
    {
        public Packed()
        {
            Folder = Directory.CreateTempSubdirectory("backhip-pack-");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Snapshots.Path() };
            foreach (var a in new[] { "pack", Path.Combine("src", "BackHip.Domain", "BackHip.Domain.csproj"), "-c", "Release", "-o", Folder.FullName, "-p:VersionSuffix=packagetest" })
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(600_000))
            {
                process.Kill(entireProcessTree: true);
            }

            Log = output.Result + error.Result;
            ExitCode = process.HasExited ? process.ExitCode : -1;
        }

        public DirectoryInfo Folder { get; }

        public string Log { get; }

        public int ExitCode { get; }

        public string File(string extension) => Folder.GetFiles("BackHip.Domain.*" + extension).Single().FullName;

        public void Dispose() => Folder.Delete(recursive: true);
    }

    private XElement Nuspec()
    {
        Assert.True(_packed.ExitCode == 0, _packed.Log);
        using var zip = ZipFile.OpenRead(_packed.File(".nupkg"));
        using var stream = zip.GetEntry("BackHip.Domain.nuspec")!.Open();
        return XDocument.Load(stream).Root!;
    }

    private static XElement? Meta(XElement nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

    [Fact]
    public void The_package_carries_its_readme_changelog_and_release_notes()
    {
        var nuspec = Nuspec();
        Assert.Equal("PACKAGE.md", Meta(nuspec, "readme")?.Value);
        var notes = Meta(nuspec, "releaseNotes")?.Value ?? "";
        Assert.StartsWith("## [Unreleased]", notes, StringComparison.Ordinal);
        Assert.Contains("Display layer", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("## [0.", notes, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(_packed.File(".nupkg"));
        Assert.Contains(zip.Entries, e => e.FullName == "PACKAGE.md");
        Assert.Contains(zip.Entries, e => e.FullName == "CHANGELOG.md");
    }

    [Fact]
    public void The_package_names_no_invented_or_local_repository()
    {
        var nuspec = Nuspec();
        Assert.Null(Meta(nuspec, "projectUrl"));
        var url = Meta(nuspec, "repository")?.Attribute("url")?.Value;
        Assert.True(url is null || url.StartsWith("https://", StringComparison.Ordinal), $"repository url '{url}' is not public");
    }

    [Fact]
    public void The_symbol_package_embeds_every_source_under_deterministic_paths()
    {
        Assert.True(_packed.ExitCode == 0, _packed.Log);
        using var zip = ZipFile.OpenRead(_packed.File(".snupkg"));
        using var pdb = new MemoryStream();
        using (var entry = zip.Entries.Single(e => e.FullName.EndsWith("BackHip.Domain.pdb", StringComparison.Ordinal)).Open())
        {
            entry.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var sources = reader.Documents.Select(h => (Handle: h, Name: reader.GetString(reader.GetDocument(h).Name)))
            .Where(d => d.Name.EndsWith(".cs", StringComparison.Ordinal) && d.Name.Contains("/src/BackHip.Domain/", StringComparison.Ordinal)).ToList();
        Assert.Contains(sources, d => d.Name.EndsWith("/src/BackHip.Domain/Display/DisplayText.cs", StringComparison.Ordinal));
        Assert.All(sources, d => Assert.StartsWith("/_/", d.Name, StringComparison.Ordinal));
        var embedded = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == EmbeddedSource && c.Parent.Kind == HandleKind.Document)
            .Select(c => (DocumentHandle)c.Parent)
            .ToHashSet();
        Assert.All(sources, d => Assert.True(embedded.Contains(d.Handle), $"{d.Name} is not embedded in the PDB"));
    }
}
