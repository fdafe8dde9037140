namespace Quayside.Web.Api;

public static class WebSocketEndpoints
{
    /// <summary>
    /// A WebSocket endpoint on a pipeline of its own (as SignalR does for its hubs), so the WebSocket middleware runs only
    /// there while the login policy still applies; a foreign Origin is refused before it by OriginCheckMiddleware, which
    /// covers every <c>/ws</c> path.
    /// </summary>
    public static IEndpointConventionBuilder MapWebSocket(this IEndpointRouteBuilder endpoints, string pattern, RequestDelegate handler, string name)
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(handler);
        return endpoints.Map(pattern, pipeline.Build()).WithDisplayName(name).ExcludeFromDescription();
    }

    /// <summary>
    /// The same socket on the default host (<c>/ws{pattern}</c>) and on every other host (<c>/ws/hosts/{host}{pattern}</c>);
    /// an address naming no host is a 404 in words before the socket opens. The handler reaches its host with
    /// <see cref="HttpContextHosts.HostService{T}"/>.
    /// </summary>
    public static void MapHostWebSocket(this IEndpointRouteBuilder endpoints, string pattern, RequestDelegate handler, string name)
    {
        endpoints.MapWebSocket("/ws" + pattern, handler, name);
        endpoints.MapWebSocket("/ws/hosts/{host}" + pattern, async http =>
        {
            if (http.EngineHost() is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.Response.WriteAsync($"There is no host named '{http.GetRouteValue("host")}'.");
                return;
            }
            await handler(http);
        }, name + " on a host");
    }
}
