using Microsoft.Playwright;
using Quayside.E2E.Accessibility;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Quayside.E2E.Accessibility.PageAudit;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Containers.Update;

/// <summary>
/// The Update tab in the states a static page audit does not reach (fields in error, an engine refusal, the header's
/// wait panel waiting and then showing the exit code): axe finds nothing in light, dark or on a phone, and nothing
/// scrolls sideways on the phone.
/// </summary>
public sealed class UpdateAccessibilityTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Theory]
    [InlineData(Layout.Light)]
    [InlineData(Layout.Dark)]
    [InlineData(Layout.Phone)]
    public async Task The_update_form_and_the_wait_panel_pass_axe_in_every_state(Layout layout)
    {
        var name = await RunSleeperAsync("a11y-upd", "--memory", "64m", "--memory-swap", "128m");
        var context = await PageAudit.NewContextAsync(App.Browser, layout, App.BaseUrl);
        context.SetDefaultTimeout(15_000);
        var page = await NewPageAsync(context);
        await LoginAsync(page, $"/containers/{name}/update");
        await WaitForInteractiveAsync(page, "[data-testid=update-memory]");
        var problems = new List<string>();
        async Task Audit(string state) => problems.AddRange(await PageAudit.ProblemsAsync(page, layout, state));

        await Audit("as loaded");
        await page.Locator("[data-testid=update-restart]").SelectOptionAsync("on-failure");
        await page.Locator("[data-testid=update-max-retries]").FillAsync("x");
        await page.Locator("[data-testid=update-memory]").FillAsync("256m");
        await page.Locator("[data-testid=update-cpuset-cpus]").FillAsync("0-63");
        await Expect(page.Locator("[data-testid=error-memory-swap]")).ToBeVisibleAsync();
        await Audit("fields in error");

        await page.Locator("[data-testid=update-restart]").SelectOptionAsync("always");
        await Expect(page.Locator("[data-testid=update-max-retries]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=update-memory]").FillAsync("64m");
        await page.Locator("[data-testid=update-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=update-outcome]")).ToHaveAttributeAsync("data-ok", "false");
        await Audit("engine refusal");

        await page.Locator("[data-testid=wait-for-exit]").ClickAsync();
        await Expect(page.Locator("[data-testid=wait-status]")).ToContainTextAsync("Waiting for");
        await Audit("waiting");
        await DockerCommand.OkAsync("kill", name);
        await Expect(page.Locator("[data-testid=wait-status]")).ToContainTextAsync("Exited with code 137");
        await Audit("exited");
        await context.CloseAsync();

        Assert.True(problems.Count == 0, $"{problems.Count} problems in the {layout} layout:\n" + string.Join("\n", problems));
    }
}
