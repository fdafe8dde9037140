using System.Net;
using System.Net.WebSockets;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Security;

/// <summary>The attacks of issue "Security" against the running app in Chromium and over its real socket.</summary>
public sealed class LiveSecurityTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task A_revoked_session_sends_its_open_page_to_the_login_form()
    {
        var container = await RunSleeperAsync("revoked-page");
        var victim = await NewPageAsync(await NewContextAsync());
        await LoginAsync(victim, "/containers");
        await WaitForInteractiveAsync(victim, "[data-testid=search]");

        await LoginAsync(Page, "/account/sessions");
        var other = Page.Locator("tr[data-testid=session-row][data-current=false]");
        await Expect(other.First).ToBeVisibleAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=revoke-session]");
        var before = await other.CountAsync();
        await other.First.Locator("[data-testid=revoke-session]").ClickAsync();
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Page.Locator("[data-testid=sessions-message]")).ToContainTextAsync("revoked");
        await Expect(other).ToHaveCountAsync(before - 1);

        // Within a minute of the revocation (in practice at once) the open page is at the login form and stays out.
        await victim.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login", new() { Timeout = 60_000 });
        await Expect(victim.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await victim.GotoAsync($"/containers/{container}");
        await Expect(victim).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Expect(victim.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=user-name]")).ToHaveTextAsync(QuaysideApp.UserName);
    }

    [Fact]
    public async Task Pages_run_under_the_content_security_policy_without_a_single_violation()
    {
        await Context.AddInitScriptAsync(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        var container = await RunSleeperAsync("csp");
        await LoginAsync(Page, "/containers");
        foreach (var path in new[] { "/containers", $"/containers/{container}", $"/containers/{container}/logs", $"/containers/{container}/console", "/images", "/volumes", "/networks", "/events", "/pulls", "/account/sessions" })
        {
            var response = await Page.GotoAsync(path);
            Assert.Contains("frame-ancestors 'none'", (await response!.AllHeadersAsync())["content-security-policy"]);
            // Interactive: Blazor attached its handlers somewhere on the page, so its scripts and modules have run.
            await Page.WaitForFunctionAsync("() => [...document.querySelectorAll('*')].some(e => Object.keys(e).some(k => k.startsWith('_blazorEvents_')))",
                null, new() { Timeout = (float)FirstLoad.TotalMilliseconds, PollingInterval = 100 });
            Assert.Empty(await Page.EvaluateAsync<string[]>("() => window.__csp"));
        }
    }

    [Fact]
    public async Task A_cross_site_websocket_to_a_shell_is_refused_by_the_running_app()
    {
        var container = await RunSleeperAsync("cswsh-live");
        var cookie = await SessionCookieAsync();
        var target = new Uri(App.BaseUrl.Replace("http://", "ws://") + $"/ws/exec/{container}?cmd=sh");

        var otherPort = new UriBuilder(App.BaseUrl) { Port = new Uri(App.BaseUrl).Port % 65535 + 1 }.Uri.GetLeftPart(UriPartial.Authority);
        foreach (var origin in new[] { null, "http://evil.example", otherPort, App.BaseUrl.Replace("http://", "https://") })
        {
            using var ws = Socket(cookie, origin);
            var refused = await Assert.ThrowsAnyAsync<WebSocketException>(() => ws.ConnectAsync(target, CancellationToken.None));
            Assert.Contains("403", refused.Message);
        }

        using var own = Socket(cookie, App.BaseUrl);
        await own.ConnectAsync(target, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task A_rebound_host_name_gets_no_page_from_the_running_app()
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, App.BaseUrl + "/login");
        request.Headers.Host = "rebind.attacker.example";
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("QUAYSIDE_ALLOWED_HOSTS", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(App.BaseUrl + "/login")).StatusCode);
    }

    private static ClientWebSocket Socket(string cookie, string? origin)
    {
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Cookie", cookie);
        if (origin is not null)
            ws.Options.SetRequestHeader("Origin", origin);
        return ws;
    }

    private async Task<string> SessionCookieAsync()
    {
        await LoginAsync(Page, "/containers");
        var cookies = await Context.CookiesAsync();
        return string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
    }
}
