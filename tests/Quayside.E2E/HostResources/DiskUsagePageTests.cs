using System.Text.RegularExpressions;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.HostResources;

public sealed class DiskUsagePageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task Disk_usage_shows_the_df_rows_and_chart_and_a_label_scoped_system_prune_removes_what_it_listed()
    {
        var label = LabResources.UniqueLabel();
        var volume = LabContainers.UniqueName("dfvol");
        var stopped = NewName("dfstop");
        try
        {
            await LabResources.CreateVolumeAsync(volume, "--label", label);
            await LabContainers.CreateAsync(stopped, "--label", label, "-v", $"{volume}:/d");

            await LoginAsync(Page, "/disk-usage");
            await Expect(Page.Locator("[data-testid=df-row]")).ToHaveCountAsync(4, new() { Timeout = (float)FirstLoad.TotalMilliseconds });
            await Expect(Page.Locator("[data-testid=df-chart] rect.used")).Not.ToHaveCountAsync(0);
            var images = await DockerCommand.OkAsync("system", "df", "--format", "{{if eq .Type \"Images\"}}{{.TotalCount}}{{end}}");
            await Expect(Page.Locator("[data-testid=df-row][data-kind=Images] [data-testid=df-total]")).ToHaveTextAsync(images.Trim());
            await Expect(Page.Locator($"[data-testid=df-volume][data-name=\"{volume}\"]")).ToHaveCountAsync(1);

            await WaitForInteractiveAsync(Page, "[data-testid=prune-label]");
            await Page.Locator("[data-testid=prune-label]").FillAsync(label);
            await Page.Locator("[data-testid=system-volumes]").CheckAsync();
            await Page.Locator("[data-testid=prune-system]").ClickAsync();
            var items = Page.Locator("[data-testid=confirm-items] li");
            await Expect(items).ToHaveTextAsync([$"container {stopped}", $"volume {volume}"]);
            await Expect(Page.Locator("[data-testid=confirm-cli] .command")).ToHaveTextAsync($"docker system prune --volumes -f --filter label={label}");
            await Page.Locator("[data-testid=confirm-button]").ClickAsync();

            await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 60_000 });
            await Expect(Page.Locator("[data-testid=outcome]")).ToContainTextAsync(new Regex($"Removed 1 volume: {Regex.Escape(volume)}; reclaimed"));
            Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", volume)).ExitCode);
            Assert.False(await ExistsAsync(stopped));
        }
        finally
        {
            await LabContainers.RemoveAsync(stopped);
            await LabResources.RemoveVolumesAsync(volume);
        }
    }
}
