using Quayside.Engine.Hosts;

namespace Quayside.Web.Hosts;

/// <summary>Page addresses on a host: the default host keeps today's short URLs, the others live under /hosts/{host}.</summary>
public static class HostLinks
{
    public static string On(string host, string path) =>
        host == EngineHost.DefaultName ? path : $"/hosts/{Uri.EscapeDataString(host)}{path}";

    public static string Containers(string host) => On(host, "/containers");

    /// <summary>An API or WebSocket address on a host: <c>/api/x</c> is <c>/api/hosts/h/x</c>, <c>/ws/x</c> is <c>/ws/hosts/h/x</c>.</summary>
    public static string Api(string host, string path)
    {
        if (host == EngineHost.DefaultName)
            return path;
        var slash = path.IndexOf('/', 1);
        return slash < 0 ? path : $"{path[..slash]}/hosts/{Uri.EscapeDataString(host)}{path[slash..]}";
    }
}
