using Quayside.Engine.Registries;

namespace Quayside.Web.Registries;

/// <summary>Docker Hub's API base URL: QUAYSIDE_HUB_URL (or configuration key Quayside:HubUrl), else https://hub.docker.com.</summary>
public static class HubSettings
{
    public static Uri BaseUri(IConfiguration config)
    {
        var text = config["QUAYSIDE_HUB_URL"] ?? config["Quayside:HubUrl"];
        if (string.IsNullOrWhiteSpace(text))
            return HubClient.DefaultBaseUri;
        if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"QUAYSIDE_HUB_URL '{text}' is not an http(s) URL, e.g. https://hub.docker.com.");
        return uri;
    }
}
