using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;

namespace Quayside.Engine.Stacks;

/// <summary>What a down would remove, listed before the user confirms.</summary>
public sealed record DownPreview(string Cli, IReadOnlyList<string> Containers, IReadOnlyList<string> Networks, IReadOnlyList<string> Volumes);

public sealed partial class StackOperations
{
    public static readonly IReadOnlyList<string> StackActions = ["up", "start", "stop", "restart", "pull", "down"];
    public static readonly IReadOnlyList<string> ServiceActions = ["start", "stop", "restart", "pull", "recreate", "scale"];

    /// <summary>The compose words of an action on the whole stack or on one service; null for an unknown action.</summary>
    public static string[]? Command(string action, string? service = null, int? replicas = null, bool volumes = false) =>
        (action, service) switch
        {
            ("up", null) => UpCommand,
            ("down", null) => volumes ? ["down", "--remove-orphans", "-v"] : ["down", "--remove-orphans"],
            ("start" or "stop" or "restart" or "pull", null) => [action],
            ("start" or "stop" or "restart" or "pull", { } s) => [action, s],
            ("recreate", { } s) => ["up", "-d", "--force-recreate", "--no-deps", s],
            ("scale", { } s) when replicas is >= 0 => ["up", "-d", "--no-recreate", "--scale", $"{s}={replicas}", s],
            _ => null,
        };

    /// <summary>The line an action runs: compose's where the files are reachable, else docker's on the project's containers.</summary>
    public string ActionLine(string name, string action, string? service = null, int? replicas = null, bool volumes = false)
    {
        var location = Locate(name);
        if (location.Editable && Command(action, service, replicas, volumes) is { } words)
            return Runner.Line(location.Project, words);
        return action switch
        {
            "start" or "stop" or "restart" => DockerCli.OnProjectContainers(action, name, service),
            "down" => DockerCli.OnProjectContainers("rm -f" + (volumes ? " -v" : ""), name),
            _ => "",
        };
    }

    public DownPreview PreviewDown(string name, bool volumes)
    {
        var summary = Find(name);
        return new DownPreview(ActionLine(name, "down", volumes: volumes),
            [.. summary?.Containers.Select(c => c.Name) ?? []],
            [.. summary?.Networks ?? []],
            volumes ? [.. summary?.Volumes ?? []] : []);
    }

    /// <summary>
    /// Runs an action on a stack or one of its services. Without reachable files, start, stop, restart and down act on
    /// the project's containers (and networks, volumes) directly; the rest needs the files.
    /// </summary>
    public async Task<ActionOutcome> RunActionAsync(string name, string action, string? service = null, int? replicas = null, bool volumes = false,
        Action<string>? onLine = null, CancellationToken ct = default)
    {
        var target = service is null ? $"stack {name}" : $"service {service} of {name}";
        var words = Command(action, service, replicas, volumes);
        if (words is null)
            return ActionOutcome.Refused("", target, service is null
                ? $"'{action}' is not a stack action: use one of {string.Join(", ", StackActions)}."
                : action == "scale" ? "Scale needs a number of containers, 0 or more."
                : $"'{action}' is not a service action: use one of {string.Join(", ", ServiceActions)}.");
        using var _ = await LockAsync(name, ct);
        var location = Locate(name);
        if (!location.Editable)
            return await WithoutFilesAsync(name, action, service, volumes, target, location, ct);
        var files = await StackFileSet.ReadAsync(location, ct);
        var mask = await MaskAsync(location, files, ct);
        var result = await RunComposeAsync(location, files, words, l => onLine?.Invoke(mask.Apply(l)), ct);
        var text = string.Join(" ", result.Output.TakeLast(8).Select(l => mask.Apply(l.Trim())).Where(l => l.Length > 0));
        var cli = Runner.Line(location.Project, words);
        var outcome = new ActionOutcome(cli, [new ActionResult(target, result.Ok, result.Ok
            ? $"{Done(action, replicas)} {target}." + (text.Length > 0 ? " " + text : "")
            : $"{action} of {target} failed: {text}")]);
        Log(cli, new ApplyOutcome(outcome.Ok, cli, outcome.Summary, []), mask);
        return outcome;
    }

    private static string Done(string action, int? replicas) => action switch
    {
        "up" => "Brought up",
        "down" => "Took down",
        "scale" => $"Scaled to {replicas}:",
        "recreate" => "Recreated",
        "pull" => "Pulled the images of",
        "start" => "Started",
        "stop" => "Stopped",
        _ => "Restarted",
    };

    private async Task<ActionOutcome> WithoutFilesAsync(string name, string action, string? service, bool volumes, string target, StackLocation location, CancellationToken ct)
    {
        var containers = StackIndex.ContainersOf(_host.Model, name, service).Select(c => c.Id).ToList();
        var actions = _host.Get<ContainerActions>();
        var line = ActionLine(name, action, service, volumes: volumes);
        switch (action)
        {
            case "start" or "stop" or "restart":
                var outcome = await actions.PlanBulk(action, containers)!.RunAsync(ct);
                return outcome with { Cli = line };
            case "down" when service is null:
                var summary = Find(name);
                var results = new List<ActionResult>((await actions.RemoveAsync(containers, force: true, volumes: volumes, ct)).Results);
                if (summary?.Networks.Count > 0)
                    results.AddRange((await _host.Get<NetworkActions>().RemoveAsync(summary.Networks, ct)).Results);
                if (volumes && summary?.Volumes.Count > 0)
                    results.AddRange((await _host.Get<VolumeActions>().RemoveAsync(summary.Volumes, force: false, ct)).Results);
                return new ActionOutcome(line, results);
            default:
                return ActionOutcome.Refused(line, target,
                    $"{action} needs the stack's compose files, and Quayside cannot reach them: {location.Reason} Take the stack over first.");
        }
    }
}
