using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Images;

/// <summary>Remove, tag and prune images; each outcome carries the CLI line it equals.</summary>
public sealed class ImageActions(HostModel model)
{
    public Task<ActionOutcome> RemoveAsync(IReadOnlyList<string> references, bool force, CancellationToken ct = default) =>
        PlanRemove(references, force).RunAsync(ct);

    public ActionPlan PlanRemove(IReadOnlyList<string> references, bool force)
    {
        var names = references.Select(r => model.FindImage(r)?.Reference ?? r).ToList();
        return new ActionPlan(DockerCli.RemoveImages(names, force), string.Join(", ", names), null, async ct =>
            await Task.WhenAll(references.Select((reference, i) => ActionAttempt.RunAsync(names[i], model.Client.Endpoint, async () =>
        {
            var (_, body) = await model.Client.SendAsync(HttpMethod.Delete, EngineRoutes.ImageRemove(reference, force), ct: ct, timeout: TimeSpan.FromMinutes(2));
            var untagged = body?.AsArray().Count(n => n?["Untagged"] is not null) ?? 0;
            var deleted = body?.AsArray().Count(n => n?["Deleted"] is not null) ?? 0;
            return deleted > 0
                ? $"Removed {names[i]} ({deleted} layer{(deleted == 1 ? "" : "s")} deleted)."
                : $"Untagged {names[i]} ({untagged} tag{(untagged == 1 ? "" : "s")}); the image stays while other tags use it.";
        }, nameFailures: true, ct))));
    }

    public Task<ActionOutcome> TagAsync(string source, string target, CancellationToken ct = default) => PlanTag(source, target).RunAsync(ct);

    public ActionPlan PlanTag(string source, string target)
    {
        var sourceName = model.FindImage(source)?.Reference ?? source;
        var (repo, tag) = SplitTag(target);
        return new ActionPlan(DockerCli.Tag(sourceName, target), sourceName, InputRules.ImageReference(target), async ct => [await ActionAttempt.RunAsync(sourceName, model.Client.Endpoint, async () =>
        {
            await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.ImageTag(source, repo, tag), ct: ct);
            return $"Tagged {sourceName} as {repo}:{tag}.";
        }, nameFailures: false, ct)]);
    }

    /// <summary>Like <c>docker image prune -f</c> (dangling only) or with <c>-a</c> (every image no container uses).</summary>
    public Task<ActionOutcome> PruneAsync(bool allUnused, string? label = null, CancellationToken ct = default) => PlanPrune(allUnused, label).RunAsync(ct);

    public ActionPlan PlanPrune(bool allUnused, string? label = null)
    {
        var filters = new Dictionary<string, string[]> { ["dangling"] = [allUnused ? "false" : "true"] };
        if (label is not null)
            filters["label"] = [label];
        return new ActionPlan(DockerCli.ImagePrune(allUnused, label), "unused images", InputRules.LabelFilter(label), async ct => [await ActionAttempt.RunAsync("unused images", model.Client.Endpoint, async () =>
        {
            var (_, body) = await model.Client.SendAsync(HttpMethod.Post, EngineRoutes.ImagesPrune(filters), ct: ct, timeout: TimeSpan.FromMinutes(10));
            var deleted = body?["ImagesDeleted"]?.AsArray().Count(n => n?["Deleted"] is not null) ?? 0;
            var space = body?["SpaceReclaimed"]?.GetValue<long>() ?? 0;
            return $"Deleted {deleted} layer{(deleted == 1 ? "" : "s")}, reclaimed {ByteSize.Format(space)}.";
        }, nameFailures: false, ct)]);
    }

    /// <summary>Splits "repo[:tag]" at the tag's colon (not a registry port's); the tag defaults to latest.</summary>
    public static (string Repo, string Tag) SplitTag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }
}
