namespace Quayside.Engine.Connection;

public enum EngineTransport
{
    Unix,
    Tcp,
    Tls,
    Ssh,
}

/// <summary>
/// Where an engine listens and how to reach it, read the way the docker CLI reads DOCKER_HOST: unix:///path,
/// tcp://host:port (with <see cref="Tls"/> for TLS) or ssh://user@host[:port] (with <see cref="Ssh"/>).
/// </summary>
public sealed record EngineEndpoint(string Address, string? SocketPath, Uri BaseUri)
{
    public const string DefaultAddress = "unix:///var/run/docker.sock";

    /// <summary>The CA, client certificate and key of a TLS engine; null for a plain one.</summary>
    public TlsMaterial? Tls { get; init; }

    /// <summary>The user, key and pinned host key of an SSH engine.</summary>
    public SshMaterial? Ssh { get; init; }

    /// <summary>The API version every request names (<c>DOCKER_API_VERSION</c>), for an engine that must be spoken to at an older one; null speaks the engine's own.</summary>
    public ApiVersion? ApiVersion { get; init; }

    public bool IsUnixSocket => SocketPath is not null;

    public EngineTransport Transport => SocketPath is not null ? EngineTransport.Unix
        : Address.StartsWith("ssh://", StringComparison.Ordinal) ? EngineTransport.Ssh
        : Tls is not null ? EngineTransport.Tls
        : EngineTransport.Tcp;

    public static EngineEndpoint FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable("DOCKER_HOST")) with
        {
            ApiVersion = Connection.ApiVersion.ParseOrNull(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")),
        };

    public static EngineEndpoint Parse(string? dockerHost)
    {
        var address = string.IsNullOrWhiteSpace(dockerHost) ? DefaultAddress : dockerHost.Trim();
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = address["unix://".Length..];
            if (!path.StartsWith('/'))
                throw new FormatException($"'{address}' must name an absolute socket path, e.g. unix:///var/run/docker.sock.");
            return new EngineEndpoint(address, path, new Uri("http://docker/"));
        }
        if (address.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var authority = address["tcp://".Length..].TrimEnd('/');
            if (!System.Text.RegularExpressions.Regex.IsMatch(authority, @":\d{1,5}$") || !Uri.TryCreate("http://" + authority, UriKind.Absolute, out var uri)
                || uri.Port is 0 || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/")
                throw new FormatException($"'{address}' must be tcp://HOST:PORT, e.g. tcp://10.0.0.5:2376.");
            return new EngineEndpoint($"tcp://{uri.Authority}", null, new Uri($"http://{uri.Authority}/"));
        }
        if (address.StartsWith("ssh://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0 || uri.UserInfo.Contains(':')
                || uri.Host.Length == 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0)
                throw new FormatException($"'{address}' must be ssh://USER@HOST or ssh://USER@HOST:PORT, e.g. ssh://deploy@10.0.0.5.");
            var port = uri.IsDefaultPort || uri.Port < 0 ? "" : $":{uri.Port}";
            return new EngineEndpoint($"ssh://{uri.UserInfo}@{uri.Host}{port}", null, new Uri("http://docker/"));
        }
        throw new FormatException($"'{address}' is not an engine address: use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST[:PORT].");
    }

    /// <summary>The host and port of a TCP or SSH address (22 when an SSH address names none).</summary>
    public (string Host, int Port) HostAndPort()
    {
        var uri = new Uri(Address);
        return (uri.Host, uri.Port > 0 ? uri.Port : Transport == EngineTransport.Ssh ? 22 : 2375);
    }

    /// <summary>The user of an SSH address.</summary>
    public string SshUser => new Uri(Address).UserInfo;
}

/// <summary>A TLS engine's material, as PEM text: the CA that signs the engine's certificate, and this client's certificate and key.</summary>
public sealed record TlsMaterial(string CaPem, string CertPem, string KeyPem)
{
    public override string ToString() => "TlsMaterial { (secret) }";
}

/// <summary>
/// An SSH engine's private key (PEM or OpenSSH text, with its passphrase if any) and the host key's SHA-256
/// fingerprint pinned after the user confirmed it; null until then, and then the connection is refused.
/// </summary>
public sealed record SshMaterial(string PrivateKey, string? Passphrase, string? HostKeySha256)
{
    public override string ToString() => $"SshMaterial {{ HostKeySha256 = {HostKeySha256} }}";
}
