namespace Quayside.Web.Auth;

/// <summary>
/// Refuses WebSocket upgrades (the Blazor circuit and the /ws streams) whose Origin is another site's,
/// so a page elsewhere cannot ride the user's cookie into a live connection.
/// </summary>
public sealed class OriginCheckMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var upgrading = context.WebSockets.IsWebSocketRequest
            || context.Request.Path.StartsWithSegments("/_blazor") || context.Request.Path.StartsWithSegments("/ws");
        if (upgrading && !IsSameOrigin(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("Cross-origin connection refused.");
        }
        return next(context);
    }

    public static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
            return !request.HttpContext.WebSockets.IsWebSocketRequest; // browsers always send Origin on WebSockets
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
