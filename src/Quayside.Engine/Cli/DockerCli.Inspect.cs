namespace Quayside.Engine.Cli;

/// <summary>The lines for the views of one container or image: inspect, history, top, diff, stats.</summary>
public static partial class DockerCli
{
    public static string Inspect(string container) => ShellQuote.Join(["docker", "inspect", container]);

    public static string ImageInspect(string image) => ShellQuote.Join(["docker", "image", "inspect", image]);

    public static string History(string image) => ShellQuote.Join(["docker", "history", "--no-trunc", image]);

    public static string Top(string container) => ShellQuote.Join(["docker", "top", container]);

    public static string Diff(string container) => ShellQuote.Join(["docker", "diff", container]);

    /// <summary>The live view of one container (<c>docker stats NAME</c>).</summary>
    public static string Stats(string container) => ShellQuote.Join(["docker", "stats", container]);

    /// <summary>The one-off figures the containers list shows for its running rows.</summary>
    public static string StatsNoStream(IEnumerable<string> containers) =>
        ShellQuote.Join(["docker", "stats", "--no-stream", .. containers]);
}
