using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.Hosts;
using Quayside.Web.Api;
using Quayside.Web.Containers;

namespace Quayside.Web.Hosts;

public sealed record HostedContainerRow(string Host, ContainerRow Container);

public sealed record HostTarget(string Host, string Id);

public sealed record AllHostsActionRequest(IReadOnlyList<HostTarget> Targets, int? Timeout = null, string? Signal = null, bool Force = false, bool Volumes = false);

/// <summary>What one bulk action did on each host it touched, with the line for that host.</summary>
public sealed record HostOutcome(string Host, ActionOutcome Outcome);

/// <summary>The views over every host at once: all containers (with bulk actions across hosts), images by host, and search.</summary>
public static class AllHostsFeature
{
    public static IEndpointRouteBuilder MapAllHosts(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/all", "All hosts");

        group.MapGet("/containers", (HostRegistry hosts, TimeProvider clock, string[]? host, string[]? state, string? search) =>
        {
            var filter = new ContainerFilter { States = state ?? [], Search = search };
            if (filter.Validate() is { Count: > 0 } problems)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["filter"] = [.. problems] });
            if (host?.FirstOrDefault(h => hosts.Find(h) is null) is { } unknown)
                return Results.Problem(statusCode: 404, title: $"There is no host named '{unknown}'", detail: "GET /api/hosts lists the hosts.");
            var now = clock.GetUtcNow();
            var rows = AllHosts.Containers(hosts.All, filter, host)
                .Select(r => new HostedContainerRow(r.Host.Name, ContainerRow.From(r.Container, r.Host.Model, now))).ToList();
            var lines = hosts.All.Where(h => host is not { Length: > 0 } || host.Contains(h.Name)).Select(h => h.Cli(DockerCli.Ps(filter))).ToList();
            return Results.Ok(new { Clis = lines, Count = rows.Count, Items = rows });
        }).WithSummary("Every container of every host (docker ps -a on each), from the live models; ?host= narrows to some hosts.");

        group.MapPost("/containers/{action}", async (string action, AllHostsActionRequest request, HostRegistry hosts, CancellationToken ct) =>
        {
            if (!ContainerActions.BulkActions.Contains(action))
                return Results.Problem(statusCode: 404, title: $"Unknown action '{action}'", detail: $"Use {string.Join(", ", ContainerActions.BulkActions)}.");
            var outcomes = await ActAsync(hosts, action, request, ct);
            return outcomes.All(o => o.Outcome.Ok) ? Results.Ok(outcomes) : Results.Json(outcomes, statusCode: StatusCodes.Status409Conflict);
        }).WithSummary("Act on containers of several hosts at once: each host gets its own docker line, run side by side.");

        group.MapGet("/images", (HostRegistry hosts) => Results.Ok(AllHosts.Images(hosts.All)))
            .WithSummary("Which hosts hold which image (by tag; by id when untagged), and where a tag differs between hosts.");

        group.MapGet("/search", (HostRegistry hosts, string? q) => string.IsNullOrWhiteSpace(q)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Type a part of a name, an id, or a label (key or key=value)."] })
                : Results.Ok(AllHosts.Search(hosts.All, q)))
            .WithSummary($"Containers, images, volumes and networks on any host by name, id or label (at most {AllHosts.MaxSearchHits}).");
        return endpoints;
    }

    /// <summary>Runs one action on every host named in the targets, hosts side by side, each with its own line.</summary>
    public static async Task<IReadOnlyList<HostOutcome>> ActAsync(HostRegistry hosts, string action, AllHostsActionRequest request, CancellationToken ct)
    {
        var work = request.Targets.GroupBy(t => t.Host, StringComparer.Ordinal).Select(async g =>
        {
            var ids = g.Select(t => t.Id).ToList();
            if (hosts.Find(g.Key) is not { } host)
                return new HostOutcome(g.Key, ActionOutcome.Refused($"docker {action}", g.Key, $"There is no host named '{g.Key}'."));
            var plan = host.Get<ContainerActions>().PlanBulk(action, ids, request.Timeout ?? 10, request.Signal ?? "SIGKILL", request.Force, request.Volumes)!;
            var outcome = await plan.RunAsync(ct);
            return new HostOutcome(host.Name, outcome with { Cli = host.Cli(outcome.Cli) });
        });
        return await Task.WhenAll(work);
    }
}
