namespace Quayside.Engine.Images;

/// <summary>One entry of <c>GET /images/json</c>, plus the platform read once from the image's inspect (images are immutable).</summary>
public sealed record ImageSummary
{
    public string Id { get; init; } = "";
    public string ParentId { get; init; } = "";
    public IReadOnlyList<string>? RepoTags { get; init; }
    public IReadOnlyList<string>? RepoDigests { get; init; }
    public long Created { get; init; }
    public long Size { get; init; }
    public long SharedSize { get; init; } = -1;
    public long VirtualSize { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>"linux/amd64", "linux/arm64/v8"; null until the image's inspect has been read.</summary>
    public string? Platform { get; init; }

    public IReadOnlyList<string> Tags => RepoTags?.Where(t => t != "<none>:<none>").ToList() ?? [];

    public IReadOnlyList<string> Digests => RepoDigests?.Where(d => d != "<none>@<none>").ToList() ?? [];

    public bool IsDangling => Tags.Count == 0;

    /// <summary>The id as <c>docker images</c> shows it: 12 hex digits without the algorithm.</summary>
    public string ShortId => ShortenId(Id);

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(Created);

    /// <summary>The name to use for this image on the command line: its first tag, else its short id.</summary>
    public string Reference => Tags.Count > 0 ? Tags[0] : ShortId;

    public static string ShortenId(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
