using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Quayside.Bench;

/// <summary>
/// The raw Engine API over its unix socket: the baseline of every ratio, and the tool that makes the bench containers.
/// Deliberately independent of Quayside.Engine, so the baseline does not share the code it is compared with.
/// </summary>
public sealed class Engine : IDisposable
{
    public const string Image = "quayside-lab/busybox:latest";
    public const string Label = "quayside.bench";
    public const string LabelFilter = Label + "=1";
    public const int Parallelism = 8;

    public Engine(string socketPath)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string SocketPath { get; }

    /// <summary>Keeps its connections open between calls, as the dashboard's own engine client does.</summary>
    public HttpClient Http { get; }

    /// <summary>The socket named by DOCKER_HOST (unix:// only), else /var/run/docker.sock.</summary>
    public static string SocketPathFromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(host))
            return "/var/run/docker.sock";
        if (host.StartsWith("unix://", StringComparison.Ordinal))
            return host["unix://".Length..];
        throw new BenchException($"DOCKER_HOST={host}: the benchmark measures the engine over a unix socket; unset DOCKER_HOST or point it at unix:///path.");
    }

    public static string ContainerName(int index, int count) => "qb-" + index.ToString("D" + Math.Max(4, count.ToString().Length));

    /// <summary>Fails with a sentence when the engine does not answer or the lab image is missing.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            using var version = await Http.GetAsync("/version", ct);
            version.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            throw new BenchException($"the Docker engine does not answer on {SocketPath} ({e.Message}); run scripts/start-dockerd.sh.");
        }
        using var image = await Http.GetAsync($"/images/{Image}/json", ct);
        if (image.StatusCode == HttpStatusCode.NotFound)
            throw new BenchException($"the image {Image} is missing; run scripts/lab-images.sh (./quayside.sh bench does).");
        image.EnsureSuccessStatusCode();
    }

    /// <summary>The containers labelled quayside.bench=1, as (id, name).</summary>
    public async Task<List<(string Id, string Name)>> ListBenchContainersAsync(CancellationToken ct)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [LabelFilter] }));
        using var doc = await GetJsonAsync($"/containers/json?all=1&filters={filters}", ct);
        return [.. doc.RootElement.EnumerateArray().Select(c => (
            c.GetProperty("Id").GetString()!,
            c.GetProperty("Names").EnumerateArray().Select(n => n.GetString()!.TrimStart('/')).FirstOrDefault() ?? ""))];
    }

    /// <summary>
    /// Makes qb-0001..qb-N exist (created, not started), reusing those of an earlier run and removing bench
    /// containers beyond N, so that the label filter lists exactly N.
    /// </summary>
    public async Task EnsureBenchContainersAsync(int count, CancellationToken ct)
    {
        var existing = await ListBenchContainersAsync(ct);
        var wanted = Enumerable.Range(1, count).Select(i => ContainerName(i, count)).ToHashSet();
        var extra = existing.Where(c => !wanted.Contains(c.Name)).Select(c => c.Id).ToList();
        var missing = wanted.Except(existing.Select(c => c.Name)).Order(StringComparer.Ordinal).ToList();
        var reused = count - missing.Count;

        if (extra.Count > 0)
        {
            await RemoveAsync(extra, ct);
            Console.WriteLine($"bench containers: removed {extra.Count} left from an earlier run with another count");
        }
        if (missing.Count == 0)
        {
            Console.WriteLine($"bench containers: all {count} reused from an earlier run (nothing created)");
            return;
        }
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (name, token) => await CreateAsync(name, token));
        clock.Stop();
        Console.WriteLine($"bench containers: created {missing.Count} in {clock.Elapsed.TotalSeconds:F1} s "
            + $"({clock.Elapsed.TotalMilliseconds / missing.Count:F1} ms each, {Parallelism} in parallel); {reused} reused");
    }

    private async Task CreateAsync(string name, CancellationToken ct)
    {
        var body = new
        {
            Image,
            Cmd = new[] { "true" },
            Labels = new Dictionary<string, string> { [Label] = "1" },
        };
        using var response = await Http.PostAsJsonAsync($"/containers/create?name={Uri.EscapeDataString(name)}", body, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"creating {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>docker rm -f -v, <see cref="Parallelism"/> at a time; one already gone is fine.</summary>
    public async Task RemoveAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (id, token) =>
        {
            using var response = await Http.DeleteAsync($"/containers/{Uri.EscapeDataString(id)}?force=1&v=1", token);
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                throw new BenchException($"removing {id} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
        });
    }

    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await Http.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"engine GET {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>A failure of the benchmark itself (not a missed goal), told in a sentence.</summary>
public sealed class BenchException(string message) : Exception(message);
