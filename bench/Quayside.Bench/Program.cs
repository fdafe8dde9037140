using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Quayside.Bench;
using static Quayside.Bench.Figures;

// Quayside's first benchmark: the dashboard's containers API against the raw Engine API, in the same run.
// Usage: ./quayside.sh bench [--containers N] [--keep]      (see bench/README.md)

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--hosts"))
{
    using var stopHosts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopHosts.Cancel(); };
    try
    {
        return await HostsBench.RunAsync(args, RepoRoot(), stopHosts.Token);
    }
    catch (Exception e) when (e is BenchException or Quayside.Engine.Connection.EngineApiException or HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or TimeoutException)
    {
        Console.Error.WriteLine($"bench --hosts: FAILED: {e.Message}");
        return 1;
    }
}

if (args.Contains("--stats"))
{
    using var stopStats = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopStats.Cancel(); };
    return await StatsBench.RunAsync(args, stopStats.Token);
}

const double RatioGoal = 1.1;
const double RssGoalMb = 100;
const int WarmUp = 5;
const int Rounds = 30;
var idle = TimeSpan.FromSeconds(10);

if (args is ["save", ..])
{
    using var stopSave = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopSave.Cancel(); };
    try
    {
        return await SaveBench.RunAsync(args[1..], RepoRoot(), stopSave.Token);
    }
    catch (Exception e) when (e is BenchException or HttpRequestException or IOException)
    {
        Console.Error.WriteLine($"bench save: FAILED: {e.Message}");
        return 1;
    }
}

if (args is ["longline", ..])
{
    using var stopLongLine = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopLongLine.Cancel(); };
    try
    {
        return await LongLineBench.RunAsync(args[1..], RepoRoot(), stopLongLine.Token);
    }
    catch (Exception e) when (e is BenchException or HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or Microsoft.Playwright.PlaywrightException or TimeoutException)
    {
        Console.Error.WriteLine($"bench longline: FAILED: {e.Message}");
        return 1;
    }
}

if (args is ["stacks", ..] || args.Contains("--stacks"))
{
    using var stopStacks = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopStacks.Cancel(); };
    try
    {
        return await StacksBench.RunAsync(args, RepoRoot(), stopStacks.Token);
    }
    catch (Exception e) when (e is BenchException or HttpRequestException or IOException or System.Text.Json.JsonException)
    {
        Console.Error.WriteLine($"bench stacks: FAILED: {e.Message}");
        return 1;
    }
}

var count = 1000;
var keep = false;
var logLines = 1_000_000;
var logs = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--containers" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            count = n;
            i++;
            break;
        case "--keep":
            keep = true;
            break;
        case "--log-lines" when i + 1 < args.Length && int.TryParse(args[i + 1], out var l) && l >= 500:
            logLines = l;
            i++;
            break;
        case "--skip-logs":
            logs = false;
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: ./quayside.sh bench [--containers N] [--keep] [--log-lines N] [--skip-logs]   (N defaults to 1000; --keep leaves the qb-* containers for the next run; the logs bench uses a container of --log-lines lines, default 1000000)");
            return 0;
        default:
            Console.Error.WriteLine($"bench: unknown or incomplete option '{args[i]}'. Usage: ./quayside.sh bench [--containers N] [--keep] [--log-lines N] [--skip-logs]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (stop.IsCancellationRequested)
        return; // a second Ctrl+C quits at once; ProcessExit still kills the dashboard
    context.Cancel = true;
    Console.Error.WriteLine($"bench: {context.Signal}: stopping the dashboard and cleaning up (again to quit at once)");
    stop.Cancel();
}
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

Dashboard? dashboard = null;
AppDomain.CurrentDomain.ProcessExit += (_, _) => dashboard?.KillNow();

