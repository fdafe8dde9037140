using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Hosts;

/// <summary>A context as <c>docker context ls</c> lists it, with its TLS material when it has some.</summary>
public sealed record DockerContext(string Name, string Address, string? Description, TlsMaterial? Tls, bool SkipTlsVerify);

/// <summary>
/// Reads the docker CLI's contexts from $DOCKER_CONFIG/contexts (default ~/.docker/contexts): meta/&lt;sha256(name)&gt;/meta.json
/// holds the endpoint, tls/&lt;sha256(name)&gt;/docker/{ca,cert,key}.pem the TLS files.
/// </summary>
public static class DockerContexts
{
    public static string DefaultConfigDirectory =>
        Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } dir ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    public static IReadOnlyList<DockerContext> Read(string? configDirectory = null)
    {
        var root = Path.Combine(configDirectory ?? DefaultConfigDirectory, "contexts");
        var meta = Path.Combine(root, "meta");
        if (!Directory.Exists(meta))
            return [];
        var found = new List<DockerContext>();
        foreach (var file in Directory.EnumerateFiles(meta, "meta.json", SearchOption.AllDirectories))
        {
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                continue;
            }
            var name = json?["Name"]?.GetValue<string>();
            var docker = json?["Endpoints"]?["docker"];
            var host = docker?["Host"]?.GetValue<string>();
            if (name is null || host is null)
                continue;
            var tlsDir = Path.Combine(root, "tls", Hash(name), "docker");
            TlsMaterial? tls = null;
            if (File.Exists(Path.Combine(tlsDir, "ca.pem")) && File.Exists(Path.Combine(tlsDir, "cert.pem")) && File.Exists(Path.Combine(tlsDir, "key.pem")))
                tls = new TlsMaterial(File.ReadAllText(Path.Combine(tlsDir, "ca.pem")), File.ReadAllText(Path.Combine(tlsDir, "cert.pem")), File.ReadAllText(Path.Combine(tlsDir, "key.pem")));
            found.Add(new DockerContext(name, host, json?["Metadata"]?["Description"]?.GetValue<string>(), tls,
                docker?["SkipTLSVerify"]?.GetValue<bool>() ?? false));
        }
        return [.. found.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static string Hash(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
