using Quayside.TestSupport;
using Xunit.Abstractions;
namespace Quayside.E2E.Logs;
public sealed class ZzShotTests(QuaysideApp app, ITestOutputHelper log) : BrowserTest(app, log)
{
    [Fact]
    public async Task Shot()
    {
        var name = NewName("lv-shot");
        await LogContainers.RunAsync(name, "for i in $(seq 1 100000); do echo line-$i some text here; done; printf '\\033[32mgreen\\033[0m \\033[1;31mbold red\\033[0m\\n'; echo oops >&2; exec sleep 100000", "oops");
        await LoginAsync(Page, $"/containers/{name}/logs");
        await WaitForInteractiveAsync(Page, "[data-testid=logs-tail]");
        await Page.Locator("[data-testid=logs-tail]").FillAsync("all");
        await Page.Locator("[data-testid=logs-apply]").ClickAsync();
        await Page.WaitForTimeoutAsync(3000);
        await Page.Locator("[data-testid=logs-search]").FillAsync("line-5");
        await Page.WaitForTimeoutAsync(1500);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3logs-shot1.png" });
        await Page.Locator("[data-testid=logs-next]").ClickAsync();
        await Page.WaitForTimeoutAsync(500);
        await Page.ScreenshotAsync(new() { Path = "/tmp/i3logs-shot2.png" });
        Console.WriteLine(await Page.Locator("[data-testid=logs-status]").InnerTextAsync() + " | " + await Page.Locator("[data-testid=logs-match-count]").InnerTextAsync() + " search ms " + await Page.Locator("[data-testid=logs-viewer]").GetAttributeAsync("data-search-ms"));
    }
}
