using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.TestHost;

namespace BackHip.Domain.Tests;

/// <summary>The test host's entry point: xunit on the Microsoft Testing Platform, with a test selection from the
/// environment and, under Stryker, the shared knowledge base built before any mutant is active.</summary>
/// <remarks>
/// <para>Stryker's MTP runner starts the host with only <c>--server</c> and runs every test for each mutant; a run over
/// one file can name the test classes that cover it in <c>BACKHIP_MUTATION_TESTS</c> (class names relative to
/// <c>BackHip.Domain.Tests.</c>, separated by <c>;</c>, <c>*</c> as a wildcard at either end), which become xunit class
/// filters.</para>
/// <para>The runner reuses one host for every mutant and starts it with the first mutant already active, so state built
/// once per process (<see cref="KnowledgeBase.Default"/>, which is loaded and checked against the safety floor with the
/// rule logic under test, every test class's static copy of it, and the static tables of the safety floor and the planner) would be built under that mutant: a mutant that
/// breaks loading made every later mutant look killed. <see cref="WarmUpWithoutMutant"/> builds that state with no
/// mutant active, then restores the runner's choice, so each mutant is judged on its own. A mutant that only changes
/// how a knowledge base is loaded is then killed by the tests that load one themselves (edited files, safety floor).</para>
/// </remarks>
internal static class Program
{
    public static int Main(string[] args)
    {
        var selection = Environment.GetEnvironmentVariable("BACKHIP_MUTATION_TESTS");
        if (!string.IsNullOrWhiteSpace(selection))
        {
            args = [.. args, .. selection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(c => new[] { "--filter-class", "BackHip.Domain.Tests." + c })];
        }

        if (Environment.GetEnvironmentVariable("STRYKER_MUTANT_FILE") is { Length: > 0 } mutantFile && File.Exists(mutantFile))
        {
            WarmUpWithoutMutant(mutantFile);
        }

        return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
    }

    // Stryker keeps the active mutant's id in this file (a 32-bit integer at its start, read through a memory map on
    // every mutant check); -1 means none. Stryker waits for the host to connect before it writes the file again.
    private static void WarmUpWithoutMutant(string mutantFile)
    {
        using var file = new FileStream(mutantFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var active = new byte[4];
        file.ReadExactly(active);
        try
        {
            Write(file, BitConverter.GetBytes(-1));
            _ = KnowledgeBase.Default;
            foreach (var type in new[] { typeof(BackHip.Domain.Triage.SafetyFloor), typeof(BackHip.Domain.Triage.CareLevelThresholds), typeof(BackHip.Domain.Exercises.ExercisePlanner), typeof(BackHip.Domain.Exercises.PlannerOptions) })
            {
                System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }

            // The test classes' own static fields (a planner or evaluator built once per class) too.
            foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
            {
                System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }
        }
        finally
        {
            Write(file, active);
        }

        static void Write(FileStream file, byte[] id)
        {
            file.Position = 0;
            file.Write(id);
            file.Flush(flushToDisk: true);
        }
    }
}
