namespace Quayside.Web.Containers;

/// <summary>One tab of a container's page: its route under <c>/containers/{id}</c> and its title.</summary>
public sealed record DetailTab(string Key, string Title, string Path, bool NeedsRunning = false);

/// <summary>The tabs every container page shows, in order. A feature adds its tab here and a page at that path.</summary>
public static class ContainerTabs
{
    public static readonly IReadOnlyList<DetailTab> All =
    [
        new("inspect", "Inspect", ""),
        new("logs", "Logs", "logs"),
        new("console", "Console", "console", NeedsRunning: true),
        new("stats", "Stats", "stats", NeedsRunning: true),
        new("top", "Processes", "top", NeedsRunning: true),
        new("diff", "Changes", "diff"),
        new("files", "Files", "files"),
        new("commit", "Commit & export", "commit"),
        new("update", "Update", "update"),
        new("duplicate", "Duplicate/Edit", "duplicate"),
        new("json", "Raw JSON", "json"),
    ];

    public static string Href(string containerId, DetailTab tab) =>
        tab.Path.Length == 0 ? $"/containers/{Uri.EscapeDataString(containerId)}" : $"/containers/{Uri.EscapeDataString(containerId)}/{tab.Path}";
}
