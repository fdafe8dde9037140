using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Playwright;
using static Quayside.Bench.Figures;

namespace Quayside.Bench;

/// <summary>
/// The logs viewer with a container that has written <see cref="Lines"/> lines (see bench/README.md, "Logs"):
/// time to the first lines with the default tail, the full download against <c>docker logs NAME &gt; file</c>, and search
/// over the loaded lines in the browser against <c>grep</c> on the CLI's file. Each figure is a ratio against a baseline
/// measured in the same run.
/// </summary>
public sealed class LogsBench(Engine engine, Dashboard dashboard, int lines, List<string> results)
{
    public const string Label = "quayside.bench.logs";
    public const string ContainerName = "qb-logs";
    private const double FirstLinesGoalMs = 1000;
    private const double DownloadGoal = 0.8;
    private const int FirstLineRounds = 5;
    private const int DownloadRounds = 3;

    public int Lines => lines;

    public async Task RunAsync(bool keep, CancellationToken ct)
    {
        await EnsureContainerAsync(ct);
        await using var browser = await BrowserSession.StartAsync(dashboard, ct);
        try
        {
            await FirstLinesAsync(browser, ct);
            var cliFile = await DownloadAsync(ct);
            await SearchAsync(browser, cliFile, ct);
            File.Delete(cliFile);
        }
        finally
        {
            if (!keep)
                await Docker("rm", "-f", ContainerName);
        }
    }

