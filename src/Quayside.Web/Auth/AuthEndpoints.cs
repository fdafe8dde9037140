using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Quayside.Web.Auth;

/// <summary>Form posts for login, first-admin setup and logout; all antiforgery-checked.</summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/login", LoginAsync).AllowAnonymous();
        app.MapPost("/auth/setup", SetupAsync).AllowAnonymous();
        app.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
        app.MapGet("/api/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new AntiforgeryTokenResponse(tokens.HeaderName!, tokens.RequestToken!));
        }).WithTags("Session").WithSummary("A token to send in the header it names with every POST, PUT or DELETE to /api.");
    }

    public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

    private static async Task<IResult> LoginAsync(
        HttpContext http, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        LoginThrottle throttle, UserService users, SetupState setup)
    {
        var client = ClientAddress(http);
        if (throttle.IsBlocked(client))
            return TooManyAttempts();
        if (setup.IsPending)
            return Results.LocalRedirect("/setup");
        var user = await users.CheckAsync(userName ?? "", password ?? "", http.RequestAborted);
        if (user is null)
        {
            throttle.RecordFailure(client);
            return Results.LocalRedirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
        }
        await SignInAsync(http, user.UserName);
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static async Task<IResult> SetupAsync(
        HttpContext http, [FromForm] string? token, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? confirm,
        LoginThrottle throttle, UserService users, SetupState setup)
    {
        var client = ClientAddress(http);
        if (throttle.IsBlocked(client))
            return TooManyAttempts();
        if (!setup.IsPending)
            return Results.LocalRedirect("/login");
        string? problem = null;
        if (!setup.Matches(token))
        {
            throttle.RecordFailure(client);
            problem = "The setup token is wrong. Copy it from the console where Quayside was started.";
        }
        problem ??= AccountRules.UserName(userName) ?? AccountRules.Password(password)
            ?? (password != confirm ? "The two passwords differ." : null);
        if (problem is not null)
            return Results.LocalRedirect($"/setup?error={Uri.EscapeDataString(problem)}&userName={Uri.EscapeDataString(userName ?? "")}");

        await users.CreateAsync(userName!, password!, http.RequestAborted);
        setup.Complete();
        await SignInAsync(http, userName!);
        return Results.LocalRedirect("/");
    }

    private static Task SignInAsync(HttpContext http, string userName)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    private static IResult TooManyAttempts() => Results.Content(
        "<!DOCTYPE html><title>Too many attempts</title><p>Too many failed logins from your address. Wait a minute, then <a href=\"/login\">try again</a>.</p>",
        "text/html", statusCode: StatusCodes.Status429TooManyRequests);

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";

}
