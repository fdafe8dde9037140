using Quayside.Engine.Logs;
using Quayside.Web.Api;

namespace Quayside.Web.Logs;

/// <summary>The logs feature's services and endpoints: one line each in Program.cs.</summary>
public static class LogsRegistration
{
    public static IServiceCollection AddLogs(this IServiceCollection services) => services.AddSingleton<ContainerLogs>();

    /// <summary>
    /// <c>/ws/logs</c>: the viewer's live stream (a WebSocket; the Origin check and the login requirement apply as to every
    /// endpoint). <c>GET /api/logs/download</c>: the selected range as a text file.
    /// </summary>
    public static void MapLogs(this WebApplication app)
    {
        // An endpoint of its own pipeline, so the WebSocket middleware runs only here and the fallback login policy still applies.
        var socket = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        socket.UseWebSockets();
        socket.Run(LogsSocket.HandleAsync);
        app.Map("/ws/logs", socket.Build()).ExcludeFromDescription();

        app.MapGroup("/api/logs").AddEndpointFilter<AntiforgeryFilter>().WithTags("Logs")
            .MapGet("/download", LogsDownload.HandleAsync)
            .WithSummary("The log of one container (docker logs), or of several interleaved by time, as a text file.");
    }
}
