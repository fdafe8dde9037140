using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.HostResources;

public sealed class OverviewAndEventsPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    public async Task The_home_page_is_the_engine_overview_and_its_counts_match_docker_info()
    {
        await RunSleeperAsync("ovr");
        await LoginAsync(Page, "/");
        await Expect(Page.Locator("[data-testid=engine-version]")).Not.ToBeEmptyAsync(new() { Timeout = (float)FirstLoad.TotalMilliseconds });
        await Expect(Page.Locator("a.brand")).ToHaveAttributeAsync("href", "/");

        var info = JsonDocument.Parse(await DockerCommand.OkAsync("info", "--format", "{{json .}}")).RootElement;
        await Expect(Page.Locator("[data-testid=engine-version]")).ToHaveTextAsync(info.GetProperty("ServerVersion").GetString()!);
        await Expect(Page.Locator("[data-testid=api-version]")).ToHaveTextAsync("1.41");

        // Other helpers' containers come and go on the shared engine: compare with docker info read at the same moment, until they agree.
        string shown = "", actual = "";
        var agreed = await EngineWait.UntilAsync(async () =>
        {
            shown = string.Join(" ", await Task.WhenAll(
                new[] { "count-containers", "count-running", "count-paused", "count-stopped", "count-images-all" }
                    .Select(id => Page.Locator($"[data-testid={id}]").InnerTextAsync())));
            var now = JsonDocument.Parse(await DockerCommand.OkAsync("info", "--format", "{{json .}}")).RootElement;
            actual = string.Join(" ", new[] { "Containers", "ContainersRunning", "ContainersPaused", "ContainersStopped", "Images" }
                .Select(p => now.GetProperty(p).GetInt32().ToString()));
            return shown == actual;
        }, TimeSpan.FromSeconds(20));
        Assert.True(agreed, $"the overview shows {shown} (containers running paused stopped images), docker info says {actual}");

        var volumes = (await DockerCommand.OkAsync("volume", "ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var networks = (await DockerCommand.OkAsync("network", "ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var volumesShown = 0;
        var networksShown = 0;
        Assert.True(await EngineWait.UntilAsync(async () =>
        {
            volumesShown = int.Parse(await Page.Locator("[data-testid=count-volumes]").InnerTextAsync());
            networksShown = int.Parse(await Page.Locator("[data-testid=count-networks]").InnerTextAsync());
            volumes = (await DockerCommand.OkAsync("volume", "ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            networks = (await DockerCommand.OkAsync("network", "ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return volumesShown == volumes && networksShown == networks;
        }, TimeSpan.FromSeconds(20)), $"volumes {volumesShown} vs {volumes}, networks {networksShown} vs {networks}");
    }

    [Fact]
    public async Task The_versions_page_shows_docker_version_and_docker_info_in_full()
    {
        await LoginAsync(Page, "/versions");
        var version = await DockerCommand.OkAsync("version", "--format", "{{.Server.Version}}");
        await Expect(Page.Locator("[data-testid=version-section] dd[data-key=Version]").First).ToHaveTextAsync(version);
        await Expect(Page.Locator("[data-testid=info-section] dd[data-key=DockerRootDir]")).ToHaveTextAsync(
            await DockerCommand.OkAsync("info", "--format", "{{.DockerRootDir}}"));
        await Expect(Page.Locator("[data-testid=info-cli] .command")).ToHaveTextAsync("docker info");
    }

    [Fact]
    public async Task An_event_done_from_the_cli_appears_on_the_events_page_within_a_second()
    {
        await LoginAsync(Page, "/events");
        await WaitForInteractiveAsync(Page, "[data-testid=pause]");
        var name = LabContainers.UniqueName("evvol");
        try
        {
            var row = Page.Locator($"tr[data-testid=event-row][data-type=volume][data-action=create][data-actor=\"{name}\"]");
            // The browser notes the moment the row appears, so the figure does not include Playwright's polling.
            await Page.EvaluateAsync(@"name => { window.__seen = null; new MutationObserver((_, o) => {
                if (document.querySelector(`tr[data-testid=event-row][data-actor=""${name}""]`)) { window.__seen = performance.now(); o.disconnect(); } })
                .observe(document.body, { childList: true, subtree: true }); }", name);
            var before = await Page.EvaluateAsync<double>("() => performance.now()");
            var watch = Stopwatch.StartNew();
            await LabResources.CreateVolumeAsync(name);
            var cliDone = watch.Elapsed;
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = 10_000 });
            var seen = await Page.EvaluateAsync<double>("() => window.__seen");
            var delay = TimeSpan.FromMilliseconds(seen - before) - cliDone;
            _output.WriteLine($"event on the page {delay.TotalMilliseconds:0} ms after the CLI returned (CLI took {cliDone.TotalMilliseconds:0} ms)");
            Assert.True(delay < TimeSpan.FromSeconds(1), $"the event showed {delay.TotalMilliseconds:0} ms after the CLI returned");
            await Expect(row.Locator("[data-testid=actor-link]")).ToHaveAttributeAsync("href", $"/volumes/{name}");

            // Pause holds new events back; resume shows them.
            await Page.Locator("[data-testid=pause]").ClickAsync();
            await LabResources.RemoveVolumesAsync(name);
            // Other helpers' events arrive too: the count is at least one. Wait past the 1 s delivery time, then check it is held back.
            await Expect(Page.Locator("[data-testid=mode]")).ToHaveTextAsync(new Regex(@"paused: [1-9]\d* new waiting"), new() { Timeout = 10_000 });
            await Task.Delay(1_500);
            var destroyRow = Page.Locator($"tr[data-testid=event-row][data-action=destroy][data-actor=\"{name}\"]");
            await Expect(destroyRow).ToHaveCountAsync(0);
            await Page.Locator("[data-testid=resume]").ClickAsync();
            await Expect(destroyRow).ToHaveCountAsync(1);

            // Filters narrow the table and the docker events line.
            await Page.Locator("label.chip", new() { Has = Page.Locator("input[data-testid=type-volume]") }).ClickAsync();
            await Page.Locator("[data-testid=filter-action]").FillAsync("destroy");
            await Expect(Page.Locator("[data-testid=events-cli] .command")).ToHaveTextAsync("docker events --filter type=volume --filter event=destroy");
            await Expect(row).ToHaveCountAsync(0);
            await Expect(destroyRow).ToHaveCountAsync(1);
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(name);
        }
    }
}
