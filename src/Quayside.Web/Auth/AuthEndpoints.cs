using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Quayside.Web.Auth.Sessions;

namespace Quayside.Web.Auth;

/// <summary>Form posts for login, first-admin setup and logout; all antiforgery-checked.</summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/login", LoginAsync).AllowAnonymous();
        app.MapPost("/auth/setup", SetupAsync).AllowAnonymous();
        // No form field is bound, so the framework would not check antiforgery here by itself: these check it themselves.
        app.MapPost("/auth/logout", (HttpContext http, IAntiforgery antiforgery, SessionStore sessions) =>
            EndSessionsAsync(http, antiforgery, id => sessions.EndAsync(id, http.RequestAborted)));
        app.MapPost("/auth/logout-everywhere", (HttpContext http, IAntiforgery antiforgery, SessionStore sessions) =>
            EndSessionsAsync(http, antiforgery, _ => sessions.RevokeAllAsync(http.User.Identity!.Name!, http.RequestAborted)));
        app.MapGet("/api/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new AntiforgeryTokenResponse(tokens.HeaderName!, tokens.RequestToken!));
        }).WithTags("Session").WithSummary("A token to send in the header it names with every POST, PUT or DELETE to /api.");
    }

    private static async Task<IResult> EndSessionsAsync(HttpContext http, IAntiforgery antiforgery, Func<string, Task> end)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Text("Logout refused: the form's antiforgery token is missing or wrong. Use the Log out button of Quayside's own page.",
                statusCode: StatusCodes.Status400BadRequest);
        if (http.User.FindFirstValue(SessionStore.ClaimType) is { } id)
            await end(id);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/login");
    }

    public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

    private static async Task<IResult> LoginAsync(
        HttpContext http, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        LoginThrottle throttle, UserService users, SetupState setup)
    {
        if (setup.IsPending)
            return Results.LocalRedirect("/setup");
        if (throttle.TryBegin(AuthSetup.ClientAddress(http), userName ?? "", out var wait) is not { } attempt)
            return TooManyAttempts(wait);
        var user = await users.CheckAsync(userName ?? "", password ?? "", http.RequestAborted);
        if (user is null)
            return Results.LocalRedirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
        throttle.Succeeded(attempt);
        await AuthSetup.SignInAsync(http, user.UserName);
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static async Task<IResult> SetupAsync(
        HttpContext http, [FromForm] string? token, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? confirm,
        LoginThrottle throttle, UserService users, SetupState setup)
    {
        if (!setup.IsPending)
            return Results.LocalRedirect("/login");
        if (throttle.TryBegin(AuthSetup.ClientAddress(http), SetupAccount, out var wait) is not { } attempt)
            return TooManyAttempts(wait);
        string? problem = null;
        if (setup.Matches(token))
            throttle.Succeeded(attempt);
        else
            problem = "The setup token is wrong. Copy it from the console where Quayside was started.";
        problem ??= AccountRules.UserName(userName) ?? AccountRules.Password(password)
            ?? (password != confirm ? "The two passwords differ." : null);
        if (problem is not null)
            return Results.LocalRedirect($"/setup?error={Uri.EscapeDataString(problem)}&userName={Uri.EscapeDataString(userName ?? "")}");

        await users.CreateAsync(userName!, password!, http.RequestAborted);
        setup.Complete();
        await AuthSetup.SignInAsync(http, userName!);
        return Results.LocalRedirect("/");
    }

    /// <summary>The throttle's key for setup-token guesses, which have no account yet.</summary>
    private const string SetupAccount = "(setup token)";

    private static IResult TooManyAttempts(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        return new TooManyAttemptsResult(seconds);
    }

    private sealed class TooManyAttemptsResult(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = "text/html; charset=utf-8";
            var wait = seconds >= 120 ? $"{seconds / 60} minutes" : $"{seconds} seconds";
            return http.Response.WriteAsync(
                $"<!DOCTYPE html><title>Too many attempts</title><p>Too many failed logins from your address or for this account. Wait {wait}, then <a href=\"/login\">try again</a>.</p>");
        }
    }

    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";

}
