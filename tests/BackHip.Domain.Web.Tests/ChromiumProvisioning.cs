using System.Diagnostics;

namespace BackHip.Domain.Web.Tests;

/// <summary>
/// Makes sure Debian's chromium is installed before the browser tests run: on a Debian machine where the tests run as
/// root it installs the <c>chromium</c> package with apt-get (never a browser download by a tool); anywhere else it fails
/// with a message saying how to install it. Never a silent skip.
/// </summary>
internal static class ChromiumProvisioning
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static Task EnsureAsync(string executable) => EnsureAsync(executable, CanInstall, RunAsync);

    /// <summary>The provisioning path with its environment passed in, so a test can drive it without root or apt-get:
    /// <paramref name="canInstall"/> says why the machine cannot install (or <see langword="null"/>), and
    /// <paramref name="run"/> runs a command and returns its output.</summary>
    internal static async Task EnsureAsync(string executable, Func<string?> canInstall, Func<string, string[], Task<string>> run)
    {
        if (File.Exists(executable))
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (File.Exists(executable))
            {
                return;
            }

            var problem = canInstall();
            if (problem is not null)
            {
                Assert.Fail($"Debian's chromium is required at {executable} and {problem} Install it with `sudo apt-get install -y chromium`, then run the tests again.");
            }

            // A lock file keeps two test processes (or CI and a developer) from running apt-get at once.
            using var lockFile = await AcquireLockAsync(Path.Combine(Path.GetTempPath(), "backhip-chromium-install.lock"));
            if (!File.Exists(executable))
            {
                var log = await run("apt-get", ["update", "-qq"]) + await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"]);
                Assert.True(File.Exists(executable), $"Installing Debian's chromium with apt-get did not produce {executable}:\n{log}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string? CanInstall() =>
        CanInstall(OperatingSystem.IsLinux() && File.Exists("/etc/debian_version"), Environment.UserName, File.Exists("/usr/bin/apt-get"));

    /// <summary>Why this machine cannot install chromium itself, or <see langword="null"/> when it can (Debian, root, apt-get).</summary>
    internal static string? CanInstall(bool debian, string user, bool aptGet)
    {
        if (!debian)
        {
            return "this is not a Debian machine, so the tests cannot install it themselves.";
        }

        if (!string.Equals(user, "root", StringComparison.Ordinal))
        {
            return "the tests are not running as root, so they cannot install it themselves.";
        }

        return aptGet ? null : "apt-get was not found.";
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(1000);
            }
        }
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        return output;
    }
}
