using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Quayside.E2E.Events;

public sealed class EventsPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private readonly ITestOutputHelper _output = output;

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
