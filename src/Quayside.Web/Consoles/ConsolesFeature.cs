using Quayside.Engine.Consoles;
using Quayside.Web.Api;

namespace Quayside.Web.Consoles;

/// <summary>The console: a shell by exec (with the no-shell fallback) or an attach, in the page or on its own.</summary>
public static class ConsolesFeature
{
    public static IServiceCollection AddConsoles(this IServiceCollection services, IConfiguration config) => services
        .AddSingleton<ConsoleService>()
        .AddSingleton(_ => BusyboxFiles.Locate(config[BusyboxFiles.Setting]))
        .AddSingleton<ConsoleSocket>();

    /// <summary><c>/ws/exec/{container}</c> (exec) and <c>/ws/exec/{container}/attach</c>, and the same under <c>/ws/hosts/{host}</c>.</summary>
    public static IEndpointRouteBuilder MapConsoles(this IEndpointRouteBuilder endpoints)
    {
        var socket = endpoints.ServiceProvider.GetRequiredService<ConsoleSocket>();
        endpoints.MapHostWebSocket("/exec/{container}", socket.HandleAsync, "Console (exec)");
        endpoints.MapHostWebSocket("/exec/{container}/attach", socket.HandleAsync, "Console (attach)");
        return endpoints;
    }
}
