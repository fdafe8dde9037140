using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Quayside.TestSupport;

/// <summary>
/// Uploads fresh images straight through the Registry HTTP API: one random layer each, so the engine has none of
/// their layers and a pull really downloads and extracts (with progress) instead of finding everything present.
/// </summary>
public static class LabRegistryImages
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private const string ManifestType = "application/vnd.docker.distribution.manifest.v2+json";
    private const string ListType = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Pushes registry/repository:tag as a manifest list for linux/amd64 and linux/arm64/v8; returns the reference.</summary>
    public static async Task<string> PushMultiArchAsync(string registry, string repository, string tag, int layerBytes = 3_000_000)
    {
        var entries = new List<object>();
        foreach (var (arch, variant) in new[] { ("amd64", (string?)null), ("arm64", "v8") })
        {
            var (digest, size) = await PushImageManifestAsync(registry, repository, arch, variant, layerBytes);
            entries.Add(new
            {
                mediaType = ManifestType, size, digest,
                platform = variant is null ? (object)new { architecture = arch, os = "linux" } : new { architecture = arch, os = "linux", variant },
            });
        }
        var list = JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 2, mediaType = ListType, manifests = entries });
        await PutManifestAsync(registry, repository, tag, list, ListType);
        return $"{registry}/{repository}:{tag}";
    }

    private static async Task<(string Digest, int Size)> PushImageManifestAsync(string registry, string repository, string arch, string? variant, int layerBytes)
    {
        var (layer, diffId) = RandomLayer(layerBytes);
        var layerDigest = await PushBlobAsync(registry, repository, layer);
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["architecture"] = arch, ["os"] = "linux", ["variant"] = variant,
            ["config"] = new { Labels = new Dictionary<string, string> { ["quayside.test"] = "1" } },
            ["rootfs"] = new { type = "layers", diff_ids = new[] { diffId } },
        });
        var configDigest = await PushBlobAsync(registry, repository, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2, mediaType = ManifestType,
            config = new { mediaType = "application/vnd.docker.container.image.v1+json", size = config.Length, digest = configDigest },
            layers = new[] { new { mediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip", size = layer.Length, digest = layerDigest } },
        });
        var digest = Digest(manifest);
        await PutManifestAsync(registry, repository, digest, manifest, ManifestType);
        return (digest, manifest.Length);
    }

    private static (byte[] Gzipped, string DiffId) RandomLayer(int bytes)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "random.bin") { DataStream = new MemoryStream(RandomNumberGenerator.GetBytes(bytes)) };
            writer.WriteEntry(entry);
        }
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(tar.ToArray());
        return (gz.ToArray(), Digest(tar.ToArray()));
    }

    private static async Task<string> PushBlobAsync(string registry, string repository, byte[] blob)
    {
        var digest = Digest(blob);
        using var start = await Http.PostAsync(Url(registry, $"/v2/{repository}/blobs/uploads/"), null);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!;
        var upload = location.IsAbsoluteUri ? location : new Uri(new Uri(Url(registry, "/")), location);
        var sep = upload.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await Http.PutAsync(upload + sep + "digest=" + Uri.EscapeDataString(digest), content);
        done.EnsureSuccessStatusCode();
        return digest;
    }

    private static async Task PutManifestAsync(string registry, string repository, string reference, byte[] body, string type)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var response = await Http.PutAsync(Url(registry, $"/v2/{repository}/manifests/{reference}"), content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT manifest {repository}:{reference} on {registry}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Url(string registry, string path) => $"http://{registry.Replace("localhost", "127.0.0.1")}{path}";

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
}
