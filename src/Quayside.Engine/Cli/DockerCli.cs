using Quayside.Engine.Containers;
using Quayside.Engine.Images;

namespace Quayside.Engine.Cli;

/// <summary>
/// The one place that builds the <c>docker</c> command equivalent to what a page shows or an action does.
/// Each method returns a line quoted for a POSIX shell.
/// </summary>
public static partial class DockerCli
{
    public static string Ps(ContainerFilter filter, bool withSize = false)
    {
        var words = new List<string> { "docker", "ps", "-a" };
        foreach (var state in filter.States)
            words.AddRange(["--filter", $"status={state}"]);
        if (!string.IsNullOrEmpty(filter.Name))
            words.AddRange(["--filter", $"name={filter.Name}"]);
        if (!string.IsNullOrEmpty(filter.Image))
            words.AddRange(["--filter", $"ancestor={filter.Image}"]);
        foreach (var label in filter.Labels)
            words.AddRange(["--filter", $"label={label}"]);
        if (withSize)
            words.Add("--size");
        return ShellQuote.Join(words);
    }

    public static string Images(ImageFilter filter)
    {
        var words = new List<string> { "docker", "images", "--digests" };
        if (filter.DanglingOnly)
            words.AddRange(["--filter", "dangling=true"]);
        return ShellQuote.Join(words);
    }

    public static string Start(IEnumerable<string> containers) => Line(["docker", "start"], containers);

    public static string Stop(IEnumerable<string> containers, int timeoutSeconds) =>
        Line(["docker", "stop", "-t", timeoutSeconds.ToString()], containers);

    public static string Restart(IEnumerable<string> containers, int timeoutSeconds) =>
        Line(["docker", "restart", "-t", timeoutSeconds.ToString()], containers);

    public static string Pause(IEnumerable<string> containers) => Line(["docker", "pause"], containers);

    public static string Unpause(IEnumerable<string> containers) => Line(["docker", "unpause"], containers);

    public static string Kill(IEnumerable<string> containers, string signal) =>
        Line(["docker", "kill", "-s", signal], containers);

    public static string Remove(IEnumerable<string> containers, bool force, bool volumes) =>
        Line(["docker", "rm", .. Flag(force, "-f"), .. Flag(volumes, "-v")], containers);

    public static string Rename(string container, string newName) => Line(["docker", "rename", container, newName], []);

    public static string ContainerPrune(string? label = null) =>
        ShellQuote.Join(["docker", "container", "prune", "-f", .. LabelFilter(label)]);

    public static string RemoveImages(IEnumerable<string> images, bool force) =>
        Line(["docker", "rmi", .. Flag(force, "-f")], images);

    public static string Tag(string source, string target) => Line(["docker", "tag", source, target], []);

    public static string ImagePrune(bool allUnused, string? label = null) =>
        ShellQuote.Join(["docker", "image", "prune", .. Flag(allUnused, "-a"), "-f", .. LabelFilter(label)]);

    private static IEnumerable<string> Flag(bool on, string flag) => on ? [flag] : [];

    private static IEnumerable<string> LabelFilter(string? label) => label is null ? [] : ["--filter", $"label={label}"];

    private static string Line(IEnumerable<string> head, IEnumerable<string> targets) =>
        ShellQuote.Join(head.Concat(targets));
}
