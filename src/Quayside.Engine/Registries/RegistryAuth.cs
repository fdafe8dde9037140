using System.Text;
using System.Text.Json;

namespace Quayside.Engine.Registries;

/// <summary>Credentials for one registry. <see cref="ToString"/> never shows the secret.</summary>
public sealed record RegistryAuth(string ServerAddress, string Username, string Secret)
{
    /// <summary>The engine's X-Registry-Auth header value: base64url of the JSON auth config.</summary>
    public string ToEngineHeader() => EncodeHeader(new Dictionary<string, string>
    {
        ["username"] = Username,
        ["password"] = Secret,
        ["serveraddress"] = ServerAddress,
    });

    /// <summary>The header for no credentials; push requires the header to be present.</summary>
    public static string AnonymousHeader => EncodeHeader(new Dictionary<string, string>());

    private static string EncodeHeader(Dictionary<string, string> config) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(config)))
            .Replace('+', '-').Replace('/', '_');

    public override string ToString() => $"{Username}@{ServerAddress}";
}
