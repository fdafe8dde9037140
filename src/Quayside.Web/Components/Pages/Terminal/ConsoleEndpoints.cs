using Quayside.Engine.Exec;

namespace Quayside.Web.Components.Pages.Terminal;

/// <summary>The console's services and its WebSocket endpoints: /ws/exec/{container} (exec) and /ws/exec/{container}/attach.</summary>
public static class ConsoleEndpoints
{
    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration config) => services
        .AddSingleton<ConsoleService>()
        .AddSingleton(_ => BusyboxFiles.Locate(config[BusyboxFiles.Setting]))
        .AddSingleton<ConsoleSocket>();

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        // Its own pipeline with the WebSocket middleware, as SignalR does for its hubs. Login is required by the fallback
        // policy and a foreign Origin is refused by OriginCheckMiddleware (it covers every /ws path).
        var socket = endpoints.ServiceProvider.GetRequiredService<ConsoleSocket>();
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(socket.HandleAsync);
        var handler = pipeline.Build();
        endpoints.Map("/ws/exec/{container}", handler).WithDisplayName("Console (exec)").ExcludeFromDescription();
        endpoints.Map("/ws/exec/{container}/attach", handler).WithDisplayName("Console (attach)").ExcludeFromDescription();
        return endpoints;
    }
}
