using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Quayside.Bench.Figures;

namespace Quayside.Bench;

/// <summary>
/// <c>./quayside.sh bench stacks [--stacks N] [--keep] [--running]</c>: with N compose projects of 4 services, the
/// dashboard's stacks list (<c>GET /api/stacks</c>) and its server-rendered page (<c>GET /stacks</c>) against the CLI a
/// user would run for the same list, timed as a whole process, in the same run. See bench/README.md.
/// </summary>
public static partial class StacksBench
{
    private const double RatioGoal = 1.0;
    private const int WarmUp = 5;
    private const int Rounds = 30;
    private const string Usage = "usage: ./quayside.sh bench stacks [--stacks N] [--keep] [--running]   (N defaults to 50; --keep leaves the qbs-* projects for the next run; --running starts them, else they are created only)";

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var count = 50;
        var keep = false;
        var running = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "stacks":
                    break;
                case "--stacks" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    count = n;
                    i++;
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--running":
                    running = true;
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"bench stacks: unknown or incomplete option '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        using var engine = new Engine(Engine.SocketPathFromEnvironment());
        var stacks = new BenchStacks(engine, count, running);
        var results = new List<string>();
        Dashboard? dashboard = null;
        var exitCode = 0;
        Console.WriteLine($"Quayside stacks bench: {count} compose projects of {BenchStacks.Services.Length} services ({(running ? "running" : "created, not started")}), "
            + $"engine at {engine.SocketPath}, {Environment.ProcessorCount} cores");
        try
        {
            await engine.CheckAsync(ct);
            await stacks.EnsureAsync(ct);
            var cli = await CliList.DetectAsync(ct);

            dashboard = await Dashboard.StartAsync(repoRoot, await Dashboard.EnsureBuiltAsync(repoRoot, ct), ct);
            await dashboard.LoginAsync(ct);
            var loaded = await WaitForStacksAsync(dashboard, stacks, ct);
            Console.WriteLine($"dashboard: pid {dashboard.ProcessId}, logged in; GET /api/stacks lists all {count} bench projects ({loaded.TotalSeconds:F1} s after login)");

            var api = new Probe("Quayside /api/stacks", dashboard.Http, "/api/stacks");
            var raw = new Probe("raw engine", engine.Http, "/containers/json?all=1&filters="
                + Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [BenchStacks.ProjectLabel] })));
            var (pageShown, pageNote) = await PageShowsListAsync(dashboard, stacks, ct);
            var page = pageShown ? new Probe("Quayside page /stacks", dashboard.Http, "/stacks") : null;
            Console.WriteLine("page: " + pageNote);

            for (var i = 0; i < WarmUp; i++)
            {
                await cli.RunAsync(false, ct);
                await api.RunAsync(false, ct);
                if (page is not null)
                    await page.RunAsync(false, ct);
                await raw.RunAsync(false, ct);
            }
            var others = await CheckSameProjectsAsync(engine, dashboard, cli, stacks, ct);

            Console.WriteLine($"timing: {WarmUp} warm-up runs each, then {Rounds} rounds (in turn forwards and backwards)");
            for (var round = 0; round < Rounds; round++)
            {
                var order = new List<Func<Task>> { () => cli.RunAsync(true, ct), () => api.RunAsync(true, ct), () => raw.RunAsync(true, ct) };
                if (page is not null)
                    order.Insert(2, () => page.RunAsync(true, ct));
                if (round % 2 == 1)
                    order.Reverse();
                foreach (var run in order)
                    await run();
            }

            Console.WriteLine($"  {cli.Name}: median {Probe.Ms(Median(cli.Milliseconds))}, p90 {Probe.Ms(NearestRank(cli.Milliseconds, 0.9))}, "
                + $"min {Probe.Ms(cli.Milliseconds.Min())}, max {Probe.Ms(cli.Milliseconds.Max())}, output {cli.LastOutputBytes / 1024.0:F1} KiB");
            foreach (var probe in new[] { api, page, raw }.OfType<Probe>())
            {
                Console.WriteLine($"  {probe.Name} GET {Uri.UnescapeDataString(probe.Path)}: median {Probe.Ms(probe.Median)}, p90 {Probe.Ms(probe.P90)}, "
                    + $"min {Probe.Ms(probe.Milliseconds.Min())}, max {Probe.Ms(probe.Milliseconds.Max())}, body {probe.LastBodyBytes / 1024.0:F1} KiB");
            }

            var cliMedian = Median(cli.Milliseconds);
            var setting = $"{count} stacks × {BenchStacks.Services.Length} services{(others > 0 ? $", + {others} other projects" : "")}";
            var ratio = api.Median / cliMedian;
            results.Add($"stacks list ({setting}): Quayside GET /api/stacks {Probe.Ms(api.Median)} vs {cli.Display} {Probe.Ms(cliMedian)} median "
                + $"→ ratio {ratio:F3} (goal < {RatioGoal:F0}: faster){Missed(ratio < RatioGoal)}");
            results.Add($"stacks list, p90: Quayside {Probe.Ms(api.P90)} vs the CLI {Probe.Ms(NearestRank(cli.Milliseconds, 0.9))} → ratio {api.P90 / NearestRank(cli.Milliseconds, 0.9):F3} (for information)");
            if (page is not null)
            {
                var pageRatio = page.Median / cliMedian;
                results.Add($"stacks page (server-rendered GET /stacks, {page.LastBodyBytes / 1024.0:F0} KiB of HTML; {pageNote}): Quayside {Probe.Ms(page.Median)} vs the CLI {Probe.Ms(cliMedian)} median "
                    + $"→ ratio {pageRatio:F3} (goal < {RatioGoal:F0}: faster){Missed(pageRatio < RatioGoal)}");
            }
            else
                results.Add($"stacks page: no figure ({pageNote})");
            results.Add($"the CLI's engine request alone (raw GET /containers/json?all=1 with the project label filter, what docker ps asks): {Probe.Ms(raw.Median)} median "
                + $"→ Quayside /api/stacks ratio to it {api.Median / raw.Median:F2} (for information: the rest of the CLI's time is mostly starting the docker process)");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench stacks: interrupted");
            exitCode = 130;
        }
        finally
        {
            dashboard?.Dispose();
            dashboard?.ReportProblems();
            if (keep)
                Console.WriteLine($"stacks: kept (--keep); the next run reuses them ({BenchStacks.ComposeFile})");
            else
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await stacks.RemoveAllAsync(cleanup.Token);
                Directory.Delete(BenchStacks.Folder, recursive: true);
                Console.WriteLine($"stacks: removed the {count} bench projects (containers and networks labelled {Engine.LabelFilter} of {BenchStacks.Prefix}* projects)");
            }
        }

        if (results.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Results (stacks)");
            foreach (var line in results)
                Console.WriteLine("  " + line);
        }
        return exitCode;
    }

    /// <summary>The dashboard's stacks: the response's count and each item's name and container total.</summary>
    private sealed record StacksList(int Count, Dictionary<string, int> Totals);

    private static async Task<StacksList?> GetStacksAsync(Dashboard dashboard, CancellationToken ct)
    {
        using var response = await dashboard.Http.GetAsync("/api/stacks", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            throw new BenchException("GET /api/stacks answered 404: this dashboard has no stacks API (src/Quayside.Web/Stacks/StacksFeature.cs).");
        if (!response.IsSuccessStatusCode)
            return null; // the model is still loading
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var root = doc.RootElement;
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Property(root, "items").EnumerateArray())
            totals[Property(item, "name").GetString()!] = Property(item, "total").GetInt32();
        return new StacksList(Property(root, "count").GetInt32(), totals);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p
            ? p.Value : throw new BenchException($"GET /api/stacks: no '{name}' in {element.GetRawText()[..Math.Min(200, element.GetRawText().Length)]}");

    /// <summary>Until the list holds every bench project with its 4 containers: the live model has loaded.</summary>
    private static async Task<TimeSpan> WaitForStacksAsync(Dashboard dashboard, BenchStacks stacks, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var ready = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            var list = await GetStacksAsync(dashboard, ct);
            ready = list is null ? 0 : stacks.Names.Count(n => list.Totals.GetValueOrDefault(n) == BenchStacks.Services.Length);
            if (ready == stacks.Names.Count)
                return clock.Elapsed;
            await Task.Delay(250, ct);
        }
        throw new BenchException($"after 120 s GET /api/stacks lists {ready} of the {stacks.Names.Count} bench projects with {BenchStacks.Services.Length} containers each.");
    }

    /// <summary>
    /// The dashboard counts every compose project the engine holds (from containers, networks and volumes); the CLI's
    /// list has those with containers. Both must hold every bench project, else the timings compare different work.
    /// </summary>
    private static async Task<int> CheckSameProjectsAsync(Engine engine, Dashboard dashboard, CliList cli, BenchStacks stacks, CancellationToken ct)
    {
        var engineProjects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { "/containers/json?all=1&filters=", "/networks?filters=", "/volumes?filters=" })
        {
            using var doc = await engine.GetJsonAsync(kind + Uri.EscapeDataString($"{{\"label\":[\"{BenchStacks.ProjectLabel}\"]}}"), ct);
            var items = doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.GetProperty("Volumes") : doc.RootElement;
            foreach (var item in items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                if (item.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(BenchStacks.ProjectLabel, out var p))
                    engineProjects.Add(p.GetString()!);
            }
        }
        var list = await GetStacksAsync(dashboard, ct) ?? throw new BenchException("GET /api/stacks failed after it had answered.");
        var cliProjects = cli.Projects();
        var missing = stacks.Names.Where(n => !cliProjects.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new BenchException($"{cli.Display} does not list {missing.Count} bench projects (first {missing[0]}).");
        var others = engineProjects.Count(p => !stacks.Names.Contains(p));
        Console.WriteLine($"check: GET /api/stacks count {list.Count} ({list.Totals.Count} items); the engine holds {stacks.Names.Count} bench + {others} other projects "
            + $"= {engineProjects.Count}; the CLI lists {cliProjects.Count} (projects with containers)");
        if (list.Count != engineProjects.Count || list.Totals.Count != list.Count)
            Console.WriteLine("WARNING: the dashboard's count is not the bench projects plus the others (is something else making or removing compose projects?); the timings compare different lists.");
        return others;
    }

    /// <summary>Whether <c>GET /stacks</c> (prerendered from the model) already holds the list: bench projects' names in its HTML.</summary>
    private static async Task<(bool Shown, string Note)> PageShowsListAsync(Dashboard dashboard, BenchStacks stacks, CancellationToken ct)
    {
        using var response = await dashboard.Http.GetAsync("/stacks", ct);
        if (!response.IsSuccessStatusCode)
            return (false, $"GET /stacks answered {(int)response.StatusCode}: the page figure is left out");
        var html = await response.Content.ReadAsStringAsync(ct);
        var named = BenchName().Matches(html).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var shown = stacks.Names.Count(named.Contains);
        return shown == stacks.Names.Count ? (true, $"GET /stacks renders all {shown} bench projects server-side")
            : shown > 0 ? (true, $"GET /stacks renders the first {shown} of the {stacks.Names.Count} bench projects server-side (the rest as the list scrolls)")
            : (false, $"GET /stacks renders none of the {stacks.Names.Count} bench projects server-side (the list comes once the circuit runs): the page figure is left out");
    }

    private static double NearestRank(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    [GeneratedRegex(@"qbs-\d+")]
    private static partial Regex BenchName();
}
