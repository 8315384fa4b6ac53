namespace BackHip.Domain.Tests;

/// <summary>Checked-in snapshots: compared in tests, rewritten when BACKHIP_UPDATE_SNAPSHOTS=1.</summary>
internal static class Snapshots
{
    public static bool Updating => Environment.GetEnvironmentVariable("BACKHIP_UPDATE_SNAPSHOTS") == "1";

    public static string Path(params string[] relative) => System.IO.Path.Combine([Api.PublicApiTests.FindRepoRoot(), .. relative]);

    public static void Match(string actual, params string[] relative)
    {
        var path = Path(relative);
        if (Updating)
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}; run the tests with BACKHIP_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(expected == actual.ReplaceLineEndings("\n"), $"{path} differs from what the code produces; if the change is deliberate, run with BACKHIP_UPDATE_SNAPSHOTS=1 and commit it.");
    }
}

/// <summary>A clock frozen at one instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedTimeProvider Instance = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
