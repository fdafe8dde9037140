using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Security;

/// <summary>
/// Issue 13, item 8: a container that printed one 200 MB line without a newline raised the dashboard's memory by
/// 434 MB and its viewer showed nothing for a minute. The viewer shows the line's first 64 KiB, a marker "… N more bytes"
/// apart from the text, and the lines after it.
/// </summary>
public sealed class LongLogLineViewerTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 120_000 };

    private ILocator Rows => Page.Locator("[data-testid=logs-row]");

    [Fact]
    public async Task A_200_MB_line_shows_as_its_first_64_KiB_with_a_more_bytes_marker_and_the_next_line_shows_after_it()
    {
        var name = NewName("lv-longline");
        await LogContainers.RunLongLineAsync(name);
        await LoginAsync(Page, $"/containers/{name}/logs");
        await WaitForInteractiveAsync(Page, "[data-testid=logs-tail]");

        // The default tail (500 of the engine's 16 KiB pieces) starts inside the line: still cut, with a count.
        var marked = Rows.Filter(new() { Has = Page.Locator("[data-testid=logs-more]") });
        await Expect(marked).ToHaveCountAsync(1, Slow);
        await Expect(marked.Locator("[data-testid=logs-more]")).ToHaveTextAsync(new Regex(@"^… \d{1,3}(,\d{3})* more bytes$"));
        await Expect(Rows.Filter(new() { HasTextRegex = new Regex("^after$") })).ToHaveCountAsync(1);
        // The line is 64 KiB wide: its marker is seen at the right edge of the view without scrolling to the line's end.
        var view = await Page.Locator("[data-testid=logs-scroller]").BoundingBoxAsync();
        var more = await marked.Locator("[data-testid=logs-more]").BoundingBoxAsync();
        Assert.InRange(more!.X + more.Width, view!.X + more.Width, view.X + view.Width + 1);
        await Expect(marked.Locator("[data-testid=logs-more]")).ToBeVisibleAsync();

        // The whole log: the marker counts every byte past the first 64 KiB.
        await Page.Locator("[data-testid=logs-tail]").FillAsync("all");
        await Page.Locator("[data-testid=logs-follow]").UncheckAsync();
        await Page.Locator("[data-testid=logs-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-status]")).ToHaveTextAsync("2 lines loaded · end of log", new() { Timeout = 120_000 });
        await Expect(Rows.First.Locator("[data-testid=logs-more]")).ToHaveTextAsync($"… {(LogContainers.LongLineBytes - 65536).ToString("N0", CultureInfo.InvariantCulture)} more bytes");
        Assert.Equal(new string('a', 65536), await Rows.First.Locator(".lv-text").TextContentAsync());
        await Expect(Rows.Nth(1)).ToHaveTextAsync("after");
        await Expect(Rows.Nth(1).Locator("[data-testid=logs-more]")).ToHaveCountAsync(0);
    }
}