var results = new List<string>();
var exitCode = 0;
var engine = new Engine(Engine.SocketPathFromEnvironment());
try
{
    var root = RepoRoot();
    var ct = stop.Token;
    Console.WriteLine($"Quayside bench: {count} containers, engine at {engine.SocketPath}, {Environment.ProcessorCount} cores");

    // 1. The containers.
    await engine.CheckAsync(ct);
    await engine.EnsureBenchContainersAsync(count, ct);

    // 2. The dashboard, logged in.
    var dll = await Dashboard.EnsureBuiltAsync(root, ct);
    var clock = Stopwatch.StartNew();
    dashboard = await Dashboard.StartAsync(root, dll, ct);
    Console.WriteLine($"dashboard: pid {dashboard.ProcessId} at {dashboard.BaseUri}, /health ok after {clock.Elapsed.TotalSeconds:F1} s");
    await dashboard.LoginAsync(ct);
    Console.WriteLine("dashboard: logged in as admin");

    // 3. Loaded, then idle memory.
    var loaded = await dashboard.WaitForContainerCountAsync(Engine.LabelFilter, count, ct);
    Console.WriteLine($"dashboard: the API lists all {count} bench containers ({loaded.TotalSeconds:F1} s after login); idling {idle.TotalSeconds:F0} s");
    await Task.Delay(idle, ct);
    var idleMemory = dashboard.Memory();
    results.Add($"idle RSS: {idleMemory.RssMb:F1} MB (goal ≤ {RssGoalMb:F0} MB){Missed(idleMemory.RssMb <= RssGoalMb)}   [N={count}; {idleMemory.Parts}]");
    Console.WriteLine(results[^1]);

    // 4. Interleaved timings.
    var search = Engine.ContainerName(Math.Min(999, count), count);
    var raw = new Probe("raw engine", engine.Http, "/containers/json?all=1");
    var list = new Probe("dashboard list", dashboard.Http, "/api/containers");
    var filtered = new Probe("dashboard filtered list", dashboard.Http,
        $"/api/containers?label={Uri.EscapeDataString(Engine.LabelFilter)}&search={Uri.EscapeDataString(search)}");

    for (var i = 0; i < WarmUp; i++)
    {
        await raw.RunAsync(false, ct);
        await list.RunAsync(false, ct);
        await filtered.RunAsync(false, ct);
    }
    await CheckSameListAsync(engine, dashboard, ct);

    Console.WriteLine($"timing: {WarmUp} warm-up requests each, then {Rounds} rounds (A B C, then C B A, alternately)");
    for (var round = 0; round < Rounds; round++)
    {
        Probe[] order = round % 2 == 0 ? [raw, list, filtered] : [filtered, list, raw];
        foreach (var probe in order)
            await probe.RunAsync(true, ct);
    }

    // 5. The figures.
    foreach (var probe in new[] { raw, list, filtered })
    {
        Console.WriteLine($"  {probe.Name,-24} GET {probe.Path}: median {Probe.Ms(probe.Median)}, p90 {Probe.Ms(probe.P90)}, "
            + $"min {Probe.Ms(probe.Milliseconds.Min())}, max {Probe.Ms(probe.Milliseconds.Max())}, body {probe.LastBodyBytes / 1024.0:F0} KiB");
    }
    var ratio = list.Median / raw.Median;
    results.Add($"containers list (N={count}): dashboard {Probe.Ms(list.Median)} vs raw engine {Probe.Ms(raw.Median)} median → ratio {ratio:F2} (goal ≤ {RatioGoal}){Missed(ratio <= RatioGoal)}");
    results.Add($"containers list (N={count}): dashboard {Probe.Ms(list.P90)} vs raw engine {Probe.Ms(raw.P90)} p90 → ratio {list.P90 / raw.P90:F2} (for information)");
    results.Add($"filtered list (N={count}, label {Engine.LabelFilter} + search {search}): dashboard {Probe.Ms(filtered.Median)} median, p90 {Probe.Ms(filtered.P90)} "
        + $"vs raw engine full list {Probe.Ms(raw.Median)} median → ratio {filtered.Median / raw.Median:F2} (for information)");

    var afterMemory = dashboard.Memory();
    results.Add($"RSS after the timed requests: {afterMemory.RssMb:F1} MB (for information)   [{afterMemory.Parts}]");

    // 6. The logs viewer (LogsBench.cs).
    if (logs)
        await new LogsBench(engine, dashboard, logLines, results).RunAsync(keep, ct);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: interrupted");
    exitCode = 130;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"bench: FAILED: {e.Message}");
    exitCode = 1;
}
catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or TaskCanceledException
    or System.Net.WebSockets.WebSocketException or Microsoft.Playwright.PlaywrightException or TimeoutException)
{
    Console.Error.WriteLine($"bench: FAILED: {e.GetType().Name}: {e.Message}");
    exitCode = 1;
}
finally
{
    dashboard?.Dispose();
    dashboard?.ReportProblems();
    await CleanUpAsync();
    engine.Dispose();
}

if (results.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("Results");
    foreach (var line in results)
        Console.WriteLine("  " + line);
}
return exitCode;

async Task CleanUpAsync()
{
    if (keep)
    {
        Console.WriteLine("bench containers: kept (--keep); the next run reuses them");
        return;
    }
    try
    {
        using var cleanup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ids = (await engine.ListBenchContainersAsync(cleanup.Token)).Select(c => c.Id).ToList();
        var clock = Stopwatch.StartNew();
        await engine.RemoveAsync(ids, cleanup.Token);
        Console.WriteLine($"bench containers: removed {ids.Count} in {clock.Elapsed.TotalSeconds:F1} s");
    }
    catch (Exception e) when (e is BenchException or HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine($"bench: removing the bench containers failed ({e.Message}); remove them with: docker rm -f $(docker ps -aq --filter label={Engine.LabelFilter})");
        if (exitCode == 0)
            exitCode = 1;
    }
}

static string RepoRoot()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quayside.slnx")) && Directory.Exists(Path.Combine(dir.FullName, "src", "Quayside.Web")))
                return dir.FullName;
        }
    }
    throw new BenchException("cannot find the repository root (the folder holding Quayside.slnx and src/Quayside.Web).");
}

// The dashboard must list what the engine lists, else the timings compare different work.
static async Task CheckSameListAsync(Engine engine, Dashboard dashboard, CancellationToken ct)
{
    using var rawList = await engine.GetJsonAsync("/containers/json?all=1", ct);
    using var response = await dashboard.Http.GetAsync("/api/containers", ct);
    var engineCount = rawList.RootElement.GetArrayLength();
    var dashboardCount = await Dashboard.CountAsync(response, ct);
    Console.WriteLine($"check: the engine lists {engineCount} containers, the dashboard {dashboardCount}");
    if (engineCount != dashboardCount)
        Console.WriteLine("WARNING: the two lists differ (is something else creating or removing containers?); the timings compare different lists.");
}
