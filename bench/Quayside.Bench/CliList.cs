using System.Diagnostics;

namespace Quayside.Bench;

/// <summary>
/// The stacks bench's baseline: the command a user runs to list compose projects, timed as a whole process run (what
/// the user waits for). <c>docker compose ls --all</c> where the v2 plugin exists; compose v1 has no <c>ls</c>, so there
/// it is <c>docker ps</c> listing each container's project label and state.
/// </summary>
public sealed class CliList
{
    private readonly string[] _args;
    private readonly bool _composeLs;
    private string _lastOutput = "";

    private CliList(string[] args, bool composeLs, string display)
    {
        _args = args;
        _composeLs = composeLs;
        Display = display;
    }

    public string Display { get; }
    public string Name => _composeLs ? "docker compose ls --all" : "docker ps (project labels)";
    public List<double> Milliseconds { get; } = [];
    public long LastOutputBytes => _lastOutput.Length;

    public static async Task<CliList> DetectAsync(CancellationToken ct)
    {
        if (await BenchStacks.SucceedsAsync("docker", ["compose", "version"], ct))
            return new CliList(["compose", "ls", "--all"], true, "docker compose ls --all");
        const string format = "{{.Label \"" + BenchStacks.ProjectLabel + "\"}} {{.State}}";
        return new CliList(["ps", "-a", "--filter", "label=" + BenchStacks.ProjectLabel, "--format", format], false,
            $"docker ps -a --filter label={BenchStacks.ProjectLabel} --format '{format}'");
    }

    public async Task RunAsync(bool record, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await Commands.RunAsync("docker", _args, ct);
        clock.Stop();
        if (code != 0)
            throw new BenchException($"{Display} failed ({code}): {stderr.Trim()}");
        _lastOutput = stdout;
        if (record)
            Milliseconds.Add(clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>The project names of the last run's output (the first column; <c>ls</c> has a header line).</summary>
    public HashSet<string> Projects() => _lastOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Skip(_composeLs ? 1 : 0)
        .Select(line => line.Split(' ', 2)[0])
        .Where(name => name.Length > 0)
        .ToHashSet(StringComparer.Ordinal);
}
