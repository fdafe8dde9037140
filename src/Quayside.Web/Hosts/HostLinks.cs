using Quayside.Engine.Hosts;

namespace Quayside.Web.Hosts;

/// <summary>Page addresses on a host: the default host keeps today's short URLs, the others live under /hosts/{host}.</summary>
public static class HostLinks
{
    public static string On(string host, string path) =>
        host == EngineHost.DefaultName ? path : $"/hosts/{Uri.EscapeDataString(host)}{path}";

    public static string Containers(string host) => On(host, "/containers");
}
