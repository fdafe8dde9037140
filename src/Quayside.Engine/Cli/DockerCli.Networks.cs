using Quayside.Engine.Networks;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    public static string NetworkLs() => "docker network ls --no-trunc";

    public static string NetworkCreate(NetworkSpec spec)
    {
        var words = new List<string> { "docker", "network", "create" };
        if (!string.IsNullOrWhiteSpace(spec.Driver) && spec.Driver != "bridge")
            words.AddRange(["--driver", spec.Driver]);
        foreach (var (flag, value) in new[] { ("--subnet", spec.Subnet), ("--ip-range", spec.IpRange), ("--gateway", spec.Gateway) })
            if (!string.IsNullOrWhiteSpace(value))
                words.AddRange([flag, value.Trim()]);
        words.AddRange(Flag(spec.Internal, "--internal"));
        words.AddRange(Flag(spec.Attachable, "--attachable"));
        words.AddRange(Flag(spec.EnableIPv6, "--ipv6"));
        foreach (var label in spec.Labels)
            words.AddRange(["--label", LabelArg(label)]);
        words.Add(spec.Name.Trim());
        return ShellQuote.Join(words);
    }

    public static string NetworkInspect(string network) => ShellQuote.Join(["docker", "network", "inspect", network]);

    public static string NetworkRemove(IEnumerable<string> networks) => Line(["docker", "network", "rm"], networks);

    public static string NetworkConnect(string network, string container, IEnumerable<string> aliases, string? ip)
    {
        var words = new List<string> { "docker", "network", "connect" };
        foreach (var alias in aliases)
            words.AddRange(["--alias", alias]);
        if (!string.IsNullOrWhiteSpace(ip))
            words.AddRange([ip.Contains(':') ? "--ip6" : "--ip", ip.Trim()]);
        words.AddRange([network, container]);
        return ShellQuote.Join(words);
    }

    public static string NetworkDisconnect(string network, string container, bool force) =>
        ShellQuote.Join(["docker", "network", "disconnect", .. Flag(force, "-f"), network, container]);

    public static string NetworkPrune(string? label = null) =>
        ShellQuote.Join(["docker", "network", "prune", "-f", .. LabelFilter(label)]);
}
