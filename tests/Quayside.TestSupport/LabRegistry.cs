using System.Net.Http.Headers;
using System.Text;

namespace Quayside.TestSupport;

/// <summary>
/// The lab registries started by scripts/lab-registry.sh: 127.0.0.1:5000 open, 127.0.0.1:5001 with htpasswd auth.
/// Tests pull a tag of their own (a copy of a lab tag made with a manifest PUT), so parallel tests never share one.
/// </summary>
public static class LabRegistry
{
    public const string Open = "localhost:5000";
    public const string Auth = "localhost:5001";
    public const string User = "quayside-lab";
    public const string Password = "quayside-lab-secret";
    public const string Busybox = "lab/busybox";
    public const string MultiArchTag = "1";
    public const string Private = "lab/private";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private const string Accept =
        "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json, " +
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";

    public static string UniqueTag(string prefix) => $"qt-{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Copies repository:from to repository:to on a registry; returns the full reference of the new tag.</summary>
    public static async Task<string> CopyTagAsync(string registry, string repository, string from, string to, bool withAuth = false)
    {
        using var get = Request(HttpMethod.Get, registry, $"/v2/{repository}/manifests/{from}", withAuth);
        get.Headers.Accept.ParseAdd(Accept);
        using var manifest = await Http.SendAsync(get);
        if (!manifest.IsSuccessStatusCode)
            throw new InvalidOperationException($"The lab registry {registry} has no {repository}:{from} ({(int)manifest.StatusCode}); run scripts/lab-registry.sh.");
        var bytes = await manifest.Content.ReadAsByteArrayAsync();
        using var put = Request(HttpMethod.Put, registry, $"/v2/{repository}/manifests/{to}", withAuth);
        put.Content = new ByteArrayContent(bytes);
        put.Content.Headers.ContentType = manifest.Content.Headers.ContentType;
        using var stored = await Http.SendAsync(put);
        stored.EnsureSuccessStatusCode();
        return $"{registry}/{repository}:{to}";
    }

    private static HttpRequestMessage Request(HttpMethod method, string registry, string path, bool withAuth)
    {
        var request = new HttpRequestMessage(method, $"http://{registry.Replace("localhost", "127.0.0.1")}{path}");
        if (withAuth)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        return request;
    }

    /// <summary>Removes a pulled image by name, ignoring one that is not there.</summary>
    public static Task RemoveImageAsync(string reference) => DockerCommand.RunAsync("rmi", "-f", reference);
}
