using Quayside.Engine.Cli;
using Quayside.Engine.Daemon;
using Quayside.Engine.Events;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;

namespace Quayside.Web.Api;

public sealed record VolumeRow(string Name, string Driver, string Mountpoint, string? CreatedAt, IReadOnlyDictionary<string, string> Labels,
    int RefCount, IReadOnlyList<string> Containers, bool Unused);

public sealed record NetworkRow(string Id, string Name, string Driver, string Scope, bool Predefined, bool Internal, bool Attachable, bool IPv6,
    IReadOnlyList<string> Subnets, IReadOnlyList<string> Containers);

public sealed record ConnectRequest(string Container, string? Aliases = null, string? Ip = null);

public sealed record DisconnectRequest(string Container, bool Force = false);

public sealed record SystemPruneRequest(bool All = false, bool Volumes = false, string? Label = null);

public static class HostResourcesApi
{
    public static void MapHostResourcesApi(this RouteGroupBuilder api)
    {
        var volumes = api.MapGroup("/volumes").WithTags("Volumes");
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
        volumes.MapGet("/prune", (HostModel model, string? label) => Results.Ok(new PrunePreview(DockerCli.VolumePrune(label),
            [.. VolumeQuery.PruneCandidates(model, label).Select(v => v.Name)]))).WithSummary("What a volume prune would remove.");
        volumes.MapPost("/prune", async (PruneRequest? request, VolumeActions actions, CancellationToken ct) =>
            (await actions.PruneAsync(request?.Label, ct)).ToResult()).WithSummary("Prune unused volumes (docker volume prune).");

        var networks = api.MapGroup("/networks").WithTags("Networks");
        networks.MapGet("/", async (HostModel model, CancellationToken ct) =>
        {
            if (await model.EngineUnavailableAsync(ct) is { } unavailable)
                return unavailable;
            var rows = model.Networks.Values.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => new NetworkRow(
                n.Id, n.Name, n.Driver, n.Scope, n.IsPredefined, n.Internal, n.Attachable, n.EnableIPv6,
                [.. n.Subnets.Select(s => s.Subnet ?? "")], [.. model.ContainersOnNetwork(n.Name).Select(c => c.Name)])).ToList();
            return Results.Ok(new ListResponse<NetworkRow>(DockerCli.NetworkLs(), rows.Count, rows));
        }).WithSummary("List networks (docker network ls) with their attached containers, from the live model.");
        networks.MapPost("/", async (NetworkSpec spec, NetworkActions actions, CancellationToken ct) => (await actions.CreateAsync(spec, ct)).ToResult())
            .WithSummary("Create a network (docker network create).");
        networks.MapDelete("/{network}", async (string network, NetworkActions actions, CancellationToken ct) =>
            (await actions.RemoveAsync([network], ct)).ToResult()).WithSummary("Remove a network (docker network rm).");
        networks.MapPost("/{network}/connect", async (string network, ConnectRequest request, NetworkActions actions, CancellationToken ct) =>
            (await actions.ConnectAsync(network, request.Container, request.Aliases, request.Ip, ct)).ToResult())
            .WithSummary("Connect a container (docker network connect [--alias] [--ip]).");
        networks.MapPost("/{network}/disconnect", async (string network, DisconnectRequest request, NetworkActions actions, CancellationToken ct) =>
            (await actions.DisconnectAsync(network, request.Container, request.Force, ct)).ToResult())
            .WithSummary("Disconnect a container (docker network disconnect).");
        networks.MapGet("/prune", (HostModel model, string? label) => Results.Ok(new PrunePreview(DockerCli.NetworkPrune(label),
            [.. NetworkQuery.PruneCandidates(model, label).Select(n => n.Name)]))).WithSummary("What a network prune would remove.");
        networks.MapPost("/prune", async (PruneRequest? request, NetworkActions actions, CancellationToken ct) =>
            (await actions.PruneAsync(request?.Label, ct)).ToResult()).WithSummary("Prune unused networks (docker network prune).");

        var system = api.MapGroup("/system").WithTags("System");
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

        api.MapGet("/events/recent", (HostModel model, string? type, string? action, string? name) =>
        {
            var filter = new EventFilter { Types = type is null ? new HashSet<string>() : [type], Action = action, Name = name };
            return Results.Ok(model.RecentEvents.Where(filter.Matches).ToList());
        }).WithTags("Events").WithSummary("The last 1,000 engine events the app has seen, filtered.");
    }
}