    /// <summary>qb-logs running busybox that printed 1..N and sleeps; reused when an earlier run (--keep) left it complete.</summary>
    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (await LastLineAsync(ct) == lines.ToString())
        {
            Console.WriteLine($"logs: {ContainerName} with {lines} lines reused from an earlier run");
            return;
        }
        await Docker("rm", "-f", ContainerName);
        var clock = Stopwatch.StartNew();
        var run = await Docker("run", "-d", "--name", ContainerName, "--label", Label + "=1", Engine.Image, "sh", "-c", $"seq 1 {lines}; exec sleep 10000000");
        if (run.ExitCode != 0)
            throw new BenchException($"docker run {ContainerName} failed: {run.Output}");
        while (await LastLineAsync(ct) != lines.ToString())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
                throw new BenchException($"{ContainerName} did not log {lines} lines within 5 minutes.");
            await Task.Delay(500, ct);
        }
        Console.WriteLine($"logs: {ContainerName} wrote {lines} lines in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<string?> LastLineAsync(CancellationToken ct)
    {
        using var response = await engine.Http.GetAsync($"/containers/{ContainerName}/logs?stdout=1&stderr=1&tail=1", ct);
        if (!response.IsSuccessStatusCode)
            return null;
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        return bytes.Length > 8 ? System.Text.Encoding.UTF8.GetString(bytes, 8, bytes.Length - 8).Trim() : null;
    }

    // ---- 1. first lines with the default tail ----

    private async Task FirstLinesAsync(BrowserSession browser, CancellationToken ct)
    {
        var raw = new List<double>();
        var socketFirst = new List<double>();
        var socketAll = new List<double>();
        var screen = new List<double>();
        for (var round = 0; round < FirstLineRounds + 1; round++)
        {
            var record = round > 0; // the first round warms up
            var r = await TimeAsync(async () =>
            {
                using var response = await engine.Http.GetAsync($"/containers/{ContainerName}/logs?stdout=1&stderr=1&tail=500", ct);
                await response.Content.ReadAsByteArrayAsync(ct);
            });
            var (first, all) = await SocketTailAsync(browser.Cookie, ct);
            var onScreen = await browser.TimeToFirstRowsAsync($"/containers/{ContainerName}/logs", ct);
            if (!record)
                continue;
            raw.Add(r);
            socketFirst.Add(first);
            socketAll.Add(all);
            screen.Add(onScreen);
        }
        var rawMs = Median(raw);
        Console.WriteLine($"logs first lines: raw engine tail=500 {Ms(rawMs)}; /ws/logs first batch {Ms(Median(socketFirst))}, all 500 {Ms(Median(socketAll))}; "
            + $"browser page open → rows on screen {Ms(Median(screen))} (medians of {FirstLineRounds})");
        results.Add($"logs, first lines (tail 500 of {lines:N0}): /ws/logs all 500 lines {Ms(Median(socketAll))} vs raw engine {Ms(rawMs)} → ratio {Median(socketAll) / rawMs:F2} (for information)");
        results.Add($"logs, first lines on screen (page open → rows shown, Chromium): {Ms(Median(screen))} (goal ≤ {FirstLinesGoalMs:F0} ms){Missed(Median(screen) <= FirstLinesGoalMs)}; "
            + $"ratio to the raw engine's tail {Median(screen) / rawMs:F1}");
    }

    /// <summary>Opens /ws/logs as the viewer does (default tail, follow) and times the first batch and the 500th line.</summary>
    private async Task<(double First, double All)> SocketTailAsync(string cookie, CancellationToken ct)
    {
        var (ws, uri) = dashboard.LogsSocket(cookie, $"c={ContainerName}&tail=500&follow=1");
        using var socket = ws;
        var clock = Stopwatch.StartNew();
        await ws.ConnectAsync(uri, ct);
        double first = -1;
        var count = 0;
        var buffer = new byte[1 << 20];
        while (count < 500)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await ws.ReceiveAsync(buffer, ct);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            using var json = JsonDocument.Parse(message.ToArray());
            var type = json.RootElement.GetProperty("t").GetString();
            if (type == "error")
                throw new BenchException("/ws/logs: " + json.RootElement.GetProperty("message").GetString());
            if (type != "lines")
                continue;
            if (first < 0)
                first = clock.Elapsed.TotalMilliseconds;
            count += json.RootElement.GetProperty("l").GetArrayLength();
        }
        var all = clock.Elapsed.TotalMilliseconds;
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
        return (first, all);
    }

    // ---- 2. full download against docker logs > file ----

    private async Task<string> DownloadAsync(CancellationToken ct)
    {
        var cliFile = Path.Combine(Path.GetTempPath(), $"quayside-bench-cli-{Environment.ProcessId}.log");
        var ourFile = Path.Combine(Path.GetTempPath(), $"quayside-bench-dashboard-{Environment.ProcessId}.log");
        var cli = new List<double>();
        var ours = new List<double>();
        for (var round = 0; round < DownloadRounds; round++)
        {
            async Task Cli() => cli.Add(await TimeAsync(async () =>
            {
                var r = await Sh($"docker logs {ContainerName} > {cliFile}");
                if (r.ExitCode != 0)
                    throw new BenchException("docker logs failed: " + r.Output);
            }));
            async Task Ours() => ours.Add(await TimeAsync(async () =>
            {
                using var response = await dashboard.Http.GetAsync($"/api/logs/download?c={ContainerName}&tail=all", HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode)
                    throw new BenchException($"/api/logs/download answered {(int)response.StatusCode}");
                await using var file = File.Create(ourFile);
                await response.Content.CopyToAsync(file, ct);
            }));
            await Figures.InTurnAsync(round, Cli, Ours);
        }
        var size = new FileInfo(cliFile).Length;
        if (new FileInfo(ourFile).Length != size)
            throw new BenchException($"the download ({new FileInfo(ourFile).Length} bytes) differs from docker logs ({size} bytes).");
        File.Delete(ourFile);
        double Mbps(double ms) => size / 1048576.0 / (ms / 1000);
        var ratio = Median(cli) / Median(ours);
        Console.WriteLine($"logs download ({size / 1048576.0:F1} MiB, {lines:N0} lines): docker logs > file {Ms(Median(cli))} ({Mbps(Median(cli)):F2} MiB/s), "
            + $"dashboard {Ms(Median(ours))} ({Mbps(Median(ours)):F2} MiB/s) (medians of {DownloadRounds}, interleaved)");
        results.Add($"logs, full download ({lines:N0} lines): dashboard {Mbps(Median(ours)):F2} MiB/s vs docker logs > file {Mbps(Median(cli)):F2} MiB/s → throughput ratio {ratio:F2} (goal ≥ {DownloadGoal}){Missed(ratio >= DownloadGoal)}");
        return cliFile;
    }

    // ---- 3. search over the loaded lines ----

    private async Task SearchAsync(BrowserSession browser, string cliFile, CancellationToken ct)
    {
        var load = await browser.LoadAllAsync($"/containers/{ContainerName}/logs", lines, ct);
        const string needle = "4242";
        var grep = await TimeAsync(async () => await Sh($"grep -c {needle} {cliFile} > /dev/null"));
        var (searchMs, matches, longestTask) = await browser.SearchAsync(needle, ct);
        var scrollMs = await browser.ScrollToMiddleAsync(ct);
        Console.WriteLine($"logs search: {lines:N0} lines loaded into the page in {Ms(load)}; search '{needle}' {Ms(searchMs)} ({matches} matches), "
            + $"longest main-thread task meanwhile {Ms(longestTask)}; grep -c on the CLI's file {Ms(grep)}; jump to the middle rendered in {Ms(scrollMs)}");
        results.Add($"logs, search over {lines:N0} loaded lines: {Ms(searchMs)} vs grep -c {Ms(grep)} → ratio {searchMs / grep:F1} (for information; "
            + (longestTask > 0 ? $"longest main-thread task during it {Ms(longestTask)})" : "no main-thread task of 50 ms or more during it)"));
        results.Add($"logs, loading all {lines:N0} lines into the page: {Ms(load)} (for information); scroll to the middle: {Ms(scrollMs)}");
    }

    // ---- helpers ----

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Ms(double ms) => Probe.Ms(ms);

    private static Task<(int ExitCode, string Output)> Docker(params string[] args) => RunAsync("docker", args);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args)
    {
        var (code, stdout, stderr) = await Commands.RunAsync(file, args);
        return (code, (stdout + stderr).Trim());
    }

    private static Task<(int ExitCode, string Output)> Sh(string line) => RunAsync("/bin/sh", ["-c", line]);
}

