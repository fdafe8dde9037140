using Quayside.Engine.Containers;
using Quayside.Engine.Images;

namespace Quayside.Engine.Hosts;

/// <summary>A container and the host it runs on.</summary>
public sealed record HostedContainer(EngineHost Host, ContainerSummary Container);

/// <summary>Where one image (by tag, or by id when untagged) is held: each host with its copy's id and size.</summary>
public sealed record ImageAcrossHosts(string Reference, IReadOnlyList<ImageCopy> Copies)
{
    /// <summary>Whether the hosts that hold this tag hold different images under it (a stale copy somewhere).</summary>
    public bool Differs => Copies.Select(c => c.ImageId).Distinct(StringComparer.Ordinal).Count() > 1;
}

public sealed record ImageCopy(string Host, string ImageId, long Size);

/// <summary>One thing a search found: its host, its kind (container, image, volume, network), its name and what matched.</summary>
public sealed record SearchHit(string Host, string Kind, string Name, string Id, string Matched);

/// <summary>Views over every host's live model: no engine is asked, so a dead host only leaves its rows out.</summary>
public static class AllHosts
{
    public const int MaxSearchHits = 200;

    public static IReadOnlyList<HostedContainer> Containers(IEnumerable<EngineHost> hosts, ContainerFilter filter, IReadOnlyCollection<string>? only = null) =>
        [.. hosts.Where(h => only is null || only.Count == 0 || only.Contains(h.Name))
            .SelectMany(h => ContainerQuery.Apply(h.Model, filter).Select(c => new HostedContainer(h, c)))
            .OrderBy(r => r.Container.Name, StringComparer.Ordinal).ThenBy(r => r.Host.Name, StringComparer.Ordinal)];

    public static IReadOnlyList<ImageAcrossHosts> Images(IEnumerable<EngineHost> hosts)
    {
        var byReference = new SortedDictionary<string, List<ImageCopy>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            foreach (var image in host.Model.Images.Values)
            {
                var tags = image.RepoTags is { Count: > 0 } t ? t.Where(x => x != "<none>:<none>").ToList() : [];
                foreach (var reference in tags.Count > 0 ? tags : [image.Id])
                {
                    if (!byReference.TryGetValue(reference, out var copies))
                        byReference[reference] = copies = [];
                    copies.Add(new ImageCopy(host.Name, image.Id, image.Size));
                }
            }
        }
        return [.. byReference.Select(kv => new ImageAcrossHosts(kv.Key, kv.Value))];
    }

    /// <summary>
    /// Containers, images, volumes and networks on any host whose name or id contains <paramref name="query"/>, or one
    /// of whose labels does (<c>key</c>, <c>key=value</c> or a part of either), case-insensitively.
    /// </summary>
    public static IReadOnlyList<SearchHit> Search(IEnumerable<EngineHost> hosts, string query, int limit = MaxSearchHits)
    {
        query = query.Trim();
        if (query.Length == 0)
            return [];
        var hits = new List<SearchHit>();
        foreach (var host in hosts)
        {
            var model = host.Model;
            foreach (var c in model.Containers.Values)
                Add(hits, host.Name, "container", c.Name, c.Id, query, [c.Name, c.Id], c.LabelsOrEmpty);
            foreach (var i in model.Images.Values)
            {
                var tags = i.RepoTags?.Where(t => t != "<none>:<none>").ToList() ?? [];
                Add(hits, host.Name, "image", tags.FirstOrDefault() ?? i.Id, i.Id, query, [.. tags, i.Id], i.Labels ?? new Dictionary<string, string>());
            }
            foreach (var v in model.Volumes.Values)
                Add(hits, host.Name, "volume", v.Name, v.Name, query, [v.Name], v.LabelsOrEmpty);
            foreach (var n in model.Networks.Values)
                Add(hits, host.Name, "network", n.Name, n.Id, query, [n.Name, n.Id], n.LabelsOrEmpty);
        }
        return [.. hits.OrderBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Host, StringComparer.Ordinal).Take(limit)];
    }

    private static void Add(List<SearchHit> hits, string host, string kind, string name, string id, string query,
        IEnumerable<string> names, IReadOnlyDictionary<string, string> labels)
    {
        if (names.FirstOrDefault(n => n.Contains(query, StringComparison.OrdinalIgnoreCase)) is { } matched)
        {
            hits.Add(new SearchHit(host, kind, name, id, matched == id ? "id" : "name"));
            return;
        }
        foreach (var (key, value) in labels)
        {
            var label = $"{key}={value}";
            if (label.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(new SearchHit(host, kind, name, id, "label " + label));
                return;
            }
        }
    }
}
