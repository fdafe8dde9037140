using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Quayside.Web.Auth.Sessions;
using Quayside.Web.Hosting;

namespace Quayside.Web.Auth;

/// <summary>Login, sessions kept on the server, the cookie's flags and the login throttle: the app's authentication in one place.</summary>
public static class AuthSetup
{
    public const string SessionCookie = "quayside.session";

    /// <summary>Over HTTPS the cookies are Secure and __Host- prefixed: bound to this host and scheme, never sent to a plain-HTTP port.</summary>
    public static string CookieName(QuaysideSettings settings, string name) => settings.ServesHttps ? "__Host-" + name : name;

    public static IServiceCollection AddQuaysideAuth(this IServiceCollection services, QuaysideSettings settings)
    {
        services.AddScoped<UserService>();
        services.AddSingleton<SetupState>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<LiveConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveConnections>());
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-XSRF-TOKEN";
            o.Cookie.Name = CookieName(settings, "quayside.antiforgery");
            o.Cookie.SecurePolicy = settings.ServesHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = CookieName(settings, SessionCookie);
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = settings.ServesHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // The server's session row decides (idle timeout, revocation); the ticket only carries its id and the hard limit.
            o.SlidingExpiration = false;
            o.ExpireTimeSpan = settings.SessionLifetime;
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
            o.Events.OnRedirectToLogin = ctx =>
            {
                // APIs, streams and the Blazor circuit get a status code; pages get the login form.
                if (IsMachinePath(ctx.Request.Path))
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else
                    ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/ws") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/_blazor");

    /// <summary>Authentication, the live-connection registry and authorization, in that order.</summary>
    public static void UseQuaysideAuth(this WebApplication app)
    {
        app.UseAuthentication();
        var live = app.Services.GetRequiredService<LiveConnections>();
        app.Use((context, next) => live.TrackAsync(context, next));
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (context.Principal?.FindFirstValue(SessionStore.ClaimType) is { } id && await sessions.ValidateAsync(id, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Opens a server-side session and gives the browser its cookie.</summary>
    public static async Task SignInAsync(HttpContext http, string userName)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        var session = await sessions.CreateAsync(userName, ClientAddress(http), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(SessionStore.ClaimType, session.Id)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The client's address: the connection's peer, or what a proxy in QUAYSIDE_TRUSTED_PROXIES forwarded.</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
