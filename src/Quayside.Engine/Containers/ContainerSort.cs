using Quayside.Engine.Model;

namespace Quayside.Engine.Containers;

/// <summary>Column orderings of the containers list, shared by the page and the API.</summary>
public static class ContainerSort
{
    public static readonly IReadOnlyList<string> Keys = ["name", "id", "image", "command", "state", "created", "ports", "networks", "mounts", "labels"];

    public static IEnumerable<ContainerSummary> Apply(IEnumerable<ContainerSummary> items, string? key, bool descending, HostModel model)
    {
        Func<ContainerSummary, IComparable> by = (key ?? "name").ToLowerInvariant() switch
        {
            "id" => c => c.Id,
            "image" => c => model.ImageDisplayName(c),
            "command" => c => c.Command,
            "state" => c => c.StateLabel,
            "created" => c => c.Created,
            "ports" => c => c.Ports.Select(p => p.PublicPort ?? 0).DefaultIfEmpty(0).Min(),
            "networks" => c => string.Join(',', c.NetworkNames),
            "mounts" => c => string.Join(',', c.Mounts.Select(m => m.ToString())),
            "labels" => c => c.LabelsOrEmpty.Count,
            _ => c => c.Name,
        };
        var sorted = descending ? items.OrderByDescending(by) : items.OrderBy(by);
        return sorted.ThenBy(c => c.Name, StringComparer.Ordinal);
    }
}