/// <summary>Debian's Chromium (headless, via Playwright) logged in to the dashboard.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, string cookie)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
        Cookie = cookie;
    }

    /// <summary>The session cookie as a Cookie header value.</summary>
    public string Cookie { get; }

    public static async Task<BrowserSession> StartAsync(Dashboard dashboard, CancellationToken ct)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = dashboard.BaseUri.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1600, Height = 1000 } });
        context.SetDefaultTimeout(300_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#userName").FillAsync("admin");
        await page.Locator("#password").FillAsync(dashboard.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var cookies = await context.CookiesAsync();
        var cookie = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        return new BrowserSession(playwright, browser, page, cookie);
    }

    /// <summary>From starting the navigation to the first log rows in the DOM (includes the Blazor circuit's start).</summary>
    public Task<double> TimeToFirstRowsAsync(string path, CancellationToken ct) => TimeToSelectorAsync(path, "[data-testid=logs-row]", ct);

    /// <summary>From starting the navigation to the first element matching <paramref name="selector"/> in the DOM.</summary>
    public async Task<double> TimeToSelectorAsync(string path, string selector, CancellationToken ct)
    {
        await _page.GotoAsync("about:blank");
        var clock = Stopwatch.StartNew();
        await _page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        try
        {
            await _page.Locator(selector).First.WaitForAsync(new() { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            var text = await _page.EvaluateAsync<string>("() => document.body?.innerText ?? ''");
            throw new BenchException($"{path}: no {selector} within 120 s; the page at {_page.Url} reads: {text[..Math.Min(text.Length, 600)]}");
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Opens the viewer with tail "all" and waits until every line is in the page's buffer.</summary>
    public async Task<double> LoadAllAsync(string path, int lines, CancellationToken ct)
    {
        await _page.GotoAsync(path);
        await _page.WaitForFunctionAsync("() => { const e = document.querySelector('[data-testid=logs-tail]'); return !!e && Object.keys(e).some(k => k.startsWith('_blazorEvents_')); }");
        await _page.Locator("[data-testid=logs-rows]").Locator("[data-testid=logs-row]").First.WaitForAsync();
        await _page.Locator("[data-testid=logs-tail]").FillAsync("all");
        await _page.Locator("[data-testid=logs-follow]").UncheckAsync();
        var clock = Stopwatch.StartNew();
        await _page.Locator("[data-testid=logs-apply]").ClickAsync();
        await _page.WaitForFunctionAsync($"() => {{ const s = document.querySelector('[data-testid=logs-status]'); return s && s.dataset.count === '{lines}'; }}",
            null, new() { PollingInterval = 50, Timeout = 1_800_000 });
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Types a search and returns the viewer's own timing of it, the match count, and the longest main-thread task meanwhile.</summary>
    public async Task<(double Ms, int Matches, double LongestTask)> SearchAsync(string needle, CancellationToken ct)
    {
        await _page.EvaluateAsync("() => { window.__longest = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask' }); }");
        await _page.Locator("[data-testid=logs-search]").FillAsync(needle);
        await _page.WaitForFunctionAsync("() => document.querySelector('[data-testid=logs-match-count]')?.dataset.done === 'true' && document.querySelector('[data-testid=logs-viewer]')?.dataset.searchMs !== undefined",
            null, new() { PollingInterval = 20 });
        var ms = double.Parse(await _page.Locator("[data-testid=logs-viewer]").GetAttributeAsync("data-search-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var matches = int.Parse(await _page.Locator("[data-testid=logs-match-count]").GetAttributeAsync("data-count") ?? "0");
        await _page.WaitForTimeoutAsync(200);
        var longest = await _page.EvaluateAsync<double>("() => window.__longest");
        return (ms, matches, longest);
    }

    /// <summary>Sets the scroll position to the middle of the buffer and times until the rows there are drawn.</summary>
    public async Task<double> ScrollToMiddleAsync(CancellationToken ct) =>
        await _page.EvaluateAsync<double>(@"() => new Promise(resolve => {
            const s = document.querySelector('[data-testid=logs-scroller]');
            const t0 = performance.now();
            s.scrollTop = s.scrollHeight / 2;
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        })");

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
