using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.TestHost;

namespace BackHip.Domain.Tests;

/// <summary>The test host's entry point: xunit on the Microsoft Testing Platform, with a test selection from the
/// environment and one fresh process per mutant under Stryker.</summary>
/// <remarks>
/// <para>Stryker's MTP runner starts the host with only <c>--server</c> and runs every test for each mutant; a run over
/// one file can name the test classes that cover it in <c>BACKHIP_MUTATION_TESTS</c> (class names relative to
/// <c>BackHip.Domain.Tests.</c>, separated by <c>;</c>, <c>*</c> as a wildcard at either end), which become xunit class
/// filters.</para>
/// <para>The runner also reuses one host for every mutant, so state built once per process (the embedded knowledge
/// base, which is loaded and checked against the safety floor with the rule logic under test) would be built under
/// whichever mutant ran first: a mutant that breaks loading would make every later mutant look killed, and one that
/// runs second would never reach the loader. <see cref="FreshHostPerMutant"/> ends the host at the start of every test
/// session after its first; Stryker 5 then reruns that mutant once on a new host, so each mutant runs in a process of
/// its own, as the library would run with it.</para>
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

        return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, Register).GetAwaiter().GetResult();
    }

    private static void Register(ITestApplicationBuilder builder, string[] args)
    {
        SelfRegisteredExtensions.AddSelfRegisteredExtensions(builder, args);
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(FreshHostPerMutant.MutantFileVariable)))
        {
            builder.TestHost.AddTestSessionLifetimeHandle(_ => new FreshHostPerMutant());
        }
    }

    /// <summary>Ends the test host when a second test session starts in it (only under Stryker).</summary>
    private sealed class FreshHostPerMutant : ITestSessionLifetimeHandler
    {
        /// <summary>Set by Stryker's MTP runner on every host it starts.</summary>
        public const string MutantFileVariable = "STRYKER_MUTANT_FILE";

        // The platform may build a handler per request, so the count is per process.
        private static int s_sessions;

        public string Uid => nameof(FreshHostPerMutant);

        public string Version => "1.0.0";

        public string DisplayName => "One test host per mutant";

        public string Description => "Ends the test host at the start of its second test session so Stryker reruns the mutant on a fresh host.";

        public Task<bool> IsEnabledAsync() => Task.FromResult(true);

        public Task OnTestSessionStartingAsync(SessionUid sessionUid, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref s_sessions) > 1)
            {
                Environment.Exit(0);
            }

            return Task.CompletedTask;
        }

        public Task OnTestSessionFinishingAsync(SessionUid sessionUid, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
