using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Containers;

/// <summary>The four lists on a 390 px phone: key columns only, the rest behind a row expander, nothing scrolls sideways.</summary>
public sealed class PhoneListsTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output), IAsyncLifetime
{
    private readonly List<string> _volumes = [], _networks = [];

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_volumes.Count > 0)
            await DockerCommand.RunAsync(["volume", "rm", "-f", .. _volumes]);
        foreach (var network in _networks)
            await DockerCommand.RunAsync("network", "rm", network);
    }

    private async Task OpenOnPhoneAsync(string path, string search)
    {
        await Page.SetViewportSizeAsync(390, 844);
        await LoginAsync(Page, path);
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(search);
    }

    /// <summary>The list fits its area; checked while rows change.</summary>
    private async Task AssertTableFitsAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.querySelector('.grid-scroll').scrollWidth, document.querySelector('.grid-scroll').clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the table is {widths[0]} px wide in its {widths[1]} px area");
    }

    /// <summary>Neither the list nor the page scrolls sideways (the page's own check comes last, as it also covers the top bar).</summary>
    private async Task AssertNoSidewaysScrollAsync()
    {
        await AssertTableFitsAsync();
        var width = await Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        if (width > 390)
        {
            var outside = await Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${e.className}`)");
            Assert.Fail($"the page is {width} px wide in a 390 px window; sticking out: {string.Join(", ", outside)}");
        }
    }

    /// <summary>Opens the row's expander and returns the facts it shows.</summary>
    private static async Task<ILocator> ExpandAsync(ILocator row, string name)
    {
        var expander = row.GetByRole(AriaRole.Button, new() { Name = $"Details of {name}" });
        await Expect(expander).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(row.Locator("[data-testid=row-facts]")).ToHaveCountAsync(0);
        await expander.ClickAsync();
        await Expect(expander).ToHaveAttributeAsync("aria-expanded", "true");
        var facts = row.Locator("[data-testid=row-facts]");
        await Expect(facts).ToBeVisibleAsync();
        return facts;
    }

    [Fact]
    public async Task On_a_phone_a_container_row_shows_name_state_and_start_stop_and_the_expander_shows_image_and_ports()
    {
        var name = await RunSleeperAsync("phone-a-container-with-a-long-name-for-a-small-screen", "-p", "127.0.0.1::8080");
        await OpenOnPhoneAsync("/containers", name);
        var row = Row(name);
        await Expect(row).ToHaveAttributeAsync("data-state", "running");
        await Expect(row.Locator("[data-testid=container-link]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=state]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=row-stop]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=row-more]")).ToBeVisibleAsync();
        await Expect(row.GetByText(LabContainers.BusyboxImage)).Not.ToBeVisibleAsync();
        await AssertTableFitsAsync();

        var facts = await ExpandAsync(row, name);
        await Expect(facts).ToContainTextAsync(LabContainers.BusyboxImage);
        await Expect(facts).ToContainTextAsync("->8080/tcp");
        await Expect(facts).ToContainTextAsync("sleep 100000");
        await AssertTableFitsAsync();

        // The menu holds the rest, logs included, inside the window.
        var menu = await OpenRowMenuAsync(row);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Logs" })).ToBeVisibleAsync();
        var box = await menu.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"the menu is outside the window: x {box?.X}, width {box?.Width}");
        await AssertNoSidewaysScrollAsync();
    }

    [Fact]
    public async Task On_a_phone_the_images_list_fits_and_the_expander_shows_id_size_and_platform()
    {
        await OpenOnPhoneAsync("/images", "quayside-lab/busybox:latest");
        var row = Page.Locator("tr[data-testid=image-row]").First;
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByText("Create container")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=image-link]")).Not.ToBeVisibleAsync();
        await AssertTableFitsAsync();

        var facts = await ExpandAsync(row, "quayside-lab/busybox:latest");
        await Expect(facts.GetByRole(AriaRole.Link)).ToHaveCountAsync(2); // the image page and Push
        await Expect(facts).ToContainTextAsync("linux/amd64");
        await Expect(facts).ToContainTextAsync("Size");
        await AssertNoSidewaysScrollAsync();
    }

    [Fact]
    public async Task On_a_phone_the_volumes_list_fits_and_the_expander_shows_driver_and_mount_point()
    {
        var volume = "qt-phone-volume-with-a-rather-long-name-" + Guid.NewGuid().ToString("N");
        _volumes.Add(volume);
        await DockerCommand.OkAsync("volume", "create", "--label", $"{LabContainers.TestLabel}=1", volume);
        await OpenOnPhoneAsync("/volumes", volume);
        var row = Page.Locator($"tr[data-testid=volume-row][data-name=\"{volume}\"]");
        await Expect(row.Locator("[data-testid=row-remove]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=volume-refcount]")).Not.ToBeVisibleAsync();
        await AssertTableFitsAsync();

        var facts = await ExpandAsync(row, volume);
        await Expect(facts).ToContainTextAsync("local");
        await Expect(facts).ToContainTextAsync($"/volumes/{volume}/_data");
        await AssertNoSidewaysScrollAsync();
    }

    [Fact]
    public async Task On_a_phone_the_networks_list_fits_and_the_expander_shows_driver_and_subnet()
    {
        var network = LabContainers.UniqueName("phone-network-with-a-long-name");
        _networks.Add(network);
        await DockerCommand.OkAsync("network", "create", "--label", $"{LabContainers.TestLabel}=1", "--subnet", "172.31.250.0/24", network);
        await OpenOnPhoneAsync("/networks", network);
        var row = Page.Locator($"tr[data-testid=network-row][data-name=\"{network}\"]");
        await Expect(row.Locator("[data-testid=row-remove]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=network-containers]")).Not.ToBeVisibleAsync();
        await AssertTableFitsAsync();

        var facts = await ExpandAsync(row, network);
        await Expect(facts).ToContainTextAsync("bridge");
        await Expect(facts).ToContainTextAsync("172.31.250.0/24");
        await AssertNoSidewaysScrollAsync();
    }

    [Fact]
    public async Task Two_hundred_containers_with_a_row_expanded_still_render_only_a_window_of_rows()
    {
        const int count = 200;
        var token = "qt-many-" + Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, count).Select(i => Track($"{token}-{i:D3}")).ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (name, _) => await LabContainers.CreateAsync(name));

        await OpenOnPhoneAsync("/containers", token);
        await Expect(Page.Locator("[data-testid=container-count]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{count} of "));
        var rows = Page.Locator("tr[data-testid=container-row]");
        await Expect(Row(names[0])).ToBeVisibleAsync();
        var rendered = await rows.CountAsync();
        Assert.InRange(rendered, 1, count / 2);

        await ExpandAsync(Row(names[0]), names[0]);
        await ExpandAsync(Row(names[1]), names[1]);
        Assert.InRange(await rows.CountAsync(), 1, count / 2);
        await AssertTableFitsAsync();

        // Scrolling to the end brings the last rows in, still as a window.
        for (var i = 0; i < 20 && await Row(names[^1]).CountAsync() == 0; i++)
        {
            await Page.EvaluateAsync("() => { const g = document.querySelector('.grid-scroll'); g.scrollTop = g.scrollHeight; }");
            await Page.WaitForTimeoutAsync(200);
        }
        await Expect(Row(names[^1])).ToBeVisibleAsync();
        Assert.InRange(await rows.CountAsync(), 1, count / 2);
        await Expect(Row(names[0])).ToHaveCountAsync(0);
        await AssertNoSidewaysScrollAsync();
    }
}
