using Quayside.TestSupport;
using Xunit.Abstractions;

namespace Quayside.E2E.Inspect;

public sealed class ScreenshotTmp(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task Shots()
    {
        var name = await RunSleeperAsync("shot", "-e", "DB_PASSWORD=x", "-e", "A=b", "--label", "x=<b>y</b>", "-p", "0:80",
            "--health-cmd", "echo nope; exit 1", "--health-interval", "1s", "--health-retries", "1", "--memory", "64m", "-v", "/tmp:/host-tmp:ro");
        await LoginAsync(Page, $"/containers/{name}");
        await Task.Delay(4000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-inspect.png", FullPage = true });
        await Page.GotoAsync($"/containers/{name}/stats");
        await Task.Delay(8000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-stats.png", FullPage = true });
        await Page.GotoAsync($"/containers/{name}/json");
        await Task.Delay(2000);
        await Page.Locator("[data-testid=json-search]").FillAsync("memory");
        await Task.Delay(1000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-json.png" });
        await Page.GotoAsync($"/containers/{name}/top");
        await Task.Delay(2000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-top.png" });
        var id = (await DockerCommand.OkAsync("image", "inspect", "--format", "{{.Id}}", "quayside-lab/busybox-arm64:latest")).Trim();
        await Page.GotoAsync($"/images/{id}");
        await Task.Delay(2000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-image.png", FullPage = true });
        await Page.GotoAsync($"/images/{id}/history");
        await Task.Delay(2000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-history.png", FullPage = true });
        await OpenContainersAsync();
        await Page.Locator("[data-testid=show-stats]").CheckAsync();
        await Task.Delay(4000);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3-list.png" });
    }
}
