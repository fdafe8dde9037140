using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using static Quayside.Bench.Figures;

namespace Quayside.Bench;

/// <summary>
/// <c>./quayside.sh bench longline [--keep]</c> (issue 13, item 8): the dashboard's memory and the time to the line while
/// the logs viewer shows a container that printed one 200 MB line without a newline, against viewing a container of
/// 1000 ordinary lines in the same run. See bench/README.md.
/// </summary>
public static class LongLineBench
{
    public const string Label = "quayside.bench.longline";
    public const string LongName = "qb-longline";
    public const string BaseName = "qb-longline-base";
    public const long LineBytes = 200_000_000;
    private const double RssGoalMb = 50;
    private const double LineGoalMs = 2000;
    private const int Rounds = 3;
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(25);

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var keep = false;
        foreach (var arg in args)
        {
            if (arg == "--keep")
                keep = true;
            else
            {
                Console.Error.WriteLine($"bench longline: unknown option '{arg}'. Usage: ./quayside.sh bench longline [--keep]");
                return 2;
            }
        }

        using var engine = new Engine(Engine.SocketPathFromEnvironment());
        await engine.CheckAsync(ct);
        await EnsureContainerAsync(LongName, $"head -c {LineBytes} /dev/zero | tr '\\0' a; echo; echo after; exec sleep 10000000", ct);
        await EnsureContainerAsync(BaseName, "seq 1 999; echo after; exec sleep 10000000", ct);

        var dll = await Dashboard.EnsureBuiltAsync(repoRoot, ct);
        using var dashboard = await Dashboard.StartAsync(repoRoot, dll, ct);
        await dashboard.LoginAsync(ct);
        Console.WriteLine($"dashboard: pid {dashboard.ProcessId}, logged in");
        try
        {
            await using var browser = await BrowserSession.StartAsync(dashboard, ct);
            var viewer = new Viewer(dashboard, browser.Cookie);

            // Warm-up: the JIT and the first socket, on the ordinary container.
            await viewer.ViewAsync(BaseName, "tail=500&follow=1", ct);
            await browser.TimeToSelectorAsync($"/containers/{BaseName}/logs", "[data-testid=logs-row]", ct);

            var longView = new List<View>();
            var baseView = new List<View>();
            var longAll = new List<View>();
            var baseAll = new List<View>();
            var rawAll = new List<double>();
            var rawView = new List<double>();
            var longScreen = new List<double>();
            var baseScreen = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                async Task Long()
                {
                    rawView.Add(await RawEngineAsync(engine, "500", ct));
                    longView.Add(await viewer.ViewAsync(LongName, "tail=500&follow=1", ct));
                    rawAll.Add(await RawEngineAsync(engine, "all", ct));
                    longAll.Add(await viewer.ViewAsync(LongName, "tail=all", ct));
                    longScreen.Add(await browser.TimeToSelectorAsync($"/containers/{LongName}/logs", "[data-testid=logs-more]", ct));
                }
                async Task Base()
                {
                    baseView.Add(await viewer.ViewAsync(BaseName, "tail=500&follow=1", ct));
                    baseAll.Add(await viewer.ViewAsync(BaseName, "tail=all", ct));
                    baseScreen.Add(await browser.TimeToSelectorAsync($"/containers/{BaseName}/logs", "[data-testid=logs-row]", ct));
                }
                await Figures.InTurnAsync(round, Base, Long);
            }
            dashboard.ThrowIfExited("during the long-line views");

            foreach (var (name, views) in new[] { ("long line, tail 500", longView), ("long line, tail all", longAll), ("1000 lines, tail 500", baseView), ("1000 lines, tail all", baseAll) })
            {
                Console.WriteLine($"  {name,-22} first line {string.Join(" / ", views.Select(v => Ms(v.FirstLineMs)))}, whole view {string.Join(" / ", views.Select(v => Ms(v.AllMs)))}, "
                    + $"RSS growth {string.Join(" / ", views.Select(v => $"{v.RssGrowthMb:F1} MB"))}, largest message {views.Max(v => v.LargestMessage) / 1024.0:F0} KiB");
            }
            var cut = longAll[^1];
            if (cut.Dropped != LineBytes - 65536 || !cut.SawAfter)
                throw new BenchException($"the whole log's first line was cut with {cut.Dropped} bytes left out (expected {LineBytes - 65536}), 'after' {(cut.SawAfter ? "seen" : "missing")}.");

            var firstLine = Median(longView.Select(v => v.FirstLineMs));
            var firstBase = Median(baseView.Select(v => v.FirstLineMs));
            var screen = Median(longScreen);
            var screenBase = Median(baseScreen);
            var growth = longView.Concat(longAll).Max(v => v.RssGrowthMb);
            var growthBase = baseView.Concat(baseAll).Max(v => v.RssGrowthMb);
            var allMs = Median(longAll.Select(v => v.FirstLineMs));
            var rawMs = Median(rawAll);
            var rawViewMs = Median(rawView);
            var lineMet = firstLine <= LineGoalMs && screen <= LineGoalMs;
            var rssMet = growth <= RssGoalMb;

