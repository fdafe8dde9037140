using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Quayside.E2E.Accessibility.PageAudit;

namespace Quayside.E2E.Accessibility;

/// <summary>
/// Every page, with containers (running and exited), images, a volume and a network present, in the light and dark
/// colour schemes and on a 390 px phone: axe-core finds no WCAG 2 A/AA violation and no page scrolls sideways on the phone.
/// </summary>
public sealed class AccessibilityTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output), IAsyncLifetime
{
    private string _volume = "";
    private string _network = "";

    [Theory]
    [InlineData(Layout.Light)]
    [InlineData(Layout.Dark)]
    [InlineData(Layout.Phone)]
    public async Task Every_page_passes_axe_and_fits_the_window(Layout layout)
    {
        var running = await RunSleeperAsync("a11y-run", "-p", "127.0.0.1::80", "--label", "com.example.team=web",
            "--health-cmd", "true", "--health-interval", "2s");
        var exited = NewName("a11y-exited");
        await LabContainers.CreateAsync(exited);
        _volume = LabContainers.UniqueName("a11y-vol");
        _network = LabContainers.UniqueName("a11y-net");
        await LabResources.CreateVolumeAsync(_volume);
        await LabResources.CreateNetworkAsync(_network);
        await DockerCommand.OkAsync("network", "connect", _network, running);
        var image = (await DockerCommand.InspectAsync(running, "{{.Image}}"))["sha256:".Length..][..12];

        await using var context = await PageAudit.NewContextAsync(App.Browser, layout, App.BaseUrl);
        context.SetDefaultTimeout(15_000);
        var page = await NewPageAsync(context);

        string[] paths =
        [
            "/", "/containers", "/containers/new", $"/containers/{running}", $"/containers/{running}/logs",
            $"/containers/{running}/console", $"/containers/{running}/stats", $"/containers/{running}/top",
            $"/containers/{running}/diff", $"/containers/{running}/files", $"/containers/{running}/commit",
            $"/containers/{running}/json", $"/containers/{running}/update", $"/containers/{running}/duplicate", $"/containers/{exited}",
            "/images", $"/images/{image}", $"/images/{image}/history", $"/images/{image}/json", "/build", "/image-archives",
            "/pulls", "/pulls/push", "/registries", "/volumes", $"/volumes/{_volume}", "/networks", $"/networks/{_network}",
            "/system/disk-usage", "/events", "/system/versions", $"/logs?c={running}", "/account/sessions", "/not-found", "/hosts", "/all/containers", "/all/images", $"/search?q={running}",
        ];

        var problems = new List<string>();
        await page.GotoAsync("/login");
        problems.AddRange(await PageAudit.ProblemsAsync(page, layout, "/login"));
        await LoginAsync(page, "/");
        // Three tabs share the pages: much of a page's time goes to waiting for the server and for its circuit to start.
        var found = new IReadOnlyList<string>[paths.Length];
        var next = -1;
        async Task AuditPagesAsync(IPage tab)
        {
            for (int i; (i = Interlocked.Increment(ref next)) < paths.Length;)
            {
                await tab.GotoAsync(paths[i]);
                await SettleAsync(tab);
                found[i] = await PageAudit.ProblemsAsync(tab, layout, paths[i]);
            }
        }
        await Task.WhenAll(AuditPagesAsync(page), AuditPagesAsync(await NewPageAsync(context)), AuditPagesAsync(await NewPageAsync(context)));
        problems.AddRange(found.SelectMany(f => f));

        Assert.True(problems.Count == 0, $"{problems.Count} problems in the {layout} layout:\n" + string.Join("\n", problems));
    }

    /// <summary>Until the page is interactive (some element has Blazor's handlers) and has had a moment to render its data.</summary>
    private static async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('input,button,select,textarea,fluent-button,summary')].some(e => Object.keys(e).some(k => k.startsWith('_blazorEvents_')))",
                null, new() { Timeout = 8_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            // A page with nothing to click (a fact sheet) never gets handlers; it is audited as rendered.
        }
        await page.WaitForTimeoutAsync(400);
    }

    // Containers go first (base), then the volume and network they held.
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await LabResources.RemoveNetworksAsync(_network);
        await LabResources.RemoveVolumesAsync(_volume);
    }
}
