using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Web.Api;

namespace Quayside.Web.Networks;

public sealed record NetworkRow(string Id, string Name, string Driver, string Scope, bool Predefined, bool Internal, bool Attachable, bool IPv6,
    IReadOnlyList<string> Subnets, IReadOnlyList<string> Containers);

public sealed record ConnectRequest(string Container, string? Aliases = null, string? Ip = null);

public sealed record DisconnectRequest(string Container, bool Force = false);

/// <summary>Networks: list with their containers, create, inspect, connect, disconnect, remove and prune.</summary>
public static class NetworksFeature
{
    public static IServiceCollection AddNetworks(this IServiceCollection services) => services.AddSingleton<NetworkActions>();

    public static IEndpointRouteBuilder MapNetworks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/networks", "Networks", networks =>
        {
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
        });
        return endpoints;
    }
}
