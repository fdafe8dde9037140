using Quayside.Engine.Containers;
using Quayside.Engine.Model;

namespace Quayside.Engine.Stacks;

/// <summary>Groups the host model's containers, networks and volumes into compose projects by their labels.</summary>
public static class StackIndex
{
    public static IReadOnlyList<StackSummary> From(HostModel model)
    {
        var containers = model.Containers.Values
            .Where(c => c.LabelsOrEmpty.ContainsKey(ComposeLabels.Project))
            .GroupBy(c => c.LabelsOrEmpty[ComposeLabels.Project], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var networks = Owned(model.Networks.Values.Select(n => (n.Name, n.LabelsOrEmpty)));
        var volumes = Owned(model.Volumes.Values.Select(v => (v.Name, v.LabelsOrEmpty)));
        return containers.Keys.Concat(networks.Keys).Concat(volumes.Keys).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => Summarize(name, containers.GetValueOrDefault(name) ?? [],
                networks.GetValueOrDefault(name) ?? [], volumes.GetValueOrDefault(name) ?? []))
            .ToList();
    }

    public static StackSummary? Find(HostModel model, string name) =>
        From(model).FirstOrDefault(s => s.Name == name);

    /// <summary>The containers of one service, or of the whole project when <paramref name="service"/> is null.</summary>
    public static IReadOnlyList<ContainerSummary> ContainersOf(HostModel model, string project, string? service = null) =>
        model.Containers.Values.Where(c => c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Project) == project
                && !IsOneOff(c)
                && (service is null || c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service) == service))
            .OrderBy(c => c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service), StringComparer.Ordinal)
            .ThenBy(Number).ToList();

    private static Dictionary<string, List<string>> Owned(IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels)> items) =>
        items.Where(i => i.Labels.ContainsKey(ComposeLabels.Project))
            .GroupBy(i => i.Labels[ComposeLabels.Project], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Name).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static StackSummary Summarize(string name, List<ContainerSummary> containers, List<string> networks, List<string> volumes)
    {
        var services = containers.Where(c => !IsOneOff(c))
            .GroupBy(c => c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.Service) ?? "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StackService(g.Key, g.OrderBy(Number).ToList()))
            .ToList();
        // The newest container says where the files are now (a project moved to another folder keeps old containers for a while).
        var newest = containers.OrderByDescending(c => c.Created).FirstOrDefault();
        var labels = newest?.LabelsOrEmpty ?? new Dictionary<string, string>();
        var workingDir = labels.GetValueOrDefault(ComposeLabels.WorkingDir);
        var files = (labels.GetValueOrDefault(ComposeLabels.ConfigFiles) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Path.IsPathRooted(f) || workingDir is null ? f : Path.Combine(workingDir, f))
            .ToList();
        var lastChange = containers.Count == 0 ? (DateTimeOffset?)null : containers
            .Select(c => new[] { c.CreatedAt, c.StartedAt ?? DateTimeOffset.MinValue, c.FinishedAt ?? DateTimeOffset.MinValue }.Max())
            .Max();
        return new StackSummary(name, services, networks, volumes, workingDir, files,
            labels.GetValueOrDefault(ComposeLabels.EnvironmentFile), labels.GetValueOrDefault(ComposeLabels.Version), lastChange);
    }

    public static bool IsOneOff(ContainerSummary c) =>
        string.Equals(c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.OneOff), "True", StringComparison.OrdinalIgnoreCase);

    private static int Number(ContainerSummary c) =>
        int.TryParse(c.LabelsOrEmpty.GetValueOrDefault(ComposeLabels.ContainerNumber), out var n) ? n : 0;
}
