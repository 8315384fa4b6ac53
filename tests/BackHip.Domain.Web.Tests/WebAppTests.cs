using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace BackHip.Domain.Web.Tests;

/// <summary>Drives the sample web app's page in headless Chromium (Debian's chromium; never a downloaded browser).</summary>
public sealed class WebAppTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] UrgentClasses = ["consultation24", "emergency", "emergencyAmbulance"];
    private Process? _server;
    private string _baseUrl = "";

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        _baseUrl = $"http://127.0.0.1:{port}";
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = RepoRoot();
        var dll = Path.Combine(root, "samples", "BackHip.Domain.Web", "bin", configuration, "net10.0", "BackHip.Domain.Web.dll");
        // Started from the project folder so the content root (and wwwroot) is the sample's own.
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root, "samples", "BackHip.Domain.Web"), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(_baseUrl);
        _server = Process.Start(info)!;
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(_baseUrl + "/conditions"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The web app did not start on " + _baseUrl);
    }

    public ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
        }

        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackHip.Domain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }

    private static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        await ChromiumProvisioning.EnsureAsync(ChromiumPath);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task The_question_flow_shows_a_triage_banner_the_differential_and_the_plan()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/");
        await page.FillAsync("#age", "45");
        await page.SelectOptionAsync("#sex", "male");
        await page.ClickAsync("#begin");

        // The complaint comes first, as a checkbox list: tick the first place; then "not sure" or "no" for three screens,
        // going back once on the way.
        await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
        Assert.DoesNotContain("⚠", await page.TextContentAsync("#question"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#options input[type=checkbox]").CountAsync() >= 5);
        Assert.Contains("Question 1 of at most 25", await page.TextContentAsync("#progress"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#why")));
        await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
        await page.CheckAsync("#opt0");
        await page.ClickAsync("#submit");
        await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
        Assert.Contains("Question 2 of", await page.TextContentAsync("#progress"), StringComparison.Ordinal);
        await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
        await page.ClickAsync("#back");
        await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
        Assert.Contains("Question 1 of", await page.TextContentAsync("#progress"), StringComparison.Ordinal);
        await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
        await page.CheckAsync("#opt0");
        await page.ClickAsync("#submit");
        for (var i = 0; i < 3; i++)
        {
            await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
            await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
            await page.ClickAsync(await page.IsVisibleAsync("#single") ? "#no" : "#notsure");
        }

        await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
        await page.ClickAsync("#finish");
        await page.WaitForSelectorAsync("#result:not(.hidden)");
        var banner = await page.TextContentAsync("#banner");
        Assert.StartsWith("Triage: ", banner, StringComparison.Ordinal);
        Assert.True(await page.Locator("#differential .row").CountAsync() >= 3);
        Assert.True(await page.Locator("#plan li").CountAsync() >= 1);
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "assessment.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(shots, "assessment.png")).Length > 1000);
    }

    [Fact]
    public async Task A_red_flag_answer_turns_the_banner_urgent_and_bad_input_gets_problem_details()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/");
        await page.ClickAsync("#begin");

        // Tick the first place, then "not sure" about the rest of the complaint, then every item of the first
        // red-flag checklist (the most urgent one).
        await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
        await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
        await page.CheckAsync("#opt0");
        await page.ClickAsync("#submit");
        for (var i = 0; i < 6; i++)
        {
            await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
            var question = await page.TextContentAsync("#question");
            await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
            if (question!.StartsWith('⚠'))
            {
                if (await page.IsVisibleAsync("#single"))
                {
                    await page.ClickAsync("#yes");
                }
                else
                {
                    await page.EvaluateAsync("() => document.querySelectorAll('#options input').forEach(e => e.checked = true)");
                    await page.ClickAsync("#submit");
                }

                break;
            }

            await page.ClickAsync(await page.IsVisibleAsync("#single") ? "#unknown" : "#notsure");
        }

        await page.WaitForFunctionAsync("() => document.getElementById('question').textContent.length > 0");
        await page.ClickAsync("#finish");
        await page.WaitForSelectorAsync("#result:not(.hidden)");
        var cls = await page.GetAttributeAsync("#banner", "class");
        Assert.Contains(cls, UrgentClasses);

        using var http = new HttpClient();
        using var content = new StringContent("""{"schemaVersion":1,"profile":{"age":45,"sex":"male"},"evidence":[{"finding":"no-such-finding","state":"present"}]}""");
        var response = await http.PostAsync(new Uri(_baseUrl + "/assessments"), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"code\":\"unknown-finding\"", body, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"$.evidence[0].finding\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assessments")]
    [InlineData("/questions/next")]
    public async Task A_null_evidence_item_is_a_bad_request_with_problem_details_not_a_server_error(string endpoint)
    {
        using var http = new HttpClient();
        using var content = new StringContent("""{"schemaVersion":1,"profile":{"age":40,"sex":"male"},"evidence":[null]}""");
        var response = await http.PostAsync(new Uri(_baseUrl + endpoint), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"path\":\"$.evidence[0]\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_is_read_whole()
    {
        using var http = new HttpClient();
        var big = "{\"schemaVersion\":1,\"profile\":{\"age\":40,\"sex\":\"male\"},\"x\":\"" + new string('x', 10 << 20) + "\"}";

        // A body that declares 10 MB is refused on its headers: with "Expect: 100-continue" not one byte of it is sent.
        using var declared = new StringContent(big);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl + "/assessments")) { Content = declared };
        request.Headers.ExpectContinue = true;
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too-large", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Without a Content-Length (chunked), the limit is enforced while the body is read.
        using var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big[..((1 << 20) + 100)])));
        using var streamedRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl + "/assessments")) { Content = chunked };
        streamedRequest.Headers.TransferEncodingChunked = true;
        var streamed = await http.SendAsync(streamedRequest, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Contains("too-large", await streamed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
