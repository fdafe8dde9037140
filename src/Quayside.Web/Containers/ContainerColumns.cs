namespace Quayside.Web.Containers;

/// <summary>
/// The optional columns of the containers table, which ones show by default (they fit a 1280 px window with the
/// actions), and how the choice is kept in the browser's localStorage: the shown keys, comma-separated.
/// Name, state and actions always show.
/// </summary>
public static class ContainerColumns
{
    public const string StorageKey = "quayside.containers.columns";

    public static readonly IReadOnlyList<(string Key, string Label)> Optional =
    [
        ("id", "ID"), ("image", "Image"), ("command", "Command"), ("created", "Created"),
        ("ports", "Ports"), ("networks", "Networks"), ("mounts", "Mounts"), ("labels", "Labels"),
    ];

    public static IReadOnlySet<string> Defaults { get; } = new HashSet<string> { "image", "created", "ports" };

    /// <summary>The shown columns stored earlier; unknown keys are dropped, and nothing stored means the defaults.</summary>
    public static HashSet<string> Parse(string? stored) =>
        stored is null
            ? [.. Defaults]
            : [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(k => Optional.Any(o => o.Key == k))];

    public static string Serialize(IEnumerable<string> shown) => string.Join(",", Optional.Select(o => o.Key).Where(shown.Contains));
}
