using System.Net;

namespace Quayside.Web.Hosting;

/// <summary>Where Quayside listens and keeps its data, read from the command line and QUAYSIDE_* variables.</summary>
public sealed record QuaysideSettings(string Urls, string DataDirectory)
{
    public const string DefaultUrls = "http://127.0.0.1:8000";
    public const string DefaultTlsUrls = "https://127.0.0.1:8000";

    /// <summary>The HTTPS certificate's source (QUAYSIDE_TLS, QUAYSIDE_TLS_CERT/KEY); null for plain HTTP.</summary>
    public TlsSettings? Tls { get; init; }

    public static QuaysideSettings Resolve(IConfiguration config)
    {
        var data = Path.GetFullPath(config["QUAYSIDE_DATA"] is { Length: > 0 } d ? d : DefaultDataDirectory());
        var tls = TlsSettings.Resolve(config, data);
        var urls = config["urls"] is { Length: > 0 } fromArgs && config["QUAYSIDE_URLS"] is null ? fromArgs
            : config["QUAYSIDE_URLS"] ?? (tls is null ? DefaultUrls : DefaultTlsUrls);
        return new QuaysideSettings(urls, data)
        {
            Tls = tls,
            InContainer = config["QUAYSIDE_IN_CONTAINER"] == "1",
            AllowedHosts = HostGuard.AllowedNames(urls, config["QUAYSIDE_ALLOWED_HOSTS"]),
            TrustedProxies = TrustedProxies.Parse(config["QUAYSIDE_TRUSTED_PROXIES"]),
            SessionLifetime = Duration(config, "QUAYSIDE_SESSION_LIFETIME", TimeSpan.FromDays(7)),
            SessionIdle = Duration(config, "QUAYSIDE_SESSION_IDLE", TimeSpan.FromHours(12)),
        };
    }

    /// <summary>Host names served besides IP literals: loopback names, the hosts of <see cref="Urls"/>, QUAYSIDE_ALLOWED_HOSTS.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = ["localhost"];

    /// <summary>QUAYSIDE_TRUSTED_PROXIES: the only peers whose X-Forwarded-For/-Proto are believed.</summary>
    public TrustedProxies TrustedProxies { get; init; } = TrustedProxies.None;

    /// <summary>A session ends this long after login whatever happens (QUAYSIDE_SESSION_LIFETIME, default 7 days).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A session ends after this long without a request (QUAYSIDE_SESSION_IDLE, default 12 h).</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(12);

    /// <summary>True when any address is https: the cookies are then Secure and carry the __Host- prefix.</summary>
    public bool ServesHttps => SplitUrls(Urls)
        .Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The addresses of a QUAYSIDE_URLS value (<c>;</c>-separated).</summary>
    public static string[] SplitUrls(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static TimeSpan Duration(IConfiguration config, string key, TimeSpan fallback)
    {
        var text = config[key];
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        // The logs' relative-time grammar (30m, 12h, 7d, 1h30m) is the one people already type for durations here.
        return Quayside.Engine.Logs.LogTime.Parse(text, key, DateTimeOffset.UtcNow, out _) is { Ago: { } ago } && ago > TimeSpan.Zero ? ago
            : throw new InvalidOperationException($"{key} is '{text}'; give a duration such as 30m, 12h or 7d.");
    }

    /// <summary>$XDG_DATA_HOME/quayside, else ~/.local/share/quayside.</summary>
    public static string DefaultDataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "quayside");
    }

    /// <summary>The first address as a browser can open it (a wildcard host becomes 127.0.0.1).</summary>
    public string OpenUrl
    {
        get
        {
            var first = SplitUrls(Urls)[0];
            foreach (var wildcard in new[] { "//0.0.0.0", "//[::]", "//*", "//+" })
                first = first.Replace(wildcard, "//127.0.0.1");
            return first.TrimEnd('/');
        }
    }

    /// <summary>A warning for each plain-HTTP address reachable from other machines.</summary>
    public IEnumerable<string> ExposureWarnings() =>
        SplitUrls(Urls)
            .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(u))
            .Select(u => InContainer
                ? $"WARNING: Quayside listens on {u} inside its container without TLS: whoever reaches the port published for it sees logins and controls the Docker engine in clear text. Publish it on 127.0.0.1 only (docker run -p 127.0.0.1:8000:8000) or turn on TLS (QUAYSIDE_TLS=self-signed)."
                : $"WARNING: Quayside listens on {u} without TLS. Logins and the Docker engine it controls are exposed to the network in clear text; use https:// or keep it on 127.0.0.1.");

    /// <summary>Set by the container image (QUAYSIDE_IN_CONTAINER=1): a wildcard address is normal there; the port publishing decides the exposure.</summary>
    public bool InContainer { get; init; }

    private static bool IsLoopback(string url)
    {
        var host = url["http://".Length..].Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
