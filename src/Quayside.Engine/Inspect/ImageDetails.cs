namespace Quayside.Engine.Inspect;

/// <summary>The parts of <c>GET /images/{id}/json</c> the readable inspect shows, as the engine names them.</summary>
public sealed record ImageDetails
{
    public string Id { get; init; } = "";
    public IReadOnlyList<string>? RepoTags { get; init; }
    public IReadOnlyList<string>? RepoDigests { get; init; }
    public string? Parent { get; init; }
    public string? Comment { get; init; }
    public string Created { get; init; } = "";
    public string? Author { get; init; }
    public string? DockerVersion { get; init; }
    public string Os { get; init; } = "";
    public string Architecture { get; init; } = "";
    public string? Variant { get; init; }
    public long Size { get; init; }
    public ContainerConfig Config { get; init; } = new();
    public RootFs RootFS { get; init; } = new();

    /// <summary>"linux/arm64/v8" style, as <c>--platform</c> takes it.</summary>
    public string Platform => string.IsNullOrEmpty(Variant) ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}

public sealed record RootFs
{
    public string? Type { get; init; }
    public IReadOnlyList<string>? Layers { get; init; }
}

/// <summary>One build step of <c>GET /images/{id}/history</c>, newest first as the engine sends them.</summary>
public sealed record ImageHistoryEntry
{
    public string Id { get; init; } = "";
    public long Created { get; init; }
    public string CreatedBy { get; init; } = "";
    public IReadOnlyList<string>? Tags { get; init; }
    public long Size { get; init; }
    public string? Comment { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(Created);

    /// <summary>Steps such as ENV or CMD change only the image's configuration, not its files.</summary>
    public bool IsEmptyLayer => Size == 0;
}
