using System.Text.Json.Nodes;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;

namespace Quayside.Engine.DockerSystem;

/// <summary><c>docker info</c>, <c>docker version</c>, <c>docker system df</c> and <c>docker system prune</c>.</summary>
public sealed class SystemActions(HostModel model, ContainerActions containers, ImageActions images, VolumeActions volumes, NetworkActions networks)
{
    public Task<EngineInfo> InfoAsync(CancellationToken ct = default) => model.Client.GetAsync<EngineInfo>(EngineRoutes.Info(), ct);

    public Task<JsonNode?> RawInfoAsync(CancellationToken ct = default) => model.Client.GetAsync<JsonNode?>(EngineRoutes.Info(), ct);

    public Task<JsonNode?> RawVersionAsync(CancellationToken ct = default) => model.Client.GetAsync<JsonNode?>(EngineRoutes.Version(), ct);

    public Task<DiskUsage> DiskUsageAsync(CancellationToken ct = default) =>
        model.Client.GetAsync<DiskUsage>(EngineRoutes.SystemDf(), ct, TimeSpan.FromMinutes(5));

    /// <summary>
    /// Like <c>docker system prune -f</c>: stopped containers, unused networks, (with <paramref name="withVolumes"/>) unused
    /// volumes, dangling (with <paramref name="allImages"/>: unused) images, and the build cache, in the CLI's order. With a
    /// label filter the build cache is left alone (its records carry no labels).
    /// </summary>
    public Task<ActionOutcome> PruneAsync(bool allImages, bool withVolumes, string? label = null, CancellationToken ct = default) =>
        PlanPrune(allImages, withVolumes, label).RunAsync(ct);

    public ActionPlan PlanPrune(bool allImages, bool withVolumes, string? label = null) =>
        new(DockerCli.SystemPrune(allImages, withVolumes, label), "system", InputRules.LabelFilter(label), async ct =>
        {
            var trimmed = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
            var steps = new List<ActionOutcome>
            {
                await containers.PruneAsync(trimmed, ct),
                await networks.PruneAsync(trimmed, ct),
            };
            if (withVolumes)
                steps.Add(await volumes.PruneAsync(trimmed, ct));
            steps.Add(await images.PruneAsync(allImages, trimmed, ct));
            if (trimmed is null)
                steps.Add(await PruneBuildCacheAsync(allImages, ct));
            return [.. steps.SelectMany(s => s.Results)];
        });

    public Task<ActionOutcome> PruneBuildCacheAsync(bool all, CancellationToken ct = default) => PlanPruneBuildCache(all).RunAsync(ct);

    public ActionPlan PlanPruneBuildCache(bool all) =>
        new(DockerCli.BuilderPrune(all), "build cache", null, async ct => [await ActionAttempt.RunAsync("build cache", model.Client.Endpoint, async () =>
        {
            var (_, body) = await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.BuildPrune(all), ct: ct, timeout: TimeSpan.FromMinutes(10));
            var count = body?["CachesDeleted"] is JsonArray list ? list.Count : 0;
            return $"Removed {count} build cache record{(count == 1 ? "" : "s")}, reclaimed {ByteSize.Format(body?["SpaceReclaimed"]?.GetValue<long>() ?? 0)}.";
        }, nameFailures: false, ct)]);
}
