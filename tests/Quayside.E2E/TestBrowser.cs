using Microsoft.Playwright;

namespace Quayside.E2E;

/// <summary>
/// One headless Debian Chromium driven by Playwright (never a downloaded browser), in a network namespace of its own
/// where it can have one (see <see cref="BrowserRelay"/>).
/// </summary>
public sealed class TestBrowser : IAsyncLifetime
{
    // Two collections may start a browser at the same moment; the namespace is set up by one of them at a time.
    private static readonly SemaphoreSlim NamespaceGate = new(1, 1);

    private IPlaywright? _playwright;
    private BrowserRelay? _relay;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        string chromium;
        await NamespaceGate.WaitAsync();
        try
        {
            _relay = BrowserRelay.TryStart(RepoPaths.Root, out chromium);
        }
        finally
        {
            NamespaceGate.Release();
        }
        string[] args =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ];
        if (_relay is not null)
            args = [.. args, "--proxy-server=" + _relay.ProxyServer, "--proxy-bypass-list=<-loopback>"];
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = args });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _relay?.Dispose();
        _playwright?.Dispose();
    }
}
