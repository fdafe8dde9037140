using Quayside.Engine.Cli;
using Quayside.Engine.Inspect;
using Quayside.Engine.Stats;
using Quayside.Web.Api;
using Quayside.Web.Inspect;

namespace Quayside.Web.Stats;

/// <summary>A container's stats as JSON (docker stats --no-stream), from the collector the pages share.</summary>
public static class StatsApi
{
    private static readonly TimeSpan StatsWait = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiGroup("/containers", "Containers").MapGet("/{id}/stats", (string id, Inspector inspector, StatsHub hub, CancellationToken ct) =>
            InspectApi.ReadAsync(inspector, async () =>
            {
                // The collector is keyed by full id, so every name of a container shares one stream.
                var fullId = (await inspector.ContainerAsync(id, ct)).Details.Id;
                using var viewer = hub.Subscribe(fullId);
                var deadline = DateTime.UtcNow + StatsWait;
                while (hub.Latest(fullId) is not { CpuPercent: not null } && DateTime.UtcNow < deadline)
                    await Task.Delay(50, ct);
                return new { Cli = DockerCli.StatsNoStream([id]), Latest = hub.Latest(fullId), Samples = hub.Samples(fullId), Problem = hub.Problem(fullId) };
            }))
            .WithSummary("The container's latest stats reading and the last 5 minutes of samples (docker stats --no-stream).");
    }
}
