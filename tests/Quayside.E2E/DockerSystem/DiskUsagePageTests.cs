using System.Text.RegularExpressions;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.DockerSystem;

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

            await LoginAsync(Page, "/system/disk-usage");
            await Expect(Page.Locator("[data-testid=df-row]")).ToHaveCountAsync(4, new() { Timeout = (float)FirstLoad.TotalMilliseconds });
            await Expect(Page.Locator("[data-testid=df-chart] rect.used")).Not.ToHaveCountAsync(0);
            await Expect(Page.Locator($"[data-testid=df-volume][data-name=\"{volume}\"]")).ToHaveCountAsync(1);
            await WaitForInteractiveAsync(Page, "[data-testid=prune-label]");

            // Other helpers build images on the shared engine: refresh and compare with docker system df until they agree.
            string shown = "", actual = "";
            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                await Page.Locator("[data-testid=refresh]").ClickAsync();
                await Expect(Page.Locator("[data-testid=refresh]")).ToHaveTextAsync("Refresh");
                shown = await Page.Locator("[data-testid=df-row][data-kind=Images] [data-testid=df-total]").InnerTextAsync();
                // The engine runs one disk-usage computation at a time and refuses a second: that is "not yet".
                actual = (await DockerCommand.RunAsync("system", "df", "--format", "{{if eq .Type \"Images\"}}{{.TotalCount}}{{end}}")).Stdout.Trim();
                return shown == actual;
            }, TimeSpan.FromSeconds(30)), $"the page counts {shown} images, docker system df {actual}");

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
