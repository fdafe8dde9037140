using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quayside.Engine.Hosts;

namespace Quayside.Engine.Stacks;

/// <summary>
/// A host's compose stacks: found from the live model, their files read and written where they are, every change
/// checked by the real <c>compose config</c>, applied with <c>up -d --remove-orphans</c>, kept in the history and, when
/// the changed services fail their health gate, rolled back to what ran before.
/// </summary>
public sealed partial class StackOperations : IDisposable
{
    private readonly EngineHost _host;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private readonly SftpStackDisk? _remote;

    public StackOperations(EngineHost host, StackSettings settings)
    {
        _host = host;
        _remote = host.Client.Dialer is Connection.SshDialer ssh ? new SftpStackDisk(ssh) : null;
        Locator = new StackLocator(settings.StacksRoot, host.Name, host.Endpoint, _remote);
        History = new StackHistory(Locator.HostFolder, settings.Protector);
        _log = settings.Logs?.CreateLogger<StackOperations>() ?? NullLogger<StackOperations>.Instance;
    }

    public StackLocator Locator { get; }
    public StackHistory History { get; }
    public ComposeRunner Runner => _host.Get<ComposeRunner>();
    private StackHealthGate Gate => _host.Get<StackHealthGate>();

    /// <summary>Every project on the host (from the model's labels) and every stack kept in the data folder, by name.</summary>
    public IReadOnlyList<StackSummary> List()
    {
        var found = StackIndex.From(_host.Model);
        var names = found.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return found.Concat(Locator.ManagedNames().Where(n => !names.Contains(n)).Select(Empty))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public StackSummary? Find(string name) =>
        StackIndex.Find(_host.Model, name) ?? (Locator.IsManaged(name) ? Empty(name) : null);

    public StackLocation Locate(string name) => Locator.Locate(name, StackIndex.Find(_host.Model, name));

    public Task<Dictionary<string, string>> ReadFilesAsync(string name, CancellationToken ct = default) =>
        StackFileSet.ReadAsync(Locate(name), ct);

    /// <summary>The line an action on the stack runs, as the page shows it.</summary>
    public string Line(string name, params string[] command) => Runner.Line(Locate(name).Project, command);

    private static StackSummary Empty(string name) => new(name, [], [], [], null, [], null, null, null);

    private async Task<IDisposable> LockAsync(string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>The values to hide for this stack: its .env and the env_file files its compose files name inside its folder.</summary>
    private async Task<SecretMask> MaskAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        var texts = new List<string>();
        if (files.TryGetValue(location.EnvFile, out var env))
            texts.Add(env);
        foreach (var compose in location.ComposeFiles.Select(f => files.GetValueOrDefault(f) ?? ""))
        {
            foreach (var path in ComposeGuard.EnvFilePaths(compose))
            {
                var full = Path.GetFullPath(path, location.Directory.TrimEnd('/') + "/");
                if (!path.Contains('$') && await location.Disk.IsInsideAsync(location.Directory, full, ct) && await location.Disk.ReadAsync(full, ct) is { } text)
                    texts.Add(text);
            }
        }
        return new SecretMask(texts);
    }

    /// <summary>
    /// Runs a compose command on the stack's files. Compose reads files on this machine: for an engine's machine the
    /// files are staged here, resolved by compose config, and run from that resolved file with the project's real folder.
    /// </summary>
    private async Task<ComposeResult> RunComposeAsync(StackLocation location, IReadOnlyDictionary<string, string> files, IReadOnlyList<string> command,
        Action<string>? onLine, CancellationToken ct)
    {
        if (location.Disk.IsLocal)
            return await Runner.RunAsync(location.Project, command, onLine, ct);
        using var stage = await StackFileSet.StageAsync(location, files, ct);
        var config = await Runner.RunAsync(stage.Project, ["config"], null, ct);
        if (!config.Ok)
            return config with { Output = [.. config.Output.Select(stage.Real)] };
        var path = Path.Combine(Path.GetDirectoryName(stage.Env)!, ".quayside-resolved.yml");
        await File.WriteAllTextAsync(path, stage.Real(config.Text), ct);
        var project = new ComposeProject(location.Project.Name, location.Directory, [path], null, NamesDirectory: true);
        var result = await Runner.RunAsync(project, command, onLine is null ? null : l => onLine(stage.Real(l)), ct);
        return result with { Output = [.. result.Output.Select(stage.Real)] };
    }

    public void Dispose() => _remote?.Dispose();

    private void Log(string line, ApplyOutcome outcome, SecretMask mask)
    {
        if (outcome.Ok)
            _log.LogInformation("Stack on {Host}: {Line}: {Message}", _host.Name, mask.Apply(line), mask.Apply(outcome.Message));
        else
            _log.LogWarning("Stack on {Host}: {Line}: {Message}", _host.Name, mask.Apply(line), mask.Apply(outcome.Message));
    }
}
