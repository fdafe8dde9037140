using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Inspect;
using Quayside.Engine.Stats;

namespace Quayside.Web.Api;

/// <summary>What the container and image views show, as JSON: inspect, top, diff, stats, history.</summary>
public static class InsightApi
{
    private static readonly TimeSpan StatsWait = TimeSpan.FromSeconds(5);

    public static void MapInsightApi(this RouteGroupBuilder api)
    {
        var containers = api.MapGroup("/containers").WithTags("Containers");
        containers.MapGet("/{id}/inspect", (string id, Inspector inspector, CancellationToken ct) =>
            ReadAsync(inspector, async () => new { Cli = DockerCli.Inspect(id), Inspect = (await inspector.ContainerAsync(id, ct)).Raw }))
            .WithSummary("The container's inspect, as docker inspect prints it (one object).");
        containers.MapGet("/{id}/top", (string id, Inspector inspector, CancellationToken ct) =>
            ReadAsync(inspector, async () => new { Cli = DockerCli.Top(id), Processes = await inspector.ProcessesAsync(id, ct) }))
            .WithSummary("The container's processes (docker top).");
        containers.MapGet("/{id}/changes", (string id, Inspector inspector, CancellationToken ct) =>
            ReadAsync(inspector, async () => new
            {
                Cli = DockerCli.Diff(id),
                Changes = (await inspector.ChangesAsync(id, ct)).Select(c => new { c.Path, Kind = c.Kind.ToString() }),
            }))
            .WithSummary("The changes to the container's writable layer (docker diff): Added, Changed, Deleted.");
        containers.MapGet("/{id}/stats", (string id, Inspector inspector, StatsHub hub, CancellationToken ct) =>
            ReadAsync(inspector, async () =>
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

        var images = api.MapGroup("/images").WithTags("Images");
        // An image name holds slashes: sent as %2F, which routing leaves encoded.
        images.MapGet("/{id}/inspect", (string id, Inspector inspector, CancellationToken ct) =>
            ReadAsync(inspector, async () => new { Cli = DockerCli.ImageInspect(Uri.UnescapeDataString(id)), Inspect = (await inspector.ImageAsync(Uri.UnescapeDataString(id), ct)).Raw }))
            .WithSummary("The image's inspect, as docker image inspect prints it (one object).");
        images.MapGet("/{id}/history", (string id, Inspector inspector, CancellationToken ct) =>
            ReadAsync(inspector, async () => new { Cli = DockerCli.History(Uri.UnescapeDataString(id)), Steps = await inspector.HistoryAsync(Uri.UnescapeDataString(id), ct) }))
            .WithSummary("The image's build steps, newest first (docker history --no-trunc).");
    }

    private static async Task<IResult> ReadAsync<T>(Inspector inspector, Func<Task<T>> read)
    {
        try
        {
            return Results.Ok(await read());
        }
        catch (Exception e) when (e is EngineApiException or InvalidEngineNameException)
        {
            var problem = EngineErrorTranslator.Translate(e, inspector.Client.Endpoint);
            return Results.Problem(statusCode: e is EngineApiException api ? (int)api.Status : StatusCodes.Status400BadRequest,
                title: problem.Message, detail: problem.Advice);
        }
    }
}
