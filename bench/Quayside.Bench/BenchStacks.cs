using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Quayside.Bench;

/// <summary>
/// The stacks bench's compose projects <c>qbs-01</c> … <c>qbs-N</c>, made by the real compose CLI from one file of 4
/// busybox <c>sleep</c> services (labelled <c>quayside.bench=1</c>, their default network too), 4 projects at a time.
/// Removed through the raw engine by their labels, whoever made them.
/// </summary>
public sealed class BenchStacks(Engine engine, int count, bool running)
{
    public const string Prefix = "qbs-";
    public const string ProjectLabel = "com.docker.compose.project";
    public static readonly string[] Services = ["web", "api", "worker", "cache"];
    private const int Parallelism = 4;

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "quayside-bench-stacks");

    public static string ComposeFile => Path.Combine(Folder, "compose.yaml");

    /// <summary>
    /// Each project's network gets its own /28 from 10.213.0.0/16: the engine's default pools hold about 30 networks, which
    /// 50 projects would exhaust (and with them every other network the machine's tests need).
    /// </summary>
    private const string SubnetVariable = "QBS_SUBNET";

    private static string Subnet(int index) => $"10.213.{index / 16}.{index % 16 * 16}/28";

    public List<string> Names { get; } = Enumerable.Range(1, count)
        .Select(i => Prefix + i.ToString("D" + Math.Max(2, count.ToString().Length))).ToList();

    /// <summary><c>docker-compose</c> (v1) when installed, else the <c>docker compose</c> plugin (v2).</summary>
    public static async Task<(string File, string[] Args)> ComposeCommandAsync(CancellationToken ct)
    {
        if (await SucceedsAsync("docker-compose", ["version"], ct))
            return ("docker-compose", []);
        if (await SucceedsAsync("docker", ["compose", "version"], ct))
            return ("docker", ["compose"]);
        throw new BenchException("neither docker-compose (v1) nor the docker compose plugin (v2) is installed: the stacks bench makes its projects with the compose CLI.");
    }

    public static async Task<bool> SucceedsAsync(string file, string[] args, CancellationToken ct)
    {
        try
        {
            return (await Commands.RunAsync(file, args, ct)).Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    /// <summary>
    /// Makes every project exist with its 4 containers (running ones too with <c>running</c>), reusing complete ones
    /// left by an earlier <c>--keep</c> run; bench projects numbered above N are removed.
    /// </summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(ComposeFile, Yaml(), ct);
        var wanted = Names.ToHashSet(StringComparer.Ordinal);
        var containers = await ContainersAsync(ct);
        var extra = containers.Select(c => c.Project).Where(p => !wanted.Contains(p)).ToHashSet(StringComparer.Ordinal);
        if (extra.Count > 0)
        {
            await RemoveAsync(extra.Contains, ct);
            Console.WriteLine($"stacks: removed {extra.Count} bench project(s) left from an earlier run with another count");
        }
        var complete = containers.GroupBy(c => c.Project)
            .Where(g => g.Select(c => c.Service).ToHashSet().SetEquals(Services) && g.Count() == Services.Length && (!running || g.All(c => c.State == "running")))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var missing = Names.Where(n => !complete.Contains(n)).ToList();
        if (missing.Count == 0)
        {
            Console.WriteLine($"stacks: all {count} reused from an earlier run (nothing created)");
            return;
        }
        var (file, prefix) = await ComposeCommandAsync(ct);
        string[] up = running ? ["up", "-d"] : ["up", "--no-start"];
        var clock = Stopwatch.StartNew();
        // A failure does not cancel the others: a compose process left running would create its project after the clean-up.
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (name, token) =>
        {
            var subnet = new Dictionary<string, string> { [SubnetVariable] = Subnet(Names.IndexOf(name)) };
            var (code, stdout, stderr) = await Commands.RunAsync(file, [.. prefix, "-p", name, "-f", ComposeFile, .. up], token, subnet);
            if (code != 0)
                failures.Enqueue($"{string.Join(' ', [file, .. prefix])} -p {name} {string.Join(' ', up)} failed ({code}): {(stderr + stdout).Trim()}");
        });
        if (!failures.IsEmpty)
            throw new BenchException($"{failures.Count} of {missing.Count} projects could not be made; the first: {failures.First()}");
        Console.WriteLine($"stacks: {SubnetVariable}=10.213.x.y/28 {string.Join(' ', [file, .. prefix])} -p NAME -f {ComposeFile} {string.Join(' ', up)} for {missing.Count} projects "
            + $"in {clock.Elapsed.TotalSeconds:F1} s ({Parallelism} at a time); {count - missing.Count} reused");
    }

    /// <summary>Every bench project's containers and networks (those of <c>qbs-*</c> projects labelled quayside.bench=1).</summary>
    public async Task RemoveAllAsync(CancellationToken ct) => await RemoveAsync(_ => true, ct);

    private async Task RemoveAsync(Func<string, bool> project, CancellationToken ct)
    {
        var ids = (await ContainersAsync(ct)).Where(c => project(c.Project)).Select(c => c.Id).ToList();
        await engine.RemoveAsync(ids, ct);
        using var networks = await engine.GetJsonAsync("/networks?filters=" + LabelFilters(), ct);
        foreach (var network in networks.RootElement.EnumerateArray())
        {
            if (ProjectOf(network, "Labels") is { } name && project(name))
            {
                using var response = await engine.Http.DeleteAsync("/networks/" + network.GetProperty("Id").GetString(), ct);
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                    throw new BenchException($"removing the network of {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        }
    }

    private sealed record BenchContainer(string Id, string Project, string Service, string State);

    private async Task<List<BenchContainer>> ContainersAsync(CancellationToken ct)
    {
        using var doc = await engine.GetJsonAsync("/containers/json?all=1&filters=" + LabelFilters(), ct);
        return [.. doc.RootElement.EnumerateArray()
            .Where(c => ProjectOf(c, "Labels") is not null)
            .Select(c => new BenchContainer(c.GetProperty("Id").GetString()!, ProjectOf(c, "Labels")!,
                c.GetProperty("Labels").TryGetProperty("com.docker.compose.service", out var s) ? s.GetString() ?? "" : "",
                c.GetProperty("State").GetString() ?? ""))];
    }

    private static string LabelFilters() =>
        Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [Engine.LabelFilter, ProjectLabel] }));

    /// <summary>The bench project an object belongs to, or null when it is not one (another project, or none).</summary>
    private static string? ProjectOf(JsonElement item, string labels) =>
        item.TryGetProperty(labels, out var l) && l.ValueKind == JsonValueKind.Object && l.TryGetProperty(ProjectLabel, out var p)
            && p.GetString() is { } name && name.StartsWith(Prefix, StringComparison.Ordinal) ? name : null;

    private static string Yaml()
    {
        var services = string.Concat(Services.Select(s => $$"""
              {{s}}:
                image: {{Engine.Image}}
                init: true
                command: ["sleep", "100000000"]
                labels: {{{Engine.Label}}: "1"}

            """));
        return "services:\n" + services + $$"""
            networks:
              default:
                labels: {{{Engine.Label}}: "1"}
                ipam:
                  config:
                    - subnet: "${{{SubnetVariable}}:-{{Subnet(0)}}}"

            """;
    }
}
