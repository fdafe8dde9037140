using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E;

/// <summary>
/// One fresh browser context (no cookies) and page per test, plus the containers the test made, removed afterwards.
/// Failing tests print the browser's console errors and what the app logged meanwhile.
/// </summary>
[Collection(E2ECollection.Name)]
public abstract class BrowserTest(QuaysideApp app, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The first page of a context waits for the Blazor circuit to start: be generous.</summary>
    protected static readonly TimeSpan FirstLoad = TimeSpan.FromSeconds(30);

    /// <summary>State changes the page shows live (engine event, then a render pushed over the circuit).</summary>
    protected const float StateChange = 5_000;

    private readonly List<string> _containers = [];
    private readonly List<string> _images = [], _volumes = [], _networks = [];
    private readonly List<string> _browserErrors = [];
    private readonly HashSet<IRequest> _pending = [];
    private int _appOutputStart;

    protected QuaysideApp App { get; } = app;
    protected IBrowserContext Context { get; private set; } = default!;
    protected IPage Page { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _appOutputStart = App.Output.Length;
        App.EnsureRunning();
        Context = await NewContextAsync();
        Page = await NewPageAsync(Context);
    }

    public async Task DisposeAsync()
    {
        lock (_pending)
        {
            foreach (var r in _pending.Where(r => !r.Url.Contains("/_blazor")))
                output.WriteLine($"browser: [still loading at the end] {r.Method} {r.Url}");
        }
        await Context.CloseAsync();
        await LabContainers.RemoveAsync([.. _containers]);
        // After the containers, which may hold them.
        foreach (var image in _images)
            await DockerCommand.RunAsync("rmi", "-f", image);
        await LabResources.RemoveVolumesAsync([.. _volumes]);
        await LabResources.RemoveNetworksAsync([.. _networks]);
        lock (_browserErrors)
        {
            foreach (var e in _browserErrors)
                output.WriteLine("browser: " + e);
        }
        var log = App.Output;
        if (log.Length > _appOutputStart)
            output.WriteLine("app output during the test:\n" + log[_appOutputStart..]);
    }

    protected async Task<IBrowserContext> NewContextAsync()
    {
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 1600, Height = 1000 } });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout((float)FirstLoad.TotalMilliseconds);
        return context;
    }

    protected async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
                lock (_browserErrors)
                    _browserErrors.Add($"[{m.Type}] {m.Text}");
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
                lock (_browserErrors)
                    _browserErrors.Add($"[http {r.Status}] {r.Request.Method} {r.Url}");
        };
        page.Request += (_, r) =>
        {
            lock (_pending)
                _pending.Add(r);
        };
        page.RequestFinished += (_, r) =>
        {
            lock (_pending)
                _pending.Remove(r);
        };
        page.RequestFailed += (_, r) =>
        {
            lock (_pending)
                _pending.Remove(r);
            lock (_browserErrors)
                _browserErrors.Add($"[request failed: {r.Failure}] {r.Method} {r.Url}");
        };
        page.PageError += (_, e) =>
        {
            lock (_browserErrors)
                _browserErrors.Add("[pageerror] " + e);
        };
        return page;
    }

    // ---- containers the test makes (each labelled quayside.test=1 by LabContainers) ----

    /// <summary>A unique container name, removed (if it exists) when the test ends.</summary>
    protected string NewName(string prefix) => Track(LabContainers.UniqueName(prefix));

    /// <summary>Removes the container of this name (if it exists) when the test ends.</summary>
    protected string Track(string name)
    {
        _containers.Add(name);
        return name;
    }

    /// <summary>A running lab container that stops at once on SIGTERM (docker-init forwards it to sleep).</summary>
    protected async Task<string> RunSleeperAsync(string prefix, params string[] extraArgs)
    {
        var name = NewName(prefix);
        await LabContainers.RunSleeperAsync(name, ["--init", .. extraArgs]);
        return name;
    }

    protected static Task<string> StatusOfAsync(string name) => DockerCommand.InspectAsync(name, "{{.State.Status}}");

    protected static async Task<bool> ExistsAsync(string name) =>
        (await DockerCommand.OkAsync("ps", "-a", "-q", "--filter", $"name=^/{Regex.Escape(name)}$")).Length > 0;

    // ---- images, volumes and networks the test makes ----

    /// <summary>What a test types into a create form's labels box, so that what it makes is labelled as the lab's.</summary>
    protected static readonly string LabLabelLines = $"{LabContainers.TestLabel}=1\n{LabResources.Issue8Label}=1";

    /// <summary>A unique image tag, removed (if it exists) when the test ends.</summary>
    protected string NewImage(string prefix) => Add(_images, $"qt-i9-e2e-{prefix}:{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>A unique volume name, removed (if it exists) when the test ends.</summary>
    protected string NewVolume(string prefix) => Add(_volumes, LabContainers.UniqueName(prefix));

    /// <summary>A unique network name, removed (if it exists) when the test ends.</summary>
    protected string NewNetwork(string prefix) => Add(_networks, LabContainers.UniqueName(prefix));

    private static string Add(List<string> list, string name)
    {
        list.Add(name);
        return name;
    }

    // ---- pages ----

    protected Task LoginAsync() => LoginAsync(Page);

    protected async Task LoginAsync(IPage page, string path = "/containers")
    {
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.Locator("#userName").FillAsync(QuaysideApp.UserName);
        await page.Locator("#password").FillAsync(App.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
    }

    /// <summary>
    /// Waits until Blazor has attached its event handlers to the element: until then the page is only the prerendered
    /// HTML, and clicks or typing do nothing.
    /// </summary>
    protected static async Task WaitForInteractiveAsync(IPage page, string selector)
    {
        // Chromium aborts requests with ERR_NETWORK_CHANGED when the host's interfaces change, which they do whenever the
        // shared engine creates or removes a container or network; a page whose Blazor script was lost that way is
        // reloaded, as a person would. A page that loaded its script and still never attaches handlers fails.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.WaitForFunctionAsync(
                    "s => { const e = document.querySelector(s); return !!e && Object.keys(e).some(k => k.startsWith('_blazorEvents_')); }",
                    selector, new() { Timeout = (float)FirstLoad.TotalMilliseconds / 2, PollingInterval = 50 });
                return;
            }
            catch (TimeoutException e)
            {
                var scriptLost = await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'undefined'");
                if (!scriptLost || attempt == 3)
                    throw new TimeoutException($"The page never became interactive (no Blazor handler on {selector} after {FirstLoad.TotalSeconds / 2} s, attempt {attempt}).", e);
                await page.ReloadAsync();
            }
        }
    }

    /// <summary>Opens the containers page, interactive, with the search box narrowing the table to <paramref name="search"/>.</summary>
    protected async Task<IPage> OpenContainersAsync(string? search = null, IPage? page = null)
    {
        page ??= Page;
        await page.GotoAsync("/containers");
        await WaitForInteractiveAsync(page, "[data-testid=search]");
        if (search is not null)
            await page.Locator("[data-testid=search]").FillAsync(search);
        return page;
    }

    protected static ILocator Row(IPage page, string name) =>
        page.Locator($"tr[data-testid=container-row][data-name=\"{name}\"]");

    protected ILocator Row(string name) => Row(Page, name);

    /// <summary>Opens a container row's "More actions" menu (rename, kill, remove...) and returns it.</summary>
    protected static async Task<ILocator> OpenRowMenuAsync(ILocator row)
    {
        await row.Locator("[data-testid=row-more]").ClickAsync();
        var menu = row.Locator("[data-testid=row-menu]");
        await Expect(menu).ToBeVisibleAsync();
        return menu;
    }

    /// <summary>A Fluent UI button (a &lt;fluent-button&gt; web component) by its exact text.</summary>
    protected static ILocator FluentButton(ILocator scope, string text) =>
        scope.Locator("fluent-button").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") });
}
