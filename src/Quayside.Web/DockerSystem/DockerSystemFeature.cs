using Quayside.Engine.Cli;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.DockerSystem;

public sealed record SystemPruneRequest(bool All = false, bool Volumes = false, string? Label = null);

/// <summary>docker system: the overview (info), versions, disk usage and prune, and whether the engine answers.</summary>
public static class DockerSystemFeature
{
    public static IServiceCollection AddDockerSystem(this IServiceCollection services) => services.AddSingleton<SystemActions>();

    public static IEndpointRouteBuilder MapDockerSystem(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/system", "System", system =>
        {
            system.MapGet("/info", async (SystemActions actions, CancellationToken ct) => Results.Ok(await actions.RawInfoAsync(ct)))
                .WithSummary("docker info, as the engine answers it.");
            system.MapGet("/version", async (SystemActions actions, CancellationToken ct) => Results.Ok(await actions.RawVersionAsync(ct)))
                .WithSummary("docker version, as the engine answers it.");
            system.MapGet("/df", async (SystemActions actions, CancellationToken ct) =>
            {
                var df = await actions.DiskUsageAsync(ct);
                return Results.Ok(new { Cli = DockerCli.SystemDf(true), Summary = df.Rows(), Details = df });
            }).WithSummary("docker system df -v: totals per kind and the per-item lists.");
            system.MapGet("/prune", (HostModel model, bool? all, bool? volumes, string? label) =>
                Results.Ok(new PrunePreview(DockerCli.SystemPrune(all ?? false, volumes ?? false, label),
                    [.. SystemPrunePlan.For(model, all ?? false, volumes ?? false, label).Describe()])))
                .WithSummary("What a system prune would remove.");
            system.MapPost("/prune", async (SystemPruneRequest? request, SystemActions actions, CancellationToken ct) =>
                (await actions.PruneAsync(request?.All ?? false, request?.Volumes ?? false, request?.Label, ct)).ToResult())
                .WithSummary("docker system prune [-a] [--volumes].");
        });
        endpoints.MapHostApiGroups("/engine", "Engine", group => group.MapGet("/status", (HostModel model) => Results.Ok(model.Status))
            .WithSummary("Whether the engine answers; if not, why and what to do."));
        return endpoints;
    }
}
