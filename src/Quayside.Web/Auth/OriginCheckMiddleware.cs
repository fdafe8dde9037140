namespace Quayside.Web.Auth;

/// <summary>
/// Refuses a WebSocket upgrade (the Blazor circuit and the /ws streams) unless its Origin is the dashboard's own scheme,
/// host and port, so a page elsewhere cannot ride the user's cookie into a live connection (cross-site WebSocket
/// hijacking). Browsers always send Origin on a WebSocket; a request without one is not a browser we serve. Other
/// requests to those paths (the circuit's negotiate and long-polling fallback) are refused only for a foreign Origin.
/// It reads the Upgrade header itself: the WebSocket middleware, which would say IsWebSocketRequest, runs later.
/// </summary>
public sealed class OriginCheckMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var upgrade = IsWebSocketUpgrade(request);
        var live = upgrade || request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/ws");
        if (live && !(IsSameOrigin(request) || (!upgrade && string.IsNullOrEmpty(request.Headers.Origin))))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync(string.IsNullOrEmpty(request.Headers.Origin)
                ? "WebSocket refused: it has no Origin header. Open Quayside in a browser."
                : "Cross-origin connection refused: Quayside's live connections accept only pages of its own address.");
        }
        return next(context);
    }

    /// <summary>An HTTP/1.1 Upgrade: websocket, or an HTTP/2 extended CONNECT for the websocket protocol.</summary>
    public static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.Any(v => v?.Contains("websocket", StringComparison.OrdinalIgnoreCase) == true)
        || (HttpMethods.IsConnect(request.Method) && request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.Protocol == "websocket");

    /// <summary>True when Origin names this request's own scheme, host and port (the host was already checked by HostGuard).</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        if (!Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin) || origin.AbsolutePath is not ("/" or ""))
            return false;
        var scheme = request.Scheme;
        var port = request.Host.Port ?? (scheme == "https" ? 443 : 80);
        return origin.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase)
            && origin.DnsSafeHost.Equals(request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            && origin.Port == port;
    }
}
