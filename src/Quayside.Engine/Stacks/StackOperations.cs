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
public sealed partial class StackOperations
{
    private readonly EngineHost _host;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ILogger _log;

    public StackOperations(EngineHost host, StackSettings settings)
    {
        _host = host;
        Locator = new StackLocator(settings.StacksRoot, host.Name, host.Endpoint);
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
                var full = Path.GetFullPath(path, location.Directory);
                if (ComposeGuard.IsInside(location.Directory, full) && File.Exists(full))
                    texts.Add(await File.ReadAllTextAsync(full, ct));
            }
        }
        return new SecretMask(texts);
    }

    private void Log(string line, ApplyOutcome outcome, SecretMask mask)
    {
        if (outcome.Ok)
            _log.LogInformation("Stack on {Host}: {Line}: {Message}", _host.Name, mask.Apply(line), mask.Apply(outcome.Message));
        else
            _log.LogWarning("Stack on {Host}: {Line}: {Message}", _host.Name, mask.Apply(line), mask.Apply(outcome.Message));
    }
}
