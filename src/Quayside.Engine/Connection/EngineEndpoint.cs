namespace Quayside.Engine.Connection;

/// <summary>Where the Docker engine listens, parsed from DOCKER_HOST the way the docker CLI reads it.</summary>
public sealed record EngineEndpoint(string Address, string? SocketPath, Uri BaseUri)
{
    public const string DefaultAddress = "unix:///var/run/docker.sock";

    public bool IsUnixSocket => SocketPath is not null;

    public static EngineEndpoint FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    public static EngineEndpoint Parse(string? dockerHost)
    {
        var address = string.IsNullOrWhiteSpace(dockerHost) ? DefaultAddress : dockerHost.Trim();
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = address["unix://".Length..];
            if (!path.StartsWith('/'))
                throw new FormatException($"DOCKER_HOST '{address}' must name an absolute socket path, e.g. unix:///var/run/docker.sock.");
            return new EngineEndpoint(address, path, new Uri("http://docker/"));
        }
        if (address.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var authority = address["tcp://".Length..].TrimEnd('/');
            if (!System.Text.RegularExpressions.Regex.IsMatch(authority, @":\d{1,5}$") || !Uri.TryCreate("http://" + authority, UriKind.Absolute, out var uri))
                throw new FormatException($"DOCKER_HOST '{address}' must be tcp://HOST:PORT, e.g. tcp://127.0.0.1:2375.");
            return new EngineEndpoint(address, null, new Uri($"http://{uri.Authority}/"));
        }
        throw new FormatException($"DOCKER_HOST '{address}' is not supported: use unix:///path/to/docker.sock or tcp://HOST:PORT.");
    }
}
