using Quayside.Engine.Logs;
using Quayside.Web.Api;

namespace Quayside.Web.Logs;

/// <summary>The logs viewer of one container or several merged: a live stream and a download.</summary>
public static class LogsFeature
{
    public static IServiceCollection AddLogs(this IServiceCollection services) => services.AddSingleton<ContainerLogs>();

    /// <summary><c>/ws/logs</c> (and <c>/ws/hosts/{host}/logs</c>): the viewer's live stream. <c>GET /api/logs/download</c>: the selected range as a text file.</summary>
    public static IEndpointRouteBuilder MapLogs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostWebSocket("/logs", LogsSocket.HandleAsync, "Logs");
        endpoints.MapHostApiGroups("/logs", "Logs", group => group.MapGet("/download", LogsDownload.HandleAsync)
            .WithSummary("The log of one container (docker logs), or of several interleaved by time, as a text file."));
        return endpoints;
    }
}
