using System.Text.Json.Nodes;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Volumes;

/// <summary>Create, inspect, remove and prune volumes; each outcome carries the CLI line it equals.</summary>
public sealed class VolumeActions(HostModel model)
{
    public Task<ActionOutcome> CreateAsync(VolumeSpec spec, CancellationToken ct = default) => PlanCreate(spec).RunAsync(ct);

    public ActionPlan PlanCreate(VolumeSpec spec)
    {
        var target = string.IsNullOrWhiteSpace(spec.Name) ? "new volume" : spec.Name.Trim();
        return ActionPlan.Checked(DockerCli.VolumeCreate(spec), target, spec.Validate(), async ct => [await ActionAttempt.RunAsync(target, model.Client.Endpoint, async () =>
        {
            var body = new Dictionary<string, object?>
            {
                ["Name"] = spec.Name?.Trim() ?? "",
                ["Driver"] = string.IsNullOrWhiteSpace(spec.Driver) ? "local" : spec.Driver.Trim(),
                ["DriverOpts"] = spec.DriverOptions,
                ["Labels"] = spec.Labels,
            };
            var (_, created) = await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.VolumeCreate(), body, ct);
            return $"Created volume {created?["Name"]?.GetValue<string>() ?? target}.";
        }, nameFailures: false, ct)]);
    }

    public Task<JsonNode?> InspectAsync(string name, CancellationToken ct = default) =>
        model.Client.GetAsync<JsonNode?>(EngineRoutes.VolumeInspect(name), ct);

    public Task<ActionOutcome> RemoveAsync(IReadOnlyList<string> names, bool force, CancellationToken ct = default) => PlanRemove(names, force).RunAsync(ct);

    public ActionPlan PlanRemove(IReadOnlyList<string> names, bool force) =>
        new(DockerCli.VolumeRemove(names, force), string.Join(", ", names), null, async ct =>
            await Task.WhenAll(names.Select(name => ActionAttempt.RunAsync(name, model.Client.Endpoint, async () =>
        {
            await model.Client.SendAsync(HttpMethod.Delete, EngineRoutes.VolumeRemove(name, force), ct: ct);
            return $"Removed volume {name}.";
        }, nameFailures: names.Count > 1, ct))));

    /// <summary>Like <c>docker volume prune [-a] -f [--filter label=...]</c>: every unused volume, named ones included.</summary>
    public Task<ActionOutcome> PruneAsync(string? label = null, CancellationToken ct = default) => PlanPrune(label).RunAsync(ct);

    public ActionPlan PlanPrune(string? label = null) =>
        new(PruneCli(label), "unused volumes", InputRules.LabelFilter(label), async ct => [await ActionAttempt.RunAsync("unused volumes", model.Client.Endpoint, async () =>
        {
            var filters = LabelMatch.Filters(label);
            if (PruneNeedsAll)
                filters["all"] = ["true"];
            var (_, body) = await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.VolumesPrune(filters),
                ct: ct, timeout: TimeSpan.FromMinutes(10));
            return PruneReport.Describe(body, "VolumesDeleted", "volume");
        }, nameFailures: false, ct)]);

    /// <summary>The line of a prune of every unused volume on this host: with <c>-a</c> from API 1.42 on.</summary>
    public string PruneCli(string? label = null) => DockerCli.VolumePrune(label, PruneNeedsAll);

    // From API 1.42 (Docker 23) the engine prunes only anonymous volumes unless asked for all; the preview lists named ones too.
    private bool PruneNeedsAll => model.Client.Speaks >= new ApiVersion(1, 42);
}
