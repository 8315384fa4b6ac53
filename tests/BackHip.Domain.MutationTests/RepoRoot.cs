namespace BackHip.Domain.Tests.Api;

/// <summary>The repository root for <see cref="Snapshots"/> (in BackHip.Domain.Tests this lives with the public-API tests,
/// which this project does not compile).</summary>
internal static class PublicApiTests
{
    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackHip.Domain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (BackHip.Domain.sln) not found.");
    }
}
