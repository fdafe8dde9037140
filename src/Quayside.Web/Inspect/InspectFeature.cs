using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Inspect;
using Quayside.Web.Api;

namespace Quayside.Web.Inspect;

/// <summary>Inspect, raw JSON, top and diff of a container; inspect, raw JSON and history of an image.</summary>
public static class InspectFeature
{
    public static IServiceCollection AddInspect(this IServiceCollection services) =>
        services.AddSingleton(sp => new Inspector(sp.GetRequiredService<EngineClient>()));

    public static IEndpointRouteBuilder MapInspect(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/containers", "Containers", containers =>
        {
            containers.MapGet("/{id}/inspect", async (string id, Inspector inspector, CancellationToken ct) =>
                Results.Ok(new { Cli = DockerCli.Inspect(id), Inspect = (await inspector.ContainerAsync(id, ct)).Raw }))
                .WithSummary("The container's inspect, as docker inspect prints it (one object).");
            containers.MapGet("/{id}/top", async (string id, Inspector inspector, CancellationToken ct) =>
                Results.Ok(new { Cli = DockerCli.Top(id), Processes = await inspector.ProcessesAsync(id, ct) }))
                .WithSummary("The container's processes (docker top).");
            containers.MapGet("/{id}/changes", async (string id, Inspector inspector, CancellationToken ct) =>
                Results.Ok(new
                {
                    Cli = DockerCli.Diff(id),
                    Changes = (await inspector.ChangesAsync(id, ct)).Select(c => new { c.Path, Kind = c.Kind.ToString() }),
                }))
                .WithSummary("The changes to the container's writable layer (docker diff): Added, Changed, Deleted.");
        });
        endpoints.MapHostApiGroups("/images", "Images", images =>
        {
            // An image name holds slashes: sent as %2F, which routing leaves encoded.
            images.MapGet("/{id}/inspect", async (string id, Inspector inspector, CancellationToken ct) =>
                Results.Ok(new { Cli = DockerCli.ImageInspect(Uri.UnescapeDataString(id)), Inspect = (await inspector.ImageAsync(Uri.UnescapeDataString(id), ct)).Raw }))
                .WithSummary("The image's inspect, as docker image inspect prints it (one object).");
            images.MapGet("/{id}/history", async (string id, Inspector inspector, CancellationToken ct) =>
                Results.Ok(new { Cli = DockerCli.History(Uri.UnescapeDataString(id)), Steps = await inspector.HistoryAsync(Uri.UnescapeDataString(id), ct) }))
                .WithSummary("The image's build steps, newest first (docker history --no-trunc).");
        });
        return endpoints;
    }
}
