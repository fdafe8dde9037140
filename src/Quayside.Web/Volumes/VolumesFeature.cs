using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Volumes;
using Quayside.Web.Api;

namespace Quayside.Web.Volumes;

public sealed record VolumeRow(string Name, string Driver, string Mountpoint, string? CreatedAt, IReadOnlyDictionary<string, string> Labels,
    int RefCount, IReadOnlyList<string> Containers, bool Unused);

/// <summary>Volumes: list with their users, create, inspect, remove and prune.</summary>
public static class VolumesFeature
{
    public static IServiceCollection AddVolumes(this IServiceCollection services) => services.AddSingleton<VolumeActions>();

    public static IEndpointRouteBuilder MapVolumes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/volumes", "Volumes", volumes =>
        {
            volumes.MapGet("/", async (HostModel model, CancellationToken ct) =>
            {
                if (await model.EngineUnavailableAsync(ct) is { } unavailable)
                    return unavailable;
                var rows = model.Volumes.Values.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v =>
                {
                    var users = model.ContainersUsingVolume(v.Name);
                    return new VolumeRow(v.Name, v.Driver, v.Mountpoint, v.CreatedAt, v.LabelsOrEmpty, users.Count, [.. users.Select(c => c.Name)], users.Count == 0);
                }).ToList();
                return Results.Ok(new ListResponse<VolumeRow>(DockerCli.VolumeLs(), rows.Count, rows));
            }).WithSummary("List volumes (docker volume ls) with the containers using each, from the live model.");
            volumes.MapPost("/", async (VolumeSpec spec, VolumeActions actions, CancellationToken ct) => (await actions.CreateAsync(spec, ct)).ToResult())
                .WithSummary("Create a volume (docker volume create).");
            volumes.MapDelete("/{name}", async (string name, bool? force, VolumeActions actions, CancellationToken ct) =>
                (await actions.RemoveAsync([name], force ?? false, ct)).ToResult()).WithSummary("Remove a volume (docker volume rm).");
            volumes.MapGet("/prune", (HostModel model, VolumeActions actions, string? label) => Results.Ok(new PrunePreview(actions.PruneCli(label),
                [.. VolumeQuery.PruneCandidates(model, label).Select(v => v.Name)]))).WithSummary("What a volume prune would remove.");
            volumes.MapPost("/prune", async (PruneRequest? request, VolumeActions actions, CancellationToken ct) =>
                (await actions.PruneAsync(request?.Label, ct)).ToResult()).WithSummary("Prune unused volumes (docker volume prune).");
        });
        return endpoints;
    }
}
