using System.Text.RegularExpressions;

namespace Quayside.Engine.Containers;

/// <summary>
/// The container Quayside itself runs in, if any, so the pages can mark it and warn before stopping it.
/// Docker bind-mounts /etc/hostname from /var/lib/docker/containers/&lt;id&gt;/, which /proc/self/mountinfo shows with
/// both cgroup versions; the hostname (the short id unless --hostname was given) is the fallback.
/// </summary>
public sealed partial class SelfContainer(string? id)
{
    public static SelfContainer None { get; } = new(null);

    /// <summary>The full id, or a 12-character short id when only the hostname told it; null outside a container.</summary>
    public string? Id { get; } = id;

    public bool Is(string containerId) =>
        Id is not null && containerId.StartsWith(Id, StringComparison.OrdinalIgnoreCase);

    public static SelfContainer Detect()
    {
        if (!File.Exists("/.dockerenv") && !File.Exists("/run/.containerenv"))
            return None;
        var fromMounts = File.Exists("/proc/self/mountinfo") ? FromMountInfo(File.ReadAllText("/proc/self/mountinfo")) : null;
        return new SelfContainer(fromMounts ?? FromHostname(Environment.MachineName));
    }

    public static string? FromMountInfo(string mountInfo) =>
        ContainerFile().Match(mountInfo) is { Success: true } m ? m.Groups[1].Value : null;

    public static string? FromHostname(string hostname) => ShortId().IsMatch(hostname) ? hostname : null;

    [GeneratedRegex(@"/containers/([0-9a-f]{64})/(?:hostname|hosts|resolv\.conf)\s")]
    private static partial Regex ContainerFile();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex ShortId();
}
