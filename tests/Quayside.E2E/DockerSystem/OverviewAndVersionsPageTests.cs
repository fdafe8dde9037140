using System.Text.Json;

namespace Quayside.E2E.DockerSystem;

public sealed class OverviewAndVersionsPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
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
        await LoginAsync(Page, "/system/versions");
        var version = await DockerCommand.OkAsync("version", "--format", "{{.Server.Version}}");
        await Expect(Page.Locator("[data-testid=version-section] dd[data-key=Version]").First).ToHaveTextAsync(version);
        await Expect(Page.Locator("[data-testid=info-section] dd[data-key=DockerRootDir]")).ToHaveTextAsync(
            await DockerCommand.OkAsync("info", "--format", "{{.DockerRootDir}}"));
        await Expect(Page.Locator("[data-testid=info-cli] .command")).ToHaveTextAsync("docker info");
    }
}
