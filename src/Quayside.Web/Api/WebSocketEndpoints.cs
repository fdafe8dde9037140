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
}
