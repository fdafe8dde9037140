using System.Net;

namespace Quayside.Web.Hosting;

/// <summary>
/// Serves only the host names Quayside was told about, so a page that rebinds its own name to this machine's address
/// (DNS rebinding) cannot read or drive the dashboard from the admin's browser. IP literals are always served: a
/// rebinding page's requests carry its own name, never an address.
/// </summary>
public sealed class HostGuard(RequestDelegate next, QuaysideSettings settings)
{
    public const string Setting = "QUAYSIDE_ALLOWED_HOSTS";

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (host.HasValue && IsAllowed(host.Host, settings.AllowedHosts))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var shown = host.HasValue ? $"'{host.Host}'" : "no host name";
        return context.Response.WriteAsync(
            $"Quayside does not serve the host name {shown}. It answers only to loopback names, IP addresses, the hosts of QUAYSIDE_URLS " +
            $"and those listed in {Setting} (comma-separated, e.g. {Setting}=dashboard.example.com). Add the name there if it is yours.");
    }

    public static bool IsAllowed(string host, IReadOnlyList<string> allowed)
    {
        var name = host.Trim().TrimEnd('.');
        if (IPAddress.TryParse(name.Trim('[', ']'), out _))
            return true;
        foreach (var pattern in allowed)
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal)
                    ? name.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && name.Length > pattern.Length - 1
                    : name.Equals(pattern, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>localhost, every named host of <paramref name="urls"/> (wildcards bind, they name nothing), and the extra list.</summary>
    public static IReadOnlyList<string> AllowedNames(string urls, string? extra)
    {
        var names = new List<string> { "localhost" };
        foreach (var url in QuaysideSettings.SplitUrls(urls))
        {
            var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split('/', ':')[0];
            if (host is not ("" or "*" or "+" or "0.0.0.0" or "[::]"))
                names.Add(host);
        }
        foreach (var name in (extra ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name == "*")
                throw new InvalidOperationException($"{Setting}=* would serve every host name and let any web page drive this dashboard through DNS rebinding; list the names instead.");
            names.Add(name.TrimEnd('.'));
        }
        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
