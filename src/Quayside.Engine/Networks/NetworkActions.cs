using System.Text.Json.Nodes;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Networks;

/// <summary>Create, inspect, connect, disconnect, remove and prune networks; each outcome carries the CLI line it equals.</summary>
public sealed class NetworkActions(HostModel model)
{
    public Task<ActionOutcome> CreateAsync(NetworkSpec spec, CancellationToken ct = default) => PlanCreate(spec).RunAsync(ct);

    public ActionPlan PlanCreate(NetworkSpec spec)
    {
        var name = spec.Name.Trim();
        return ActionPlan.Checked(DockerCli.NetworkCreate(spec), name, spec.Validate(), async ct => [await ActionAttempt.RunAsync(name, model.Client.Endpoint, async () =>
        {
            var config = new Dictionary<string, string>();
            if (!string.IsNullOrWhiteSpace(spec.Subnet))
                config["Subnet"] = spec.Subnet.Trim();
            if (!string.IsNullOrWhiteSpace(spec.IpRange))
                config["IPRange"] = spec.IpRange.Trim();
            if (!string.IsNullOrWhiteSpace(spec.Gateway))
                config["Gateway"] = spec.Gateway.Trim();
            var body = new Dictionary<string, object?>
            {
                ["Name"] = name,
                ["CheckDuplicate"] = true,
                ["Driver"] = string.IsNullOrWhiteSpace(spec.Driver) ? "bridge" : spec.Driver.Trim(),
                ["Internal"] = spec.Internal,
                ["Attachable"] = spec.Attachable,
                ["EnableIPv6"] = spec.EnableIPv6,
                ["Labels"] = spec.Labels,
                ["IPAM"] = new Dictionary<string, object> { ["Driver"] = "default", ["Config"] = config.Count == 0 ? Array.Empty<object>() : new object[] { config } },
            };
            var (_, created) = await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.NetworkCreate(), body, ct);
            var id = created?["Id"]?.GetValue<string>() ?? "";
            return $"Created network {name} ({(id.Length > 12 ? id[..12] : id)}).";
        }, nameFailures: false, ct)]);
    }

    public Task<JsonNode?> InspectAsync(string idOrName, CancellationToken ct = default) =>
        model.Client.GetAsync<JsonNode?>(EngineRoutes.NetworkInspect(idOrName, verbose: false), ct);

    /// <summary>
    /// Each container's aliases on the network, from the containers' inspect (neither the network's inspect nor the
    /// container list carries them). The engine adds the container's short id to user-given aliases; that one is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> AliasesAsync(string networkName, IReadOnlyList<string> containerIds, CancellationToken ct = default)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>>();
        await Parallel.ForEachAsync(containerIds, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
        {
            try
            {
                var inspect = await model.Client.InspectContainerAsync(id, token);
                if (inspect?["NetworkSettings"]?["Networks"]?[networkName]?["Aliases"] is JsonArray aliases)
                    found[id] = [.. aliases.Select(a => a?.GetValue<string>() ?? "").Where(a => a.Length > 0 && !id.StartsWith(a, StringComparison.Ordinal))];
            }
            catch (Exception e) when (e is EngineApiException or OperationCanceledException)
            {
                // Removed meanwhile; the model's next event drops it from the page.
            }
        });
        return found;
    }

    public Task<ActionOutcome> RemoveAsync(IReadOnlyList<string> networks, CancellationToken ct = default) => PlanRemove(networks).RunAsync(ct);

    public ActionPlan PlanRemove(IReadOnlyList<string> networks)
    {
        var names = networks.Select(n => model.FindNetwork(n)?.Name ?? n).ToList();
        return new ActionPlan(DockerCli.NetworkRemove(names), string.Join(", ", names), null, async ct =>
            await Task.WhenAll(networks.Select((network, i) => ActionAttempt.RunAsync(names[i], model.Client.Endpoint, async () =>
        {
            await model.Client.SendAsync(HttpMethod.Delete, EngineRoutes.NetworkRemove(network), ct: ct);
            return $"Removed network {names[i]}.";
        }, nameFailures: networks.Count > 1, ct))));
    }

    public Task<ActionOutcome> ConnectAsync(string network, string container, string? aliasText, string? ip, CancellationToken ct = default) =>
        PlanConnect(network, container, aliasText, ip).RunAsync(ct);

    /// <summary>A missing container is named first, as the form asks for it first.</summary>
    public ActionPlan PlanConnect(string network, string container, string? aliasText, string? ip)
    {
        var networkName = model.FindNetwork(network)?.Name ?? network;
        var (aliases, aliasProblem) = InputRules.Aliases(aliasText);
        var problem = string.IsNullOrWhiteSpace(container) ? "Choose the container to connect." : aliasProblem ?? InputRules.IpAddress(ip, "IP address");
        return new ActionPlan(DockerCli.NetworkConnect(networkName, container, aliases, ip), container, problem,
            async ct => [await ActionAttempt.RunAsync(container, model.Client.Endpoint, async () =>
        {
            var ipam = new Dictionary<string, string>();
            if (!string.IsNullOrWhiteSpace(ip))
                ipam[ip.Contains(':') ? "IPv6Address" : "IPv4Address"] = ip.Trim();
            var body = new Dictionary<string, object>
            {
                ["Container"] = container,
                ["EndpointConfig"] = new Dictionary<string, object> { ["Aliases"] = aliases, ["IPAMConfig"] = ipam },
            };
            await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.NetworkConnect(network), body, ct);
            return $"Connected {container} to {networkName}" + (aliases.Count > 0 ? $" as {string.Join(", ", aliases)}." : ".");
        }, nameFailures: false, ct)]);
    }

    public Task<ActionOutcome> DisconnectAsync(string network, string container, bool force, CancellationToken ct = default) =>
        PlanDisconnect(network, container, force).RunAsync(ct);

    public ActionPlan PlanDisconnect(string network, string container, bool force)
    {
        var networkName = model.FindNetwork(network)?.Name ?? network;
        return new ActionPlan(DockerCli.NetworkDisconnect(networkName, container, force), container, null, async ct => [await ActionAttempt.RunAsync(container, model.Client.Endpoint, async () =>
        {
            await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.NetworkDisconnect(network),
                new Dictionary<string, object> { ["Container"] = container, ["Force"] = force }, ct);
            return $"Disconnected {container} from {networkName}.";
        }, nameFailures: false, ct)]);
    }

    /// <summary>Like <c>docker network prune -f [--filter label=...]</c>.</summary>
    public Task<ActionOutcome> PruneAsync(string? label = null, CancellationToken ct = default) => PlanPrune(label).RunAsync(ct);

    public ActionPlan PlanPrune(string? label = null) =>
        new(DockerCli.NetworkPrune(label), "unused networks", InputRules.LabelFilter(label), async ct => [await ActionAttempt.RunAsync("unused networks", model.Client.Endpoint, async () =>
        {
            var (_, body) = await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.NetworksPrune(LabelMatch.Filters(label)),
                ct: ct, timeout: TimeSpan.FromMinutes(5));
            return PruneReport.Describe(body, "NetworksDeleted", "network");
        }, nameFailures: false, ct)]);
}
