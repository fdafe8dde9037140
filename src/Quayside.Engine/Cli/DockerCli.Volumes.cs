using Quayside.Engine.Volumes;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    public static string VolumeLs() => "docker volume ls";

    public static string VolumeCreate(VolumeSpec spec) => ShellQuote.Join([
        "docker", "volume", "create",
        .. spec.Driver is { Length: > 0 } d && d != "local" ? ["--driver", d] : Array.Empty<string>(),
        .. spec.DriverOptions.SelectMany(o => new[] { "--opt", $"{o.Key}={o.Value}" }),
        .. spec.Labels.SelectMany(l => new[] { "--label", LabelArg(l) }),
        .. string.IsNullOrWhiteSpace(spec.Name) ? Array.Empty<string>() : [spec.Name.Trim()]]);

    public static string VolumeInspect(string name) => ShellQuote.Join(["docker", "volume", "inspect", name]);

    public static string VolumeRemove(IEnumerable<string> names, bool force) =>
        Line(["docker", "volume", "rm", .. Flag(force, "-f")], names);

    /// <param name="all">Named volumes too: from API 1.42 (Docker 23) a prune without <c>-a</c> removes only anonymous ones.</param>
    public static string VolumePrune(string? label = null, bool all = false) =>
        ShellQuote.Join(["docker", "volume", "prune", .. Flag(all, "-a"), "-f", .. LabelFilter(label)]);

    private static string LabelArg(KeyValuePair<string, string> label) => label.Value.Length == 0 ? label.Key : $"{label.Key}={label.Value}";
}
