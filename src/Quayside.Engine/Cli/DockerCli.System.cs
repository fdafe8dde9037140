namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    public static string Info() => "docker info";

    public static string Version() => "docker version";

    public static string SystemDf(bool verbose) => verbose ? "docker system df -v" : "docker system df";

    public static string SystemPrune(bool allImages, bool volumes, string? label = null) =>
        ShellQuote.Join(["docker", "system", "prune", .. Flag(allImages, "-a"), .. Flag(volumes, "--volumes"), "-f", .. LabelFilter(label)]);

    public static string BuilderPrune(bool all) => ShellQuote.Join(["docker", "builder", "prune", .. Flag(all, "-a"), "-f"]);

    /// <summary>
    /// <c>docker events</c> with the page's filters. Times are Unix seconds; with no until the command follows live.
    /// </summary>
    public static string Events(IEnumerable<string> types, string? action, string? name, DateTimeOffset? since, DateTimeOffset? until)
    {
        var words = new List<string> { "docker", "events" };
        if (since is { } s)
            words.AddRange(["--since", s.ToUnixTimeSeconds().ToString()]);
        if (until is { } u)
            words.AddRange(["--until", u.ToUnixTimeSeconds().ToString()]);
        foreach (var type in types)
            words.AddRange(["--filter", $"type={type}"]);
        if (!string.IsNullOrWhiteSpace(action))
            words.AddRange(["--filter", $"event={action.Trim()}"]);
        if (!string.IsNullOrWhiteSpace(name))
            words.AddRange(["--filter", $"container={name.Trim()}"]);
        return ShellQuote.Join(words);
    }
}
