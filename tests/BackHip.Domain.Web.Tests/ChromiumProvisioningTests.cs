namespace BackHip.Domain.Web.Tests;

/// <summary>The provisioning path the README's test command depends on on a fresh machine, driven without a browser:
/// it installs Debian's chromium with apt-get when it can, and otherwise fails saying how to install it — never a skip.</summary>
public sealed class ChromiumProvisioningTests
{
    private static string MissingExecutable() => Path.Combine(Path.GetTempPath(), $"backhip-no-chromium-{Guid.NewGuid():N}", "chromium");

    [Theory]
    [InlineData(false, "root", true, "not a Debian machine")]
    [InlineData(true, "dev", true, "not running as root")]
    [InlineData(true, "root", false, "apt-get was not found")]
    public async Task Without_a_way_to_install_it_fails_saying_how_to_install_it(bool debian, string user, bool aptGet, string why)
    {
        var ran = new List<string>();
        var executable = MissingExecutable();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => ChromiumProvisioning.EnsureAsync(
            executable, () => ChromiumProvisioning.CanInstall(debian, user, aptGet), (file, args) => { ran.Add(file); return Task.FromResult(""); }));
        Assert.IsType<Xunit.Sdk.FailException>(ex);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install -y chromium", ex.Message, StringComparison.Ordinal);
        Assert.Contains(executable, ex.Message, StringComparison.Ordinal);
        Assert.Empty(ran);
    }

    [Fact]
    public async Task As_root_on_Debian_it_installs_the_chromium_package_with_apt_get()
    {
        var executable = MissingExecutable();
        var ran = new List<string>();
        try
        {
            await ChromiumProvisioning.EnsureAsync(executable, () => ChromiumProvisioning.CanInstall(true, "root", true), (file, args) =>
            {
                ran.Add(file + " " + string.Join(' ', args));
                if (args.Contains("install"))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(executable)!);
                    File.WriteAllText(executable, "#!/bin/sh\n");
                }

                return Task.FromResult("ok\n");
            });
            Assert.Equal(["apt-get update -qq", "apt-get install -y -qq --no-install-recommends chromium"], ran);

            // Once it is there nothing more runs.
            await ChromiumProvisioning.EnsureAsync(executable, () => throw new InvalidOperationException("not asked"), (_, _) => throw new InvalidOperationException("not run"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(executable)!, recursive: true);
        }
    }

    [Fact]
    public async Task An_install_that_does_not_produce_the_browser_fails_with_the_apt_get_output()
    {
        var executable = MissingExecutable();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => ChromiumProvisioning.EnsureAsync(executable, () => null, (_, args) => Task.FromResult("E: Unable to locate package chromium\n")));
        Assert.Contains("did not produce", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Unable to locate package chromium", ex.Message, StringComparison.Ordinal);
    }
}
