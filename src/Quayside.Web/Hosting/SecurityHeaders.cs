using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Quayside.Web.Hosting;

/// <summary>
/// Headers on every response: a Content-Security-Policy that runs only this site's own script files (plus the hash of
/// the one inline script Blazor writes, its import map) and forbids framing; nosniff; same-origin referrers; HSTS over HTTPS.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string PolicyTemplate =
        "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> Policies = [];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>());
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            if (context.Request.IsHttps)
                headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        return next(context);
    }

    public static string PolicyFor(ImportMapDefinition? importMap) =>
        importMap is null ? string.Format(PolicyTemplate, "")
            : Policies.GetValue(importMap, map => string.Format(PolicyTemplate, $" '{Hash(map.ToString())}'"));

    /// <summary>The CSP source for an inline script's exact text.</summary>
    public static string Hash(string script) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
}
