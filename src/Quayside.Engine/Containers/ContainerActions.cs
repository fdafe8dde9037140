using System.Net;
using System.Text.Json.Nodes;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Containers;

/// <summary>Lifecycle actions on containers. Targets are ids or names; each outcome carries the CLI line it equals.</summary>
public sealed class ContainerActions(HostModel model)
{
    private EngineClient Client => model.Client;

    public Task<ActionOutcome> StartAsync(IReadOnlyList<string> targets, CancellationToken ct = default) =>
        ForEach(targets, DockerCli.Start, "Started", id => Post(EngineRoutes.ContainerStart(id), ct), ct);

    public Task<ActionOutcome> StopAsync(IReadOnlyList<string> targets, int timeoutSeconds, CancellationToken ct = default) =>
        InputRules.StopTimeout(timeoutSeconds) is { } problem
            ? Task.FromResult(ActionOutcome.Refused(DockerCli.Stop(Names(targets), timeoutSeconds), string.Join(", ", targets), problem))
            : ForEach(targets, n => DockerCli.Stop(n, timeoutSeconds), "Stopped", id => Post(EngineRoutes.ContainerStop(id, timeoutSeconds), ct, TimeSpan.FromSeconds(timeoutSeconds + 30)), ct);

    public Task<ActionOutcome> RestartAsync(IReadOnlyList<string> targets, int timeoutSeconds, CancellationToken ct = default) =>
        InputRules.StopTimeout(timeoutSeconds) is { } problem
            ? Task.FromResult(ActionOutcome.Refused(DockerCli.Restart(Names(targets), timeoutSeconds), string.Join(", ", targets), problem))
            : ForEach(targets, n => DockerCli.Restart(n, timeoutSeconds), "Restarted", id => Post(EngineRoutes.ContainerRestart(id, timeoutSeconds), ct, TimeSpan.FromSeconds(timeoutSeconds + 30)), ct);

    public Task<ActionOutcome> PauseAsync(IReadOnlyList<string> targets, CancellationToken ct = default) =>
        ForEach(targets, DockerCli.Pause, "Paused", id => Post(EngineRoutes.ContainerPause(id), ct), ct);

    public Task<ActionOutcome> UnpauseAsync(IReadOnlyList<string> targets, CancellationToken ct = default) =>
        ForEach(targets, DockerCli.Unpause, "Unpaused", id => Post(EngineRoutes.ContainerUnpause(id), ct), ct);

    public Task<ActionOutcome> KillAsync(IReadOnlyList<string> targets, string signal, CancellationToken ct = default) =>
        InputRules.Signal(signal) is { } problem
            ? Task.FromResult(ActionOutcome.Refused(DockerCli.Kill(Names(targets), signal), string.Join(", ", targets), problem))
            : ForEach(targets, n => DockerCli.Kill(n, signal), $"Sent {signal} to", id => Post(EngineRoutes.ContainerKill(id, signal), ct), ct);

    public Task<ActionOutcome> RemoveAsync(IReadOnlyList<string> targets, bool force, bool volumes, CancellationToken ct = default) =>
        ForEach(targets, n => DockerCli.Remove(n, force, volumes), "Removed",
            id => Client.SendAsync(HttpMethod.Delete, EngineRoutes.ContainerRemove(id, force, volumes), ct: ct, timeout: TimeSpan.FromMinutes(2)), ct);

    public async Task<ActionOutcome> RenameAsync(string target, string newName, CancellationToken ct = default)
    {
        var current = DisplayName(target);
        var cli = DockerCli.Rename(current, newName);
        if (InputRules.ContainerName(newName) is { } problem)
            return ActionOutcome.Refused(cli, current, problem);
        return new ActionOutcome(cli, [await Attempt(current, $"Renamed {current} to {newName}.",
            () => Post(EngineRoutes.ContainerRename(target, newName), ct), ct)]);
    }

    /// <summary>Removes every stopped container (optionally only those with a label), like <c>docker container prune -f</c>.</summary>
    public async Task<ActionOutcome> PruneAsync(string? label = null, CancellationToken ct = default)
    {
        return new ActionOutcome(DockerCli.ContainerPrune(label), [await ActionAttempt.RunAsync("stopped containers", Client.Endpoint, async () =>
        {
            var (_, body) = await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainersPrune(label is null ? null : EngineRoutes.Filter("label", label)), ct: ct, timeout: TimeSpan.FromMinutes(10));
            var deleted = body?["ContainersDeleted"]?.AsArray().Count ?? 0;
            var space = body?["SpaceReclaimed"]?.GetValue<long>() ?? 0;
            return $"Removed {deleted} stopped container{(deleted == 1 ? "" : "s")}, reclaimed {ByteSize.Format(space)}.";
        }, nameFailures: false, ct)]);
    }

    /// <summary>The writable-layer and root-fs sizes (expensive for the engine, so only on request).</summary>
    public async Task<IReadOnlyDictionary<string, (long? Rw, long? RootFs)>> SizesAsync(CancellationToken ct = default)
    {
        var list = await Client.GetAsync<List<ContainerSummary>>(EngineRoutes.ContainersList(all: true, size: true), ct, TimeSpan.FromMinutes(5));
        return list.ToDictionary(c => c.Id, c => (c.SizeRw, c.SizeRootFs));
    }

    private string DisplayName(string target) => model.FindContainer(target)?.Name ?? target;

    private IReadOnlyList<string> Names(IReadOnlyList<string> targets) => targets.Select(DisplayName).ToList();

    private Task<(HttpStatusCode Status, JsonNode? Body)> Post(string path, CancellationToken ct, TimeSpan? timeout = null) =>
        Client.SendAsync(HttpMethod.Post, path, ct: ct, timeout: timeout);

    private async Task<ActionOutcome> ForEach(IReadOnlyList<string> targets, Func<IEnumerable<string>, string> cli, string pastTense,
        Func<string, Task<(HttpStatusCode Status, JsonNode? Body)>> call, CancellationToken ct)
    {
        var names = Names(targets);
        var results = await Task.WhenAll(targets.Select((t, i) => Attempt(names[i], $"{pastTense} {names[i]}.", () => call(t), ct)));
        return new ActionOutcome(cli(names), results);
    }

    private Task<ActionResult> Attempt(string name, string success, Func<Task<(HttpStatusCode Status, JsonNode? Body)>> call, CancellationToken ct) =>
        ActionAttempt.RunAsync(name, Client.Endpoint, async () => (await call()).Status == HttpStatusCode.NotModified
            ? $"{name}: nothing to do, it was already in that state."
            : success, nameFailures: true, ct);
}
