using System.Diagnostics;
using Quayside.Engine.Connection;
using Quayside.Engine.Stats;
using static Quayside.Bench.Figures;

namespace Quayside.Bench;

/// <summary>
/// The stats benchmark (<c>./quayside.sh bench --stats</c>): with N running containers, (1) the time until every
/// container has a CPU and a memory figure, against <c>docker stats --no-stream</c> for the same containers; (2) the
/// CPU the stats collectors use while 5 viewers watch all N containers, against the <c>docker stats</c> CLI streaming
/// the same containers. Both sides in the same run. Measured in-process on the dashboard's own <see cref="StatsHub"/>.
/// </summary>
public static class StatsBench
{
    public const string Label = "quayside.bench.stats";
    private const double FirstFiguresGoalSeconds = 2.5;
    private const double CpuGoalPercent = 5;
    private const int Rounds = 3;
    private const int Viewers = 5;
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var count = 50;
        var keep = args.Contains("--keep");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--containers" && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0)
                count = n;
        }
        var results = new List<string>();
        var names = Enumerable.Range(1, count).Select(i => $"qbs-{i:D3}").ToList();
        using var client = new EngineClient(EngineEndpoint.FromEnvironment());
        Console.WriteLine($"Quayside stats bench: {count} running containers, engine at {client.Endpoint.Address}, {Environment.ProcessorCount} cores");
        try
        {
            var clock = Stopwatch.StartNew();
            await EnsureRunningAsync(names, ct);
            Console.WriteLine($"containers: {count} running ({clock.Elapsed.TotalSeconds:F1} s to prepare)");
            var ids = (await Commands.DockerOutputAsync(["inspect", "--format", "{{.Id}}", .. names], ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

            // 1. First figures: CLI and Quayside alternately, fresh collectors each round.
            var cli = new List<double>();
            var ours = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                cli.Add(await TimeCliNoStreamAsync(names, ct));
                ours.Add(await TimeFirstFiguresAsync(client, ids, ct));
                Console.WriteLine($"  round {round + 1}: docker stats --no-stream {cli[^1]:F2} s, Quayside every container with CPU and memory {ours[^1]:F2} s");
            }
            var oursMedian = Median(ours);
            var cliMedian = Median(cli);
            results.Add($"first CPU+memory for all {count} containers: Quayside {oursMedian:F2} s vs docker stats --no-stream {cliMedian:F2} s median "
                + $"→ ratio {oursMedian / cliMedian:F2} (goal ≤ {FirstFiguresGoalSeconds} s){Missed(oursMedian <= FirstFiguresGoalSeconds)}");

            // 2. CPU while 5 viewers watch every container, then the docker CLI streaming the same containers.
            var ourCpu = await MeasureCollectorCpuAsync(client, ids, ct);
            var cliCpu = await MeasureCliStreamCpuAsync(names, ct);
            results.Add($"CPU while {Viewers} viewers watch {count} containers: Quayside collectors {ourCpu:F2}% of one core vs docker stats (streaming) {cliCpu:F2}% "
                + $"→ ratio {ourCpu / cliCpu:F2} (goal ≤ {CpuGoalPercent}% of one core){Missed(ourCpu <= CpuGoalPercent)}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: interrupted");
            return 130;
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"bench: FAILED: {e.Message}");
            return 1;
        }
        finally
        {
            if (!keep)
            {
                await Commands.RunAsync("docker", ["rm", "-f", .. names], CancellationToken.None);
                Console.WriteLine($"stats bench containers: removed (label {Label}=1)");
            }
        }
        Console.WriteLine();
        Console.WriteLine("Results");
        foreach (var line in results)
            Console.WriteLine("  " + line);
        return 0;
    }

    private static async Task EnsureRunningAsync(List<string> names, CancellationToken ct)
    {
        var running = (await Commands.DockerOutputAsync(["ps", "--filter", $"label={Label}=1", "--filter", "status=running", "--format", "{{.Names}}"], ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var missing = names.Where(n => !running.Contains(n)).ToList();
        if (missing.Count > 0)
            await Commands.RunAsync("docker", ["rm", "-f", .. missing], ct);
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Engine.Parallelism, CancellationToken = ct }, async (name, token) =>
            await Commands.DockerOutputAsync(["run", "-d", "--init", "--name", name, "--label", $"{Label}=1", "--label", "quayside.test=1", Engine.Image, "sleep", "100000"], token));
    }

    private static async Task<double> TimeCliNoStreamAsync(List<string> names, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var output = await Commands.DockerOutputAsync(["stats", "--no-stream", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}}", .. names], ct);
        clock.Stop();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (lines != names.Count)
            throw new BenchException($"docker stats --no-stream printed {lines} lines for {names.Count} containers.");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>From the first subscription until every container's latest sample has a CPU and a memory figure.</summary>
    private static async Task<double> TimeFirstFiguresAsync(EngineClient client, List<string> ids, CancellationToken ct)
    {
        await using var hub = new StatsHub(client);
        var clock = Stopwatch.StartNew();
        var subscriptions = ids.Select(id => hub.Subscribe(id)).ToList();
        var deadline = TimeSpan.FromSeconds(30);
        while (!ids.All(id => hub.Latest(id) is { CpuPercent: not null, MemoryUsage: > 0 }))
        {
            if (clock.Elapsed > deadline)
                throw new BenchException($"after {deadline.TotalSeconds} s only {ids.Count(id => hub.Latest(id) is { CpuPercent: not null })} of {ids.Count} containers had figures.");
            await Task.Delay(5, ct);
        }
        clock.Stop();
        subscriptions.ForEach(s => s.Dispose());
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>This process's CPU while <see cref="Viewers"/> viewers each watch every container and format each sample as the page does.</summary>
    private static async Task<double> MeasureCollectorCpuAsync(EngineClient client, List<string> ids, CancellationToken ct)
    {
        await using var hub = new StatsHub(client);
        long formatted = 0;
        var subscriptions = Enumerable.Range(0, Viewers)
            .SelectMany(viewer => ids.Select(id => hub.Subscribe(id, s =>
            {
                _ = StatsFormat.Percent(s.CpuPercent) + StatsFormat.MemoryUsage(s) + StatsFormat.Io(s.NetRx, s.NetTx);
                Interlocked.Increment(ref formatted);
            })))
            .ToList();
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // streams open, first samples in
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var samplesBefore = Interlocked.Read(ref formatted);
        var clock = Stopwatch.StartNew();
        await Task.Delay(CpuWindow, ct);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - before).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
        var delivered = Interlocked.Read(ref formatted) - samplesBefore;
        Console.WriteLine($"  Quayside: {hub.CollectorCount} collectors, {delivered} samples delivered to viewers in {clock.Elapsed.TotalSeconds:F0} s, CPU {cpu:F2}% of one core");
        subscriptions.ForEach(s => s.Dispose());
        return cpu;
    }

    /// <summary>The docker CLI's own CPU (from /proc) while <c>docker stats</c> streams the same containers for the same time.</summary>
    private static async Task<double> MeasureCliStreamCpuAsync(List<string> names, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "stats", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.NetIO}}" }.Concat(names))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new BenchException("could not start docker stats");
        var drain = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, ct);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var before = ProcessCpu(process.Id);
            var clock = Stopwatch.StartNew();
            await Task.Delay(CpuWindow, ct);
            var cpu = (ProcessCpu(process.Id) - before).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
            Console.WriteLine($"  docker stats: CPU {cpu:F2}% of one core over {clock.Elapsed.TotalSeconds:F0} s");
            return cpu;
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            await drain.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>User + system time of a process, from /proc/PID/stat (clock ticks of 1/100 s on Linux).</summary>
    private static TimeSpan ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15)
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
