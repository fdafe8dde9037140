using System.Net;
using System.Text.Json.Nodes;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;

namespace Quayside.Engine.Containers;

/// <summary>Lifecycle actions on containers. Targets are ids or names; each outcome carries the CLI line it equals.</summary>
public sealed class ContainerActions(HostModel model)
{
    private EngineClient Client => model.Client;

    public Task<ActionOutcome> StartAsync(IReadOnlyList<string> targets, CancellationToken ct = default) =>
        ForEach(targets, DockerCli.Start, "start", "Started", ct);

    public Task<ActionOutcome> StopAsync(IReadOnlyList<string> targets, int timeoutSeconds, CancellationToken ct = default) =>
        InputRules.StopTimeout(timeoutSeconds) is { } problem
            ? Task.FromResult(ActionOutcome.Refused(DockerCli.Stop(Names(targets), timeoutSeconds), string.Join(", ", targets), problem))
            : ForEach(targets, n => DockerCli.Stop(n, timeoutSeconds), $"stop?t={timeoutSeconds}", "Stopped", ct, TimeSpan.FromSeconds(timeoutSeconds + 30));

    public Task<ActionOutcome> RestartAsync(IReadOnlyList<string> targets, int timeoutSeconds, CancellationToken ct = default) =>
        InputRules.StopTimeout(timeoutSeconds) is { } problem
            ? Task.FromResult(ActionOutcome.Refused(DockerCli.Restart(Names(targets), timeoutSeconds), string.Join(", ", targets), problem))
            : ForEach(targets, n => DockerCli.Restart(n, timeoutSeconds), $"restart?t={timeoutSeconds}", "Restarted", ct, TimeSpan.FromSeconds(timeoutSeconds + 30));

    public Task<ActionOutcome> PauseAsync(IReadOnlyList<string> targets, CancellationToken ct = default) =>
        ForEach(targets, DockerCli.Pause, "pause", "Paused", ct);

    public Task<ActionOutcome> UnpauseAsync(IReadOnlyList<string> targets, CancellationToken ct = default) =>
        ForEach(targets, DockerCli.Unpause, "unpause", "Unpaused", ct);

    public Task<ActionOutcome> KillAsync(IReadOnlyList<string> targets, string signal, CancellationToken ct = default) =>
        InputRules.Signal(signal) is { } problem
            ? Task.FromResult(ActionOutcome.Refused(DockerCli.Kill(Names(targets), signal), string.Join(", ", targets), problem))
            : ForEach(targets, n => DockerCli.Kill(n, signal), $"kill?signal={Uri.EscapeDataString(signal)}", $"Sent {signal} to", ct);

    public Task<ActionOutcome> RemoveAsync(IReadOnlyList<string> targets, bool force, bool volumes, CancellationToken ct = default) =>
        ForEach(targets, n => DockerCli.Remove(n, force, volumes), null, "Removed", ct, TimeSpan.FromMinutes(2),
            id => Client.SendAsync(HttpMethod.Delete, $"/containers/{EngineQuery.Path(id)}?force={Lower(force)}&v={Lower(volumes)}", ct: ct, timeout: TimeSpan.FromMinutes(2)));

    public async Task<ActionOutcome> RenameAsync(string target, string newName, CancellationToken ct = default)
    {
        var current = DisplayName(target);
        var cli = DockerCli.Rename(current, newName);
        if (InputRules.ContainerName(newName) is { } problem)
            return ActionOutcome.Refused(cli, current, problem);
        return new ActionOutcome(cli, [await Run(target, current, $"Renamed {current} to {newName}.",
            () => Client.SendAsync(HttpMethod.Post, $"/containers/{EngineQuery.Path(target)}/rename?name={Uri.EscapeDataString(newName)}", ct: ct))]);
    }

    /// <summary>Removes every stopped container (optionally only those with a label), like <c>docker container prune -f</c>.</summary>
    public async Task<ActionOutcome> PruneAsync(string? label = null, CancellationToken ct = default)
    {
        var cli = DockerCli.ContainerPrune() + (label is null ? "" : " " + ShellQuote.Join(["--filter", $"label={label}"]));
        try
        {
            var query = label is null ? "" : "?" + EngineQuery.Filter("label", label);
            var (_, body) = await Client.SendAsync(HttpMethod.Post, "/containers/prune" + query, ct: ct, timeout: TimeSpan.FromMinutes(10));
            var deleted = body?["ContainersDeleted"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
            var space = body?["SpaceReclaimed"]?.GetValue<long>() ?? 0;
            return new ActionOutcome(cli, [new ActionResult("stopped containers", true,
                $"Removed {deleted.Count} stopped container{(deleted.Count == 1 ? "" : "s")}, reclaimed {ByteSize.Format(space)}.")]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ActionOutcome.Refused(cli, "stopped containers", EngineErrorTranslator.Translate(e, Client.Endpoint).ToString());
        }
    }

    /// <summary>The writable-layer and root-fs sizes (expensive for the engine, so only on request).</summary>
    public async Task<IReadOnlyDictionary<string, (long? Rw, long? RootFs)>> SizesAsync(CancellationToken ct = default)
    {
        var list = await Client.GetAsync<List<ContainerSummary>>("/containers/json?all=1&size=1", ct, TimeSpan.FromMinutes(5));
        return list.ToDictionary(c => c.Id, c => (c.SizeRw, c.SizeRootFs));
    }

    private string DisplayName(string target) => model.FindContainer(target)?.Name ?? target;

    private IReadOnlyList<string> Names(IReadOnlyList<string> targets) => targets.Select(DisplayName).ToList();

    private Task<ActionOutcome> ForEach(IReadOnlyList<string> targets, Func<IEnumerable<string>, string> cli, string? verbPath,
        string pastTense, CancellationToken ct, TimeSpan? timeout = null, Func<string, Task<(HttpStatusCode, JsonNode?)>>? call = null) =>
        RunAll(targets, cli, pastTense, id => call is not null ? call(id)
            : Client.SendAsync(HttpMethod.Post, $"/containers/{EngineQuery.Path(id)}/{verbPath}", ct: ct, timeout: timeout));

    private async Task<ActionOutcome> RunAll(IReadOnlyList<string> targets, Func<IEnumerable<string>, string> cli, string pastTense,
        Func<string, Task<(HttpStatusCode, JsonNode?)>> call)
    {
        var names = Names(targets);
        var results = await Task.WhenAll(targets.Select((t, i) => Run(t, names[i], $"{pastTense} {names[i]}.", () => call(t))));
        return new ActionOutcome(cli(names), results);
    }

    private async Task<ActionResult> Run(string target, string name, string success, Func<Task<(HttpStatusCode Status, JsonNode? Body)>> call)
    {
        try
        {
            var (status, _) = await call();
            return new ActionResult(name, true, status == HttpStatusCode.NotModified ? $"{name}: nothing to do, it was already in that state." : success);
        }
        catch (Exception e)
        {
            return new ActionResult(name, false, $"{name}: {EngineErrorTranslator.Translate(e, Client.Endpoint)}");
        }
    }

    private static string Lower(bool b) => b ? "true" : "false";
}
