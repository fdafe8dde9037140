using System.Net;
using System.Text.RegularExpressions;
using Quayside.Engine.Pulls;

namespace Quayside.Web.Registries;

/// <summary>Normalises what a person types as a registry address to host[:port] (docker.io for Docker Hub).</summary>
public static partial class RegistryAddress
{
    public static string? Normalize(string? text, out string? problem)
    {
        problem = null;
        var t = (text ?? "").Trim().TrimEnd('/');
        foreach (var prefix in new[] { "https://", "http://" })
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                t = t[prefix.Length..];
        if (t.EndsWith("/v1", StringComparison.Ordinal) || t.EndsWith("/v2", StringComparison.Ordinal))
            t = t[..^3];
        t = t.ToLowerInvariant();
        if (t is "" )
        {
            problem = "A registry address is required, e.g. localhost:5000, registry.example.com or docker.io.";
            return null;
        }
        if (t is "docker.io" or "index.docker.io" or "registry-1.docker.io" or "hub.docker.com")
            return ImageReference.DockerHub;
        if (!HostPort().IsMatch(t))
        {
            problem = $"'{text}' is not a registry address: use host[:port], e.g. localhost:5000 or registry.example.com.";
            return null;
        }
        return t;
    }

    /// <summary>Loopback registries speak plain HTTP (the engine treats 127.0.0.0/8 as insecure too); others HTTPS.</summary>
    public static Uri BaseUri(string address)
    {
        var host = address.Split(':')[0];
        var plain = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return new Uri($"{(plain ? "http" : "https")}://{address}/");
    }

    [GeneratedRegex(@"^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::[0-9]{1,5})?$")] private static partial Regex HostPort();
}
