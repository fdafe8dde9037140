using Microsoft.Playwright;
using Quayside.E2E.Accessibility;

namespace Quayside.E2E.Stacks;

public sealed partial class InPlaceStackTests
{
    /// <summary>The stacks pages (each tab of a stack, and a review with its diffs) pass axe as <see cref="AccessibilityTests"/> checks every other page.</summary>
    [Theory]
    [InlineData(PageAudit.Layout.Light)]
    [InlineData(PageAudit.Layout.Dark)]
    [InlineData(PageAudit.Layout.Phone)]
    public async Task The_stacks_pages_pass_axe_and_fit_the_window(PageAudit.Layout layout)
    {
        await using var context = await PageAudit.NewContextAsync(App.Browser, layout, App.BaseUrl);
        context.SetDefaultTimeout(15_000);
        var page = await NewPageAsync(context);
        await LoginAsync(page, "/stacks");
        var problems = new List<string>();

        async Task AuditAsync(string where, string ready)
        {
            await WaitForInteractiveAsync(page, ready);
            problems.AddRange(await PageAudit.ProblemsAsync(page, layout, where));
        }

        await Expect(page.Locator($"tr[data-testid=stack-row][data-name=\"{stack.Name}\"]")).ToHaveCountAsync(1, new() { Timeout = StateChange });
        await AuditAsync("/stacks", "[data-testid=search]");
        await page.GotoAsync("/stacks/new");
        await AuditAsync("/stacks/new", "[data-testid=new-name]");
        foreach (var tab in new[] { "services", "logs", "history", "files" })
        {
            await page.GotoAsync($"/stacks/{stack.Name}?tab={tab}");
            await AuditAsync($"/stacks/{stack.Name}?tab={tab}", tab == "files" ? "[data-testid=review]" : $"[data-testid=tab-{tab}]");
        }

        // Still on the Files tab: a review shows the diffs of the file and of the effective configuration.
        var text = page.Locator($"[data-testid=file-editor][data-path=\"{stack.File}\"] textarea");
        await text.FillAsync(await text.InputValueAsync() + "# reviewed by the audit\n");
        await page.Locator("[data-testid=review]").ClickAsync();
        await Expect(page.Locator("[data-testid=apply]")).ToBeVisibleAsync(new() { Timeout = ComposeRun });
        problems.AddRange(await PageAudit.ProblemsAsync(page, layout, "review of the files"));

        Assert.True(problems.Count == 0, $"{problems.Count} problems in the {layout} layout:\n" + string.Join("\n", problems));
    }
}
