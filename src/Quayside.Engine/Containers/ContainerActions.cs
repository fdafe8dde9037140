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

    public ActionPlan PlanStart(IReadOnlyList<string> targets) =>
        ForEach(targets, DockerCli.Start, "Started", (id, ct) => Post(EngineRoutes.ContainerStart(id), ct));

    public Task<ActionOutcome> StartAsync(IReadOnlyList<string> targets, CancellationToken ct = default) => PlanStart(targets).RunAsync(ct);

    public ActionPlan PlanStop(IReadOnlyList<string> targets, int timeoutSeconds) =>
        ForEach(targets, n => DockerCli.Stop(n, timeoutSeconds), "Stopped", (id, ct) => Post(EngineRoutes.ContainerStop(id, timeoutSeconds), ct, TimeSpan.FromSeconds(timeoutSeconds + 30)),
            InputRules.StopTimeout(timeoutSeconds));

    public Task<ActionOutcome> StopAsync(IReadOnlyList<string> targets, int timeoutSeconds, CancellationToken ct = default) =>
        PlanStop(targets, timeoutSeconds).RunAsync(ct);

    public ActionPlan PlanRestart(IReadOnlyList<string> targets, int timeoutSeconds) =>
        ForEach(targets, n => DockerCli.Restart(n, timeoutSeconds), "Restarted", (id, ct) => Post(EngineRoutes.ContainerRestart(id, timeoutSeconds), ct, TimeSpan.FromSeconds(timeoutSeconds + 30)),
            InputRules.StopTimeout(timeoutSeconds));

    public Task<ActionOutcome> RestartAsync(IReadOnlyList<string> targets, int timeoutSeconds, CancellationToken ct = default) =>
        PlanRestart(targets, timeoutSeconds).RunAsync(ct);

    public ActionPlan PlanPause(IReadOnlyList<string> targets) =>
        ForEach(targets, DockerCli.Pause, "Paused", (id, ct) => Post(EngineRoutes.ContainerPause(id), ct));

    public Task<ActionOutcome> PauseAsync(IReadOnlyList<string> targets, CancellationToken ct = default) => PlanPause(targets).RunAsync(ct);

    public ActionPlan PlanUnpause(IReadOnlyList<string> targets) =>
        ForEach(targets, DockerCli.Unpause, "Unpaused", (id, ct) => Post(EngineRoutes.ContainerUnpause(id), ct));

    public Task<ActionOutcome> UnpauseAsync(IReadOnlyList<string> targets, CancellationToken ct = default) => PlanUnpause(targets).RunAsync(ct);

    public ActionPlan PlanKill(IReadOnlyList<string> targets, string signal) =>
        ForEach(targets, n => DockerCli.Kill(n, signal), $"Sent {signal} to", (id, ct) => Post(EngineRoutes.ContainerKill(id, signal), ct),
            InputRules.Signal(signal));

    public Task<ActionOutcome> KillAsync(IReadOnlyList<string> targets, string signal, CancellationToken ct = default) =>
        PlanKill(targets, signal).RunAsync(ct);

    public ActionPlan PlanRemove(IReadOnlyList<string> targets, bool force, bool volumes) =>
        ForEach(targets, n => DockerCli.Remove(n, force, volumes), "Removed",
            (id, ct) => Client.SendAsync(HttpMethod.Delete, EngineRoutes.ContainerRemove(id, force, volumes), ct: ct, timeout: TimeSpan.FromMinutes(2)));

    public Task<ActionOutcome> RemoveAsync(IReadOnlyList<string> targets, bool force, bool volumes, CancellationToken ct = default) =>
        PlanRemove(targets, force, volumes).RunAsync(ct);

    /// <summary>The lifecycle actions that take many containers, by the names the API and the pages use.</summary>
    public static readonly IReadOnlyList<string> BulkActions = ["start", "stop", "restart", "pause", "unpause", "kill", "remove"];

    /// <summary>The plan of a bulk action by name (see <see cref="BulkActions"/>); null for an unknown name.</summary>
    public ActionPlan? PlanBulk(string action, IReadOnlyList<string> targets, int timeoutSeconds = 10, string signal = "SIGKILL", bool force = false, bool volumes = false) =>
        action switch
        {
            "start" => PlanStart(targets),
            "stop" => PlanStop(targets, timeoutSeconds),
            "restart" => PlanRestart(targets, timeoutSeconds),
            "pause" => PlanPause(targets),
            "unpause" => PlanUnpause(targets),
            "kill" => PlanKill(targets, signal),
            "remove" => PlanRemove(targets, force, volumes),
            _ => null,
        };

    public ActionPlan PlanRename(string target, string newName)
    {
        var current = DisplayName(target);
        return new ActionPlan(DockerCli.Rename(current, newName), current, InputRules.ContainerName(newName), async ct =>
            [await Attempt(current, $"Renamed {current} to {newName}.", () => Post(EngineRoutes.ContainerRename(target, newName), ct), ct)]);
    }

    public Task<ActionOutcome> RenameAsync(string target, string newName, CancellationToken ct = default) =>
        PlanRename(target, newName).RunAsync(ct);

    /// <summary>Removes every stopped container (optionally only those with a label), like <c>docker container prune -f</c>.</summary>
    public Task<ActionOutcome> PruneAsync(string? label = null, CancellationToken ct = default) => PlanPrune(label).RunAsync(ct);

    public ActionPlan PlanPrune(string? label = null)
    {
        return new ActionPlan(DockerCli.ContainerPrune(label), "stopped containers", InputRules.LabelFilter(label), async ct => [await ActionAttempt.RunAsync("stopped containers", Client.Endpoint, async () =>
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

    private ActionPlan ForEach(IReadOnlyList<string> targets, Func<IEnumerable<string>, string> cli, string pastTense,
        Func<string, CancellationToken, Task<(HttpStatusCode Status, JsonNode? Body)>> call, string? problem = null)
    {
        var names = Names(targets);
        return new ActionPlan(cli(names), string.Join(", ", targets), problem, async ct =>
            await Task.WhenAll(targets.Select((t, i) => Attempt(names[i], $"{pastTense} {names[i]}.", () => call(t, ct), ct))));
    }

    private Task<ActionResult> Attempt(string name, string success, Func<Task<(HttpStatusCode Status, JsonNode? Body)>> call, CancellationToken ct) =>
        ActionAttempt.RunAsync(name, Client.Endpoint, async () => (await call()).Status == HttpStatusCode.NotModified
            ? $"{name}: nothing to do, it was already in that state."
            : success, nameFailures: true, ct);
}
