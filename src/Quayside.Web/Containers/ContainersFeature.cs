using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.Containers;

public sealed record ContainerRow(
    string Id, string ShortId, string Name, IReadOnlyList<string> Names, string Image, string ImageId, string Command,
    string State, string Status, string StateLabel, string? Health, int? ExitCode, DateTimeOffset Created,
    IReadOnlyList<string> Ports, IReadOnlyList<string> Networks, IReadOnlyList<string> Mounts, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The row at <paramref name="now"/>: its status is docker ps's text at that moment, not at the model's last list.</summary>
    public static ContainerRow From(ContainerSummary c, HostModel model, DateTimeOffset now) => new(
        c.Id, c.ShortId, c.Name, [.. c.AllNames], model.ImageDisplayName(c), c.ImageId, c.Command,
        c.State, c.StatusAt(now), c.StateLabel, c.Health, c.ExitCode, c.CreatedAt,
        [.. c.Ports.Select(p => p.ToString())], [.. c.NetworkNames], [.. c.Mounts.Select(m => m.ToString())], c.LabelsOrEmpty);
}

public sealed record ContainerActionRequest(IReadOnlyList<string> Targets, int? Timeout = null, string? Signal = null, bool Force = false, bool Volumes = false);

public sealed record RenameRequest(string NewName);

/// <summary>The containers list, its actions, the container page's shell, and its Update and Wait tabs.</summary>
public static class ContainersFeature
{
    public static IServiceCollection AddContainers(this IServiceCollection services) => services
        .AddSingleton<ContainerActions>()
        .AddSingleton(SelfContainer.Detect())
        .AddSingleton<StatusClock>()
        .AddSingleton<ContainerUpdate>()
        .AddSingleton<ContainerWait>();

    public static IEndpointRouteBuilder MapContainers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/containers", "Containers", group =>
        {
            group.MapGet("/", async (HostModel model, TimeProvider clock, string[]? state, string? name, string? image, string[]? label, string? search, string? sort, bool? desc, CancellationToken ct) =>
            {
                if (await model.EngineUnavailableAsync(ct) is { } unavailable)
                    return unavailable;
                var filter = new ContainerFilter { States = state ?? [], Name = name, Image = image, Labels = label ?? [], Search = search };
                if (filter.Validate() is { Count: > 0 } problems)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["filter"] = [.. problems] });
                var now = clock.GetUtcNow();
                var rows = ContainerSort.Apply(ContainerQuery.Apply(model, filter), sort, desc ?? false, model)
                    .Select(c => ContainerRow.From(c, model, now)).ToList();
                return Results.Ok(new ListResponse<ContainerRow>(DockerCli.Ps(filter), rows.Count, rows));
            }).WithSummary("List containers (docker ps -a), from the live model.");

            group.MapGet("/sizes", async (ContainerActions actions, CancellationToken ct) =>
                Results.Ok(new { Cli = DockerCli.Ps(new ContainerFilter(), withSize: true),
                    Sizes = (await actions.SizesAsync(ct)).ToDictionary(s => s.Key, s => new { s.Value.Rw, s.Value.RootFs }) }))
                .WithSummary("Writable-layer and root-fs sizes of every container (expensive for the engine).");

            group.MapPost("/{action}", async (string action, ContainerActionRequest request, ContainerActions actions, CancellationToken ct) =>
                actions.PlanBulk(action, request.Targets, request.Timeout ?? 10, request.Signal ?? "SIGKILL", request.Force, request.Volumes) is { } plan
                    ? (await plan.RunAsync(ct)).ToResult()
                    : Results.Problem(statusCode: 404, title: $"Unknown action '{action}'", detail: $"Use {string.Join(", ", ContainerActions.BulkActions)}."))
                .WithSummary("Act on one or more containers: start, stop, restart, pause, unpause, kill, remove.");

            group.MapDelete("/{id}", async (string id, bool? force, bool? volumes, ContainerActions actions, CancellationToken ct) =>
                (await actions.RemoveAsync([id], force ?? false, volumes ?? false, ct)).ToResult())
                .WithSummary("Remove a container (docker rm [-f] [-v]).");

            group.MapPost("/{id}/rename", async (string id, RenameRequest request, ContainerActions actions, CancellationToken ct) =>
                (await actions.RenameAsync(id, request.NewName, ct)).ToResult())
                .WithSummary("Rename a container.");

            group.MapGet("/prune", async (HostModel model, string? label, CancellationToken ct) =>
                await model.EngineUnavailableAsync(ct) ?? Results.Ok(new PrunePreview(DockerCli.ContainerPrune(label), ContainerQuery.Apply(model, new ContainerFilter { Labels = label is null ? [] : [label] })
                    .Where(c => c.IsStopped).Select(c => c.Name).Order().ToList())))
                .WithSummary("What 'remove stopped containers' would remove.");

            group.MapPost("/prune", async (PruneRequest? request, ContainerActions actions, CancellationToken ct) =>
                (await actions.PruneAsync(request?.Label, ct)).ToResult())
                .WithSummary("Remove stopped containers (docker container prune -f).");
        });
        return endpoints;
    }
}
