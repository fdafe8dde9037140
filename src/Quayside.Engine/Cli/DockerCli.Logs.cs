using Quayside.Engine.Logs;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    /// <summary><c>docker logs</c> with the viewer's options, e.g. <c>docker logs --follow --tail 500 --since 10m --timestamps web</c>.</summary>
    public static string Logs(string container, LogQuery query)
    {
        var words = new List<string> { "docker", "logs" };
        if (query.Follow)
            words.Add("--follow");
        if (query.Tail is { } tail)
            words.AddRange(["--tail", tail.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (query.Since is { } since)
            words.AddRange(["--since", since.CliText]);
        if (query.Until is { } until)
            words.AddRange(["--until", until.CliText]);
        if (query.Timestamps)
            words.Add("--timestamps");
        words.Add(container);
        return ShellQuote.Join(words);
    }

    /// <summary>Several containers' logs side by side (docker has no merged view: each runs in the background).</summary>
    public static string Logs(IReadOnlyList<string> containers, LogQuery query) =>
        containers.Count == 1 ? Logs(containers[0], query)
        : string.Join(" & ", containers.Select(c => Logs(c, query))) + " & wait";
}
