using System.Diagnostics;
using System.Security.Cryptography;

namespace Quayside.Bench;

/// <summary>
/// <c>./quayside.sh bench save [--mb N] [--keep]</c>: the dashboard's memory while it streams a large image's
/// <c>docker save</c> tar to a client, and its throughput against <c>docker save -o</c> and the raw engine, same run.
/// </summary>
public static class SaveBench
{
    public const string Image = "quayside-bench/save:latest";
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(25);

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var mb = 768;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--mb" && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0)
                {
                mb = n;
                i++;
            }
            else if (args[i] == "--keep")
                keep = true;
            else
            {
                Console.Error.WriteLine($"bench save: unknown or incomplete option '{args[i]}'. Usage: ./quayside.sh bench save [--mb N] [--keep]");
                return 2;
            }
        }

        using var engine = new Engine(Engine.SocketPathFromEnvironment());
        await engine.CheckAsync(ct);
        var imageBytes = await EnsureImageAsync(mb, ct);
        Console.WriteLine($"image: {Image}, {imageBytes / 1e6:F0} MB");

        var dll = await Dashboard.EnsureBuiltAsync(repoRoot, ct);
        using var dashboard = await Dashboard.StartAsync(repoRoot, dll, ct);
        await dashboard.LoginAsync(ct);
        Console.WriteLine($"dashboard: pid {dashboard.ProcessId}, logged in");
        try
        {
            // Baseline 1: the CLI writing the tar to a file.
            var file = Path.Combine(Path.GetTempPath(), $"quayside-bench-save-{Guid.NewGuid():N}.tar");
            var clock = Stopwatch.StartNew();
            await Commands.DockerOutputAsync(["save", "-o", file, Image], ct);
            var cliSeconds = clock.Elapsed.TotalSeconds;
            var tarBytes = new FileInfo(file).Length;
            File.Delete(file);

            // Baseline 2: the raw engine endpoint read to the end.
            var (rawSeconds, rawBytes) = await DrainAsync(engine.Http, "/images/get?names=" + Uri.EscapeDataString(Image), null, ct);

            // The dashboard: the same tar through /api/images/save, sampling its memory meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var before = dashboard.Memory();
            long peakRss = before.RssKiB;
            var (dashSeconds, dashBytes) = await DrainAsync(dashboard.Http, "/api/images/save?names=" + Uri.EscapeDataString(Image),
                () => peakRss = Math.Max(peakRss, dashboard.Memory().RssKiB), ct);
            var after = dashboard.Memory();

            if (dashBytes != rawBytes)
                throw new BenchException($"the dashboard sent {dashBytes} bytes, the engine {rawBytes}: not the same tar.");
            var growthMb = (peakRss - before.RssKiB) / 1024.0;
            var tarMb = tarBytes / 1048576.0;
            Console.WriteLine();
            Console.WriteLine("Results (save)");
            Console.WriteLine($"  image tar: {tarMb:F0} MiB (docker save -o wrote {tarBytes} bytes; the dashboard streamed {dashBytes})");
            Console.WriteLine($"  dashboard RSS: {before.RssMb:F1} MiB before, peak {peakRss / 1024.0:F1} MiB during the download, {after.RssMb:F1} MiB after " +
                $"→ growth {growthMb:F1} MiB = {growthMb / tarMb * 100:F1} % of the tar (goal: flat, ≪ 100 %)   [{after.Parts}]");
            Console.WriteLine($"  throughput: dashboard {Rate(dashBytes, dashSeconds)}, raw engine {Rate(rawBytes, rawSeconds)}, docker save -o {Rate(tarBytes, cliSeconds)} " +
                $"→ ratio dashboard/raw engine {rawSeconds / dashSeconds:F2}, dashboard/docker save -o {cliSeconds / dashSeconds:F2} (1.0 = as fast)");
            return 0;
        }
        finally
        {
            if (!keep)
                await Commands.RunAsync("docker", ["rmi", "-f", Image], CancellationToken.None);
        }
    }

    private static string Rate(long bytes, double seconds) => $"{bytes / 1048576.0 / seconds:F0} MiB/s ({seconds:F2} s)";

    private static async Task<(double Seconds, long Bytes)> DrainAsync(HttpClient http, string path, Action? sample, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[256 * 1024];
        long total = 0;
        var lastSample = TimeSpan.Zero;
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (sample is not null && clock.Elapsed - lastSample >= Sample)
            {
                sample();
                lastSample = clock.Elapsed;
            }
        }
        sample?.Invoke();
        return (clock.Elapsed.TotalSeconds, total);
    }

    /// <summary>A FROM scratch image holding one file of random (incompressible) bytes; reused when it has the size asked for.</summary>
    private static async Task<long> EnsureImageAsync(int mb, CancellationToken ct)
    {
        var size = (await Commands.RunAsync("docker", ["image", "inspect", "--format", "{{.Size}}", Image], ct)).Stdout;
        if (long.TryParse(size.Trim(), out var existing) && Math.Abs(existing - mb * 1048576L) < 1048576)
            return existing;
        var dir = Directory.CreateTempSubdirectory("quayside-bench-image-").FullName;
        try
        {
            Console.WriteLine($"image: writing {mb} MiB of random data and building {Image}");
            await using (var blob = File.Create(Path.Combine(dir, "blob")))
            {
                var chunk = new byte[1048576];
                for (var i = 0; i < mb; i++)
                {
                    RandomNumberGenerator.Fill(chunk);
                    await blob.WriteAsync(chunk, ct);
                }
            }
            await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), "FROM scratch\nCOPY blob /blob\n", ct);
            await Commands.DockerOutputAsync(["build", "-q", "-t", Image, "--label", "quayside.bench=1", dir], ct);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return long.Parse((await Commands.DockerOutputAsync(["image", "inspect", "--format", "{{.Size}}", Image], ct)).Trim());
    }

}
