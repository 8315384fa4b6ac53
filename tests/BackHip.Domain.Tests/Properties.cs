using FsCheck;
using Microsoft.FSharp.Core;

namespace BackHip.Domain.Tests;

/// <summary>Runs FsCheck properties with a fixed replay seed, printed on failure so a failure replays exactly.</summary>
internal static class Properties
{
    public const ulong Seed = 20261122UL;
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public static void Check(Property property, int maxTest = 200)
    {
        var replay = new Replay(new Rnd(Seed, Gamma), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(replay)).WithQuietOnSuccess(true);
        try
        {
            FsCheck.Check.One(config, property);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"Property failed with replay seed ({Seed}, {Gamma}):{Environment.NewLine}{ex.Message}");
        }
    }
}
