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

    // Waits until the page shows a new question screen or the result (the caller blanks #question before acting).
    private const string ScreenShown = "() => !document.getElementById('result').classList.contains('hidden') || document.getElementById('question').textContent.length > 0";
    private static readonly string[] RawIdOrUndefined = ["undefined", "NaN", "See: gp", "consultation24", "nonspecific-low-back-pain", "cauda-equina-syndrome", "ces-bladder-bowel", "Red-flag triage:"];

    private static string Screenshots()
    {
        var dir = Path.Combine(RepoRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(Screenshots(), name + ".png");
        File.Delete(path);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(File.Exists(path), "screenshot " + path);
        Assert.True(new FileInfo(path).Length > 1000, "screenshot " + path);
    }

    private async Task<IPage> OpenAsync(IBrowser browser, int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(_baseUrl + "/");
        await page.WaitForSelectorAsync("#locations input");
        return page;
    }

    // The start: age, sex, pregnancy only when it applies, and where it hurts (nothing ticked until the person ticks it).
    private static async Task StartAsync(IPage page, string age, string sex, bool pregnantShown = false)
    {
        await page.FillAsync("#age", age);
        await page.SelectOptionAsync("#sex", sex);
        Assert.Equal(pregnantShown, await page.IsVisibleAsync("#pregnancy"));
        if (pregnantShown)
        {
            await page.CheckAsync("#pregnant-no");
        }

        Assert.Equal(0, await page.Locator("#locations input:checked").CountAsync());
        await page.CheckAsync("#locations input[value=pain-lower-back]");
        await page.ClickAsync("#begin");
        await page.WaitForFunctionAsync(ScreenShown);
    }

    private static async Task NextScreen(IPage page, string button)
    {
        await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
        await page.ClickAsync(button);
        await page.WaitForFunctionAsync(ScreenShown);
    }

    private static async Task<bool> ResultShown(IPage page) => await page.IsVisibleAsync("#result");

    private static async Task AssertNoRawText(IPage page)
    {
        var body = await page.InnerTextAsync("body");
        foreach (var bad in RawIdOrUndefined)
        {
            Assert.DoesNotContain(bad, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_start_asks_about_pregnancy_only_for_a_woman_of_childbearing_age_and_needs_where_it_hurts()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        Assert.False(await page.IsVisibleAsync("#pregnancy"));
        await page.FillAsync("#age", "30");
        await page.SelectOptionAsync("#sex", "female");
        Assert.True(await page.IsVisibleAsync("#pregnancy"));
        await page.FillAsync("#age", "70");
        Assert.False(await page.IsVisibleAsync("#pregnancy"));
        await page.SelectOptionAsync("#sex", "male");
        await page.FillAsync("#age", "30");
        Assert.False(await page.IsVisibleAsync("#pregnancy"));

        // Where it hurts is chosen, not assumed: starting without a place says so and stays on the start.
        await page.ClickAsync("#begin");
        await page.WaitForSelectorAsync("#error:not(.hidden)");
        Assert.Contains("where it hurts", await page.TextContentAsync("#error"), StringComparison.OrdinalIgnoreCase);
        Assert.True(await page.IsVisibleAsync("#start"));
        Assert.Equal("polite", await page.GetAttributeAsync("#banner", "aria-live"));
        Assert.Equal("width=device-width, initial-scale=1", await page.GetAttributeAsync("meta[name=viewport]", "content"));
    }

    [Fact]
    public async Task The_start_and_a_question_work_from_the_keyboard_through_their_labels()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);

        // Every control is found by its label (what a screen reader reads) and operated with keys only.
        await page.GetByLabel("Age in years").FocusAsync();
        await page.Keyboard.TypeAsync("45");
        await page.GetByLabel("Sex").FocusAsync();
        await page.GetByLabel("Sex").SelectOptionAsync("male");
        await page.GetByLabel("Lower back", new PageGetByLabelOptions { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.GetByLabel("Lower back", new PageGetByLabelOptions { Exact = true }).IsCheckedAsync());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync(ScreenShown);
        Assert.Contains("Question 1 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        Assert.Equal("question", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
        await page.FocusAsync(await page.IsVisibleAsync("#single") ? "#no" : "#notsure");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync(ScreenShown);
        Assert.Contains("Question 2 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        await Screenshot(page, "question-desktop");
    }

    [Fact]
    public async Task The_whole_flow_reaches_a_result_with_labels_names_bars_and_a_care_plan()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        await StartAsync(page, "34", "female", pregnantShown: true);
        Assert.Contains("Question 1 of at most 25", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#why")));

        // Back once on the way, then "no" / "none of these" / the first option to the end of the interview.
        var first = await page.TextContentAsync("#question");
        await NextScreen(page, await page.IsVisibleAsync("#single") ? "#no" : await page.IsVisibleAsync("#none") ? "#none" : "#notsure");
        Assert.Contains("Question 2 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        await NextScreen(page, "#back");
        Assert.Equal(first, await page.TextContentAsync("#question"));
        for (var i = 0; i < 40 && !await ResultShown(page); i++)
        {
            if (await page.IsVisibleAsync("#single"))
            {
                await NextScreen(page, "#no");
            }
            else if (await page.IsVisibleAsync("#none"))
            {
                await NextScreen(page, "#none");
            }
            else
            {
                await page.CheckAsync("#opt0");
                await NextScreen(page, "#submit");
            }
        }

        Assert.True(await ResultShown(page), "the interview did not end");
        var level = await page.GetAttributeAsync("#banner", "data-level");
        Assert.False(string.IsNullOrEmpty(level));
        var cls = await page.GetAttributeAsync("#banner", "class");
        Assert.Equal(await page.IsVisibleAsync("#incomplete-note") ? "incomplete" : level, cls);
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#banner .level")));
        Assert.True(await page.Locator("#differential .row").CountAsync() >= 3);
        foreach (var name in await page.Locator("#differential .name").AllTextContentsAsync())
        {
            Assert.DoesNotMatch("^[a-z0-9]+(-[a-z0-9]+)+$", name);
        }

        Assert.Matches(@"^\d+(\.\d)?%$", await page.Locator("#differential .pct").First.TextContentAsync());
        Assert.True(await page.IsVisibleAsync("#serious"));
        // Every exercise shows its dose, its steps and why; "whom to see" names each clinician by its label.
        var exercises = page.Locator("#exercises .exercise");
        Assert.True(await exercises.CountAsync() >= 1);
        for (var i = 0; i < await exercises.CountAsync(); i++)
        {
            var exercise = exercises.Nth(i);
            Assert.Matches(@"\d", await exercise.Locator(".dose").TextContentAsync() ?? "");
            Assert.True(await exercise.Locator("ol li").CountAsync() >= 1, "exercise " + i + " has no steps");
            Assert.StartsWith("Why: Indicated for ", await exercise.Locator(".why").TextContentAsync(), StringComparison.Ordinal);
        }

        Assert.True(await page.IsVisibleAsync("#whom-box"));
        var clinicians = await page.Locator("#whom li strong").AllTextContentsAsync();
        Assert.NotEmpty(clinicians);
        Assert.Contains("GP (family doctor)", clinicians);
        Assert.All(clinicians, c => Assert.DoesNotMatch("^[a-z]+([A-Z][a-z]+)*$", c));
        Assert.All(await page.Locator("#whom li .why").AllTextContentsAsync(), why => Assert.False(string.IsNullOrWhiteSpace(why)));
        await AssertNoRawText(page);
        await Screenshot(page, "result-desktop");
    }

    [Fact]
    public async Task Back_from_the_first_question_returns_to_the_start_with_the_answers_kept()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        await StartAsync(page, "34", "female", pregnantShown: true);
        var first = await page.TextContentAsync("#question");
        Assert.Contains("Question 1 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        Assert.False(await page.IsDisabledAsync("#back"));

        await page.ClickAsync("#back");
        await page.WaitForSelectorAsync("#start:not(.hidden)");
        await page.WaitForFunctionAsync("() => !document.body.hasAttribute('aria-busy')");
        Assert.False(await page.IsVisibleAsync("#ask"));
        Assert.False(await page.IsVisibleAsync("#error"));
        Assert.Equal("34", await page.InputValueAsync("#age"));
        Assert.Equal("female", await page.InputValueAsync("#sex"));
        Assert.True(await page.IsVisibleAsync("#pregnancy"));
        Assert.True(await page.IsCheckedAsync("#pregnant-no"));
        Assert.True(await page.IsCheckedAsync("#locations input[value=pain-lower-back]"));
        Assert.Equal("start-title", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // A change on the start counts: a man of 60 gets no pregnancy question, and the interview starts again at 1.
        await page.FillAsync("#age", "60");
        await page.SelectOptionAsync("#sex", "male");
        Assert.False(await page.IsVisibleAsync("#pregnancy"));
        await NextScreen(page, "#begin");
        Assert.True(await page.IsVisibleAsync("#ask"));
        Assert.Contains("Question 1 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(first));
        await AssertNoRawText(page);
    }

    [Fact]
    public async Task A_bladder_or_bowel_change_turns_the_banner_red_and_assertive()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        await StartAsync(page, "45", "male");

        // Answer "no" until the cauda equina checklist (an option about the bladder or bowels) appears; tick that option.
        var ticked = false;
        for (var i = 0; i < 30 && !ticked && !await ResultShown(page); i++)
        {
            var bladder = page.Locator("#options input[value=bladder-dysfunction]");
            if (await bladder.CountAsync() > 0)
            {
                Assert.Contains("New bladder problems", await page.InnerTextAsync("#options"), StringComparison.Ordinal);
                await bladder.CheckAsync();
                await NextScreen(page, "#submit");
                ticked = true;
            }
            else
            {
                await NextScreen(page, await page.IsVisibleAsync("#single") ? "#no" : await page.IsVisibleAsync("#none") ? "#none" : "#notsure");
            }
        }

        Assert.True(ticked, "no checklist asked about the bladder or bowels");
        if (!await ResultShown(page))
        {
            await page.ClickAsync("#finish");
        }

        await page.WaitForSelectorAsync("#result:not(.hidden)");
        Assert.Contains(await page.GetAttributeAsync("#banner", "class"), UrgentClasses[1..]);
        Assert.Equal("assertive", await page.GetAttributeAsync("#banner", "aria-live"));
        Assert.Equal("alert", await page.GetAttributeAsync("#banner", "role"));
        var color = await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('banner')).backgroundColor");
        Assert.Equal("rgb(215, 38, 61)", color);
        // Whom to see: the emergency department by its label, with the serious condition named in the reason.
        Assert.Contains("Emergency department", await page.InnerTextAsync("#whom"), StringComparison.Ordinal);
        Assert.Contains("Cauda equina", await page.InnerTextAsync("#whom"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator("#exercises .exercise").CountAsync());
        await AssertNoRawText(page);
        await Screenshot(page, "emergency-desktop");
    }

    [Fact]
    public async Task A_result_shown_before_the_warning_signs_are_asked_is_amber_and_says_incomplete()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        await StartAsync(page, "40", "male");
        await page.ClickAsync("#finish");
        await page.WaitForSelectorAsync("#result:not(.hidden)");
        Assert.Equal("incomplete", await page.GetAttributeAsync("#banner", "class"));
        Assert.True(await page.IsVisibleAsync("#incomplete-note"));
        Assert.Equal("rgb(255, 224, 138)", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('banner')).backgroundColor"));
        await AssertNoRawText(page);
        await Screenshot(page, "incomplete-desktop");
    }

    [Fact]
    public async Task A_double_click_on_next_or_no_moves_one_screen_and_never_shows_undefined()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        await StartAsync(page, "50", "male");

        // Slow answers make the second click land while the first request is in flight.
        await page.RouteAsync("**/questions/next*", async route => { await Task.Delay(300); await route.ContinueAsync(); });
        for (var screen = 1; screen <= 3; screen++)
        {
            Assert.Contains($"Question {screen} of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
            await page.EvaluateAsync("() => document.getElementById('question').textContent = ''");
            if (await page.IsVisibleAsync("#single"))
            {
                await page.DblClickAsync("#no");
            }
            else
            {
                await page.CheckAsync("#opt0");
                await page.DblClickAsync("#submit");
            }

            await page.WaitForFunctionAsync(ScreenShown);
            await page.WaitForFunctionAsync("() => !document.body.hasAttribute('aria-busy')");
            Assert.False(await page.IsVisibleAsync("#error"));
            await AssertNoRawText(page);
        }

        // Three clicks in one go (no await between them): the first one runs, the others are ignored.
        Assert.Contains("Question 4 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        await page.EvaluateAsync("() => { document.getElementById('question').textContent = ''; const b = document.getElementById(document.getElementById('single').classList.contains('hidden') ? 'notsure' : 'no'); b.click(); b.click(); b.click(); }");
        await page.WaitForFunctionAsync(ScreenShown);
        await page.WaitForFunctionAsync("() => !document.body.hasAttribute('aria-busy')");
        if (!await ResultShown(page))
        {
            Assert.Contains("Question 5 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
        }

        await page.DblClickAsync("#finish");
        await page.WaitForSelectorAsync("#result:not(.hidden)");
        await page.WaitForFunctionAsync("() => !document.body.hasAttribute('aria-busy')");
        Assert.False(await page.IsVisibleAsync("#error"));
        await AssertNoRawText(page);
    }

    [Fact]
    public async Task A_failed_request_shows_an_error_and_the_person_can_try_again()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser);
        var fail = true;
        await page.RouteAsync("**/questions/next*", async route =>
        {
            if (fail)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 500, ContentType = "application/problem+json", Body = """{"title":"Server error."}""" });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.FillAsync("#age", "40");
        await page.SelectOptionAsync("#sex", "male");
        await page.CheckAsync("#locations input[value=pain-lower-back]");
        await page.ClickAsync("#begin");
        await page.WaitForSelectorAsync("#error:not(.hidden)");
        Assert.Contains("(500)", await page.TextContentAsync("#error"), StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#start"));
        Assert.False(await page.IsDisabledAsync("#begin"));
        fail = false;
        await page.ClickAsync("#begin");
        await page.WaitForFunctionAsync(ScreenShown);
        Assert.False(await page.IsVisibleAsync("#error"));
        Assert.Contains("Question 1 of", await page.TextContentAsync("#progress-text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_390_px_nothing_scrolls_sideways()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenAsync(browser, 390, 844);
        const string Width = "() => document.scrollingElement.scrollWidth";
        Assert.True(await page.EvaluateAsync<int>(Width) <= 390);
        await Screenshot(page, "start-390");
        await StartAsync(page, "45", "male");
        Assert.True(await page.EvaluateAsync<int>(Width) <= 390);
        await Screenshot(page, "question-390");
        for (var i = 0; i < 4 && !await ResultShown(page); i++)
        {
            await NextScreen(page, await page.IsVisibleAsync("#single") ? "#no" : await page.IsVisibleAsync("#none") ? "#none" : "#notsure");
        }

        if (!await ResultShown(page))
        {
            await page.ClickAsync("#finish");
        }

        await page.WaitForSelectorAsync("#result:not(.hidden)");
        Assert.True(await page.EvaluateAsync<int>(Width) <= 390, "result page wider than 390 px");
        await AssertNoRawText(page);
        await Screenshot(page, "result-390");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_json_api()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(_baseUrl + "/openapi/v1.json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/assessments", "/questions/next", "/labels", "/conditions", "/findings", "/exercises" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " missing from the OpenAPI document");
        }

        Assert.Contains("Assesses a case", paths.GetProperty("/assessments").GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("asked", paths.GetProperty("/questions/next").GetProperty("post").GetProperty("parameters")[0].GetProperty("name").GetString());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/openapi/v1.json");
        await Screenshot(page, "openapi-desktop");
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
