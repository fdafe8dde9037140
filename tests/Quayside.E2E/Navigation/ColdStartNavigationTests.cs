using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Navigation;

/// <summary>
/// A freshly started dashboard (its own process, nothing compiled or cached yet): the first visitor logs in and clicks a
/// section in the top bar while the page is still only prerendered HTML and the Blazor circuit is starting.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ColdStartNavigationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly QuaysideApp _cold = new();

    public Task InitializeAsync() => _cold.InitializeAsync();

    [Theory]
    [InlineData("/pulls", "Pull/Search")]
    [InlineData("/volumes", "Volumes")]
    public async Task A_click_in_the_top_bar_while_the_circuit_starts_ends_on_the_page_its_url_names(string path, string heading)
    {
        var context = await _cold.Browser.NewContextAsync(new() { BaseURL = _cold.BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => output.WriteLine($"browser [{m.Type}] {m.Text}");
        page.RequestFailed += (_, r) => output.WriteLine($"browser: request failed {r.Failure} {r.Method} {r.Url}");

        await page.GotoAsync("/login?returnUrl=%2F");
        await page.Locator("#userName").FillAsync(QuaysideApp.UserName);
        await page.Locator("#password").FillAsync(_cold.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit });
        // As soon as Blazor's script runs, and before the circuit has made the page interactive.
        await page.WaitForFunctionAsync("() => typeof window.Blazor !== 'undefined'", null, new() { PollingInterval = 10 });
        var wasInteractive = await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('*')].some(e => Object.keys(e).some(k => k.startsWith('_blazorEvents_')))");
        output.WriteLine($"interactive when clicked: {wasInteractive}");
        await page.Locator($"nav a[href='{path}']").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading, new() { Timeout = 15_000 });
        // Still there once the circuit has started and taken over the page.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('*')].some(e => Object.keys(e).some(k => k.startsWith('_blazorEvents_')))",
            null, new() { Timeout = 30_000, PollingInterval = 100 });
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await context.CloseAsync();
    }

    public Task DisposeAsync() => _cold.DisposeAsync();
}
