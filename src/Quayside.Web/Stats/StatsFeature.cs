using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Inspect;
using Quayside.Engine.Stats;
using Quayside.Web.Api;
using Quayside.Web.Inspect;

namespace Quayside.Web.Stats;

/// <summary>Live stats: one collector per container shared by every page that shows it (the Stats tab, the list's columns).</summary>
public static class StatsFeature
{
    private static readonly TimeSpan StatsWait = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddStats(this IServiceCollection services) =>
        services.AddSingleton(sp => new StatsHub(sp.GetRequiredService<EngineClient>()));

    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/containers", "Containers", group => group.MapGet("/{id}/stats", async (string id, Inspector inspector, StatsHub hub, CancellationToken ct) =>
            {
                // The collector is keyed by full id, so every name of a container shares one stream.
                var fullId = (await inspector.ContainerAsync(id, ct)).Details.Id;
                using var viewer = hub.Subscribe(fullId);
                var deadline = DateTime.UtcNow + StatsWait;
                while (hub.Latest(fullId) is not { CpuPercent: not null } && DateTime.UtcNow < deadline)
                    await Task.Delay(50, ct);
                return Results.Ok(new { Cli = DockerCli.StatsNoStream([id]), Latest = hub.Latest(fullId), Samples = hub.Samples(fullId), Problem = hub.Problem(fullId) });
            })
            .WithSummary("The container's latest stats reading and the last 5 minutes of samples (docker stats --no-stream)."));
        return endpoints;
    }
}
