using System.Text.Json.Nodes;
using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Logs;

namespace Quayside.Engine.Stacks;

/// <summary>Why a service failed the health gate: the container, what it was, and its last log lines.</summary>
public sealed record HealthFailure(string Service, string Container, string Reason, IReadOnlyList<string> LastLogLines)
{
    public override string ToString() => $"Service {Service} failed: {Container} {Reason}.";
}

/// <summary>How long the gate waits: for a health check to pass, and for a service without one to stay running.</summary>
public sealed record HealthGateOptions(TimeSpan Settle, TimeSpan HealthTimeout)
{
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(10);
    public static readonly HealthGateOptions Default = new(DefaultSettle, TimeSpan.FromSeconds(120));
}

/// <summary>
/// After an apply, waits for the changed services: healthy where they have a health check, otherwise still running once
/// the settle time has passed. Unhealthy, exited, dead or restarting fails at once.
/// </summary>
public sealed class StackHealthGate(EngineClient client, ContainerLogs logs)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    public const int LogLinesShown = 20;

    public async Task<HealthFailure?> WaitAsync(string project, IReadOnlyCollection<string> services, HealthGateOptions options, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var settleEnds = started + options.Settle;
        var giveUp = started + options.Settle + options.HealthTimeout;
        while (true)
        {
            var containers = await ContainersAsync(project, services, ct);
            var pending = false;
            foreach (var c in containers)
            {
                var inspect = await client.InspectContainerAsync(c.Id, ct);
                var state = inspect["State"];
                var status = state?["Status"]?.GetValue<string>() ?? c.State;
                var health = state?["Health"]?["Status"]?.GetValue<string>();
                var service = c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service) ?? "";
                var reason = status switch
                {
                    "exited" or "dead" => $"exited with code {state?["ExitCode"]?.GetValue<int>()}",
                    "restarting" => "keeps restarting",
                    "created" when DateTimeOffset.UtcNow > settleEnds => "was created but never started",
                    _ when health == "unhealthy" => "is unhealthy: " + LastHealthOutput(state),
                    _ => null,
                };
                if (reason is not null)
                    return new HealthFailure(service, c.Name, reason, await LastLinesAsync(c.Id, ct));
                pending |= health is "starting" || status != "running";
            }
            var missing = services.Where(s => containers.All(c => c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service) != s)).ToList();
            if (!pending && DateTimeOffset.UtcNow >= settleEnds)
                return null;
            if (DateTimeOffset.UtcNow >= giveUp)
            {
                var slow = containers.FirstOrDefault(c => c.State != "running") ?? containers.FirstOrDefault();
                return slow is null
                    ? new HealthFailure(missing.FirstOrDefault() ?? "", "", "has no container", [])
                    : new HealthFailure(slow.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service) ?? "", slow.Name,
                        $"was not healthy within {options.HealthTimeout.TotalSeconds:0} s", await LastLinesAsync(slow.Id, ct));
            }
            await Task.Delay(Poll, ct);
        }
    }

    private async Task<List<ContainerSummary>> ContainersAsync(string project, IReadOnlyCollection<string> services, CancellationToken ct)
    {
        var all = await client.GetAsync<List<ContainerSummary>>(EngineRoutes.ContainersList(all: true,
            filters: new Dictionary<string, string[]> { ["label"] = [$"{ComposeLabels.Project}={project}"] }), ct);
        return all.Where(c => !StackIndex.IsOneOff(c) && services.Contains(c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service) ?? "")).ToList();
    }

    private static string LastHealthOutput(JsonNode? state) =>
        (state?["Health"]?["Log"] as JsonArray)?.LastOrDefault()?["Output"]?.GetValue<string>()?.Trim() is { Length: > 0 } output
            ? output : "its health check failed";

    private async Task<IReadOnlyList<string>> LastLinesAsync(string id, CancellationToken ct)
    {
        try
        {
            var target = await logs.ResolveAsync(id, ct);
            var lines = new List<string>();
            await foreach (var batch in logs.ReadLinesAsync(target, new LogQuery { Tail = LogLinesShown }, 0, ct))
                lines.AddRange(batch.Select(l => l.Text));
            return lines.TakeLast(LogLinesShown).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [];
        }
    }
}
