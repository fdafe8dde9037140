using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Containers;

/// <summary>The containers table in a 1280 px window: every default column fits, the choice of columns is kept, rare actions sit in a menu.</summary>
public sealed class ContainersTableFitTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output), IAsyncLifetime
{
    private const int Width = 1280;

    /// <summary>Running containers with long names, a long image name and several published ports.</summary>
    private async Task<(string Token, string[] Names)> LongContainersAsync()
    {
        var token = "qt-fit-" + Guid.NewGuid().ToString("N")[..8];
        var image = $"localhost/quayside-lab-with-a-rather-long-repository-name/{token}-busybox-image:2026.11.27-build-1234";
        await DockerCommand.OkAsync("tag", LabContainers.BusyboxImage, image);
        _images.Add(image);
        string[] names = [Track($"{token}-a-container-with-a-long-descriptive-name-for-the-web-frontend"), Track($"{token}-b")];
        foreach (var name in names)
            await DockerCommand.OkAsync("run", "-d", "--init", "--name", name, "--label", $"{LabContainers.TestLabel}=1",
                "-p", "127.0.0.1::80", "-p", "127.0.0.1::8080", "-p", "127.0.0.1::9000/udp", image, "sleep", "100000");
        return (token, names);
    }

    private readonly List<string> _images = [];

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var image in _images)
            await DockerCommand.RunAsync("rmi", image);
    }

    [Fact]
    public async Task At_1280_pixels_every_default_column_and_the_actions_fit_without_sideways_scrolling()
    {
        var (token, names) = await LongContainersAsync();
        await Page.SetViewportSizeAsync(Width, 800);
        await LoginAsync();
        await OpenContainersAsync(search: token);
        await Expect(Page.Locator("tr[data-testid=container-row]")).ToHaveCountAsync(names.Length);

        var headers = await Page.Locator("[data-testid=containers-table] thead th:visible").AllInnerTextsAsync();
        Assert.Equal(["", "Name ▲", "Image", "State", "Created", "Ports", "Actions"], headers.Select(h => h.Trim()));

        Assert.True(await Page.EvaluateAsync<bool>("() => { const g = document.querySelector('.grid-scroll'); return g.scrollWidth <= g.clientWidth; }"),
            "the table scrolls sideways inside its own area");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"),
            "the page scrolls sideways");
        var actions = await Page.Locator("[data-testid=actions-header]").BoundingBoxAsync();
        Assert.NotNull(actions);
        Assert.True(actions.X + actions.Width <= Width, $"the Actions header ends at {actions.X + actions.Width} px, past the {Width} px window");
        foreach (var name in names)
        {
            var more = await Row(name).Locator("[data-testid=row-more]").BoundingBoxAsync();
            Assert.True(more is not null && more.X + more.Width <= Width, $"the row menu button of {name} is outside the window");
            // The state and its status text each stay on one line.
            var lines = await Row(name).Locator("td.col-state").EvaluateAsync<int[]>(
                "td => [...td.children].map(e => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })");
            Assert.All(lines, n => Assert.Equal(1, n));
        }

        // The bulk toolbar stays one row.
        var tops = await Page.Locator("section.toolbar > :visible").EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().top)");
        Assert.True(tops.Max() - tops.Min() < 20, $"the toolbar wraps: its items start at {string.Join(", ", tops)} px");
    }

    [Fact]
    public async Task A_column_hidden_in_the_chooser_disappears_and_stays_hidden_after_a_reload()
    {
        var name = await RunSleeperAsync("cols");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        var imageHeader = Page.Locator("[data-testid=containers-table] thead th", new() { HasTextRegex = new Regex("^Image") });
        var idHeader = Page.Locator("[data-testid=containers-table] thead th", new() { HasTextRegex = new Regex("^ID") });
        await Expect(imageHeader).ToHaveCountAsync(1);
        await Expect(idHeader).ToHaveCountAsync(0);

        var chooserButton = Page.Locator("[data-testid=columns-button]");
        await Expect(chooserButton).ToHaveAccessibleNameAsync("Columns");
        await chooserButton.ClickAsync();
        var chooser = Page.Locator("[data-testid=column-chooser]");
        await Expect(chooser).ToBeVisibleAsync();
        await chooser.GetByRole(AriaRole.Checkbox, new() { Name = "Image" }).UncheckAsync();
        await chooser.GetByRole(AriaRole.Checkbox, new() { Name = "ID" }).CheckAsync();
        await Expect(imageHeader).ToHaveCountAsync(0);
        await Expect(idHeader).ToHaveCountAsync(1);
        await Expect(Row(name)).Not.ToContainTextAsync(LabContainers.BusyboxImage);

        await Page.ReloadAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(name);
        await Expect(Row(name)).ToBeVisibleAsync();
        await Expect(imageHeader).ToHaveCountAsync(0);
        await Expect(idHeader).ToHaveCountAsync(1);
        await chooserButton.ClickAsync();
        await Expect(chooser.GetByRole(AriaRole.Checkbox, new() { Name = "Image" })).Not.ToBeCheckedAsync();
        await Expect(chooser.GetByRole(AriaRole.Checkbox, new() { Name = "ID" })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task The_row_menu_opens_inside_the_window_and_pauses_then_the_row_offers_unpause()
    {
        await Page.SetViewportSizeAsync(Width, 800);
        var name = await RunSleeperAsync("menu");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        var row = Row(name);
        await Expect(row).ToHaveAttributeAsync("data-state", "running");
        // Only the primary actions show in the row; the rest wait in the menu.
        await Expect(row.Locator("[data-testid=row-stop]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=row-logs]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=row-remove]")).Not.ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=row-more]")).ToHaveAccessibleNameAsync($"More actions for {name}");

        var menu = await OpenRowMenuAsync(row);
        var box = await menu.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= Width && box.Y + box.Height <= 800, $"the menu is outside the window: {box?.X},{box?.Y} {box?.Width}x{box?.Height}");
        await menu.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(menu).Not.ToBeVisibleAsync();

        await Expect(row).ToHaveAttributeAsync("data-state", "paused", new() { Timeout = StateChange });
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker pause {name}");
        Assert.Equal("paused", await StatusOfAsync(name));

        await row.Locator("[data-testid=row-unpause]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-state", "running", new() { Timeout = StateChange });
        Assert.Equal("running", await StatusOfAsync(name));
    }

    [Fact]
    public async Task Rare_bulk_actions_wait_in_the_toolbar_menu_and_kill_from_there_asks_first()
    {
        var name = await RunSleeperAsync("bulk-kill");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        await Row(name).GetByRole(AriaRole.Checkbox, new() { Name = $"Select {name}" }).CheckAsync();
        await Expect(Page.Locator("section.toolbar")).ToContainTextAsync("1 selected");

        await Page.Locator("[data-testid=bulk-more]").ClickAsync();
        await Page.Locator("[data-testid=kill-signal]").SelectOptionAsync("SIGTERM");
        await Page.Locator("[data-testid=bulk-kill]").ClickAsync();
        var dialog = Page.Locator("[data-testid=confirm-dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=confirm-cli] .command")).ToHaveTextAsync($"docker kill -s SIGTERM {name}");
        await dialog.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Row(name)).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = StateChange });
        Assert.Equal("exited", await StatusOfAsync(name));
    }
}