            Console.WriteLine();
            Console.WriteLine("Results (long line)");
            Console.WriteLine($"  container {LongName}: one line of {LineBytes:N0} bytes without a newline, then 'after'; baseline {BaseName}: 1000 short lines");
            Console.WriteLine($"  the viewer's default view (tail 500, follow): truncated line over /ws/logs after {Ms(firstLine)} vs the baseline's first lines {Ms(firstBase)} → ratio {firstLine / firstBase:F2}; "
                + $"vs the raw engine's same tail read to its end {Ms(rawViewMs)} → ratio {firstLine / rawViewMs:F2}");
            Console.WriteLine($"  on screen in Chromium (page open → '… N more bytes' shown): {Ms(screen)} vs the baseline's first row {Ms(screenBase)} → ratio {screen / screenBase:F2}");
            Console.WriteLine($"  the whole log (tail all, {LineBytes / 1e6:F0} MB through the dashboard): truncated line after {Ms(allMs)} vs the raw engine reading the same log {Ms(rawMs)} → ratio {allMs / rawMs:F2} (for information: the line ends only when the engine has sent all of it)");
            Console.WriteLine($"  dashboard RSS growth while viewing (largest of {Rounds * 2} views): {growth:F1} MB vs the baseline's {growthBase:F1} MB → ratio {growth / Math.Max(0.1, growthBase):F1}   [{dashboard.Memory().Parts}]");
            Console.WriteLine($"  goal: RSS growth ≤ {RssGoalMb:F0} MB: {(rssMet ? "met" : "MISSED")}; line within {LineGoalMs / 1000:F0} s (default view, socket and screen): {(lineMet ? "met" : "MISSED")}");
            Console.WriteLine($"  largest /ws/logs message: {longView.Concat(longAll).Max(v => v.LargestMessage) / 1024.0:F0} KiB (the cap is 1024 KiB)");
            return 0;
        }
        finally
        {
            if (!keep)
                await Commands.RunAsync("docker", ["rm", "-f", LongName, BaseName], CancellationToken.None);
        }
    }

    /// <summary>A container printing <paramref name="script"/>; reused when one with the same label and ending in 'after' exists.</summary>
    private static async Task EnsureContainerAsync(string name, string script, CancellationToken ct)
    {
        if ((await Commands.RunAsync("docker", ["logs", "--tail", "1", name], ct)).Stdout.Trim() == "after")
        {
            Console.WriteLine($"longline: {name} reused from an earlier run");
            return;
        }
        await Commands.RunAsync("docker", ["rm", "-f", name], ct);
        var clock = Stopwatch.StartNew();
        await Commands.DockerOutputAsync(["run", "-d", "--name", name, "--label", Label + "=1", Engine.Image, "sh", "-c", script], ct);
        while ((await Commands.RunAsync("docker", ["logs", "--tail", "1", name], ct)).Stdout.Trim() != "after")
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
                throw new BenchException($"{name} did not log 'after' within 3 minutes.");
            await Task.Delay(250, ct);
        }
        Console.WriteLine($"longline: {name} written in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The raw engine's log of the long-line container with timestamps (what the dashboard reads), read to the end.</summary>
    private static async Task<double> RawEngineAsync(Engine engine, string tail, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await engine.Http.GetAsync($"/containers/{LongName}/logs?stdout=1&stderr=1&timestamps=1&tail={tail}", HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[256 * 1024];
        while (await body.ReadAsync(buffer, ct) > 0)
        {
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Ms(double ms) => Probe.Ms(ms);

    public sealed record View(double FirstLineMs, double AllMs, double RssGrowthMb, long LargestMessage, long Dropped, bool SawAfter);

    /// <summary>Opens /ws/logs as the viewer does (session cookie, same Origin) and reads until the line 'after'.</summary>
    private sealed class Viewer(Dashboard dashboard, string cookie)
    {
        public async Task<View> ViewAsync(string container, string query, CancellationToken ct)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct); // let the previous view's garbage go
            var before = dashboard.Memory().RssKiB;
            var peak = before;
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var sampler = Task.Run(async () =>
            {
                while (!stopSampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, dashboard.Memory().RssKiB);
                    try
                    {
                        await Task.Delay(Sample, stopSampling.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }, CancellationToken.None);

            var (ws, uri) = dashboard.LogsSocket(cookie, $"c={container}&{query}");
            using var socket = ws;
            var clock = Stopwatch.StartNew();
            await ws.ConnectAsync(uri, ct);
            double first = -1;
            long largest = 0, dropped = 0;
            var sawAfter = false;
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (!sawAfter)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(buffer, ct);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                largest = Math.Max(largest, message.Length);
                using var json = JsonDocument.Parse(message.GetBuffer().AsMemory(0, (int)message.Length));
                var type = json.RootElement.GetProperty("t").GetString();
                if (type == "error")
                    throw new BenchException("/ws/logs: " + json.RootElement.GetProperty("message").GetString());
                if (type == "end")
                    break;
                if (type != "lines")
                    continue;
                foreach (var line in json.RootElement.GetProperty("l").EnumerateArray())
                {
                    // The long line's view is timed to its truncated line; the baseline's to its first line.
                    var isCut = line.GetArrayLength() > 4;
                    if (isCut)
                        dropped = line[4].GetInt64();
                    if (first < 0 && (isCut || container == BaseName))
                        first = clock.Elapsed.TotalMilliseconds;
                    sawAfter |= line[3].GetString() == "after";
                }
            }
            var all = clock.Elapsed.TotalMilliseconds;
            if (ws.State == WebSocketState.Open)
                await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
            await stopSampling.CancelAsync();
            await sampler;
            peak = Math.Max(peak, dashboard.Memory().RssKiB);
            if (first < 0)
                throw new BenchException($"/ws/logs?c={container}&{query} ended without the line it was timed to.");
            return new View(first, all, (peak - before) / 1024.0, largest, dropped, sawAfter);
        }
    }
}
