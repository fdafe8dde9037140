using Microsoft.Playwright;

namespace Quayside.E2E.Stacks;

/// <summary>What the stacks tests do on the pages: open a stack (logged in, interactive), switch its tabs, find rows.</summary>
public abstract class StackBrowserTest(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    /// <summary>A compose up, apply or down: pulls nothing (the lab image is local) but waits for health and settle times.</summary>
    protected const float ComposeRun = 120_000;

    protected async Task OpenStackAsync(string name, string tab = "services")
    {
        await LoginAsync(Page, "/stacks");
        await Page.GotoAsync($"/stacks/{Uri.EscapeDataString(name)}");
        await WaitForInteractiveAsync(Page, "[data-testid=tab-services]");
        if (tab != "services")
            await ShowTabAsync(tab);
    }

    protected async Task ShowTabAsync(string tab)
    {
        await Page.Locator($"[data-testid=tab-{tab}]").ClickAsync();
        await Expect(Page.Locator($"[data-testid=tab-{tab}]")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    protected ILocator ServiceRow(string service) => Page.Locator($"tr[data-testid=service-row][data-name=\"{service}\"]");

    protected ILocator StackRow(string name) => Page.Locator($"tr[data-testid=stack-row][data-name=\"{name}\"]");

    /// <summary>The Files tab's editor of one file.</summary>
    protected ILocator FileText(string path) => Page.Locator($"[data-testid=file-editor][data-path=\"{path}\"] textarea");
}
