using System.Text.Json.Serialization;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Volumes;

namespace Quayside.Engine.DockerSystem;

/// <summary><c>GET /system/df</c> on API 1.41 (read raw: Docker.DotNet's model of it comes back empty there).</summary>
public sealed record DiskUsage
{
    public long LayersSize { get; init; }
    public IReadOnlyList<DiskUsageImage>? Images { get; init; }
    public IReadOnlyList<ContainerSummary>? Containers { get; init; }
    public IReadOnlyList<VolumeSummary>? Volumes { get; init; }
    public IReadOnlyList<BuildCacheRecord>? BuildCache { get; init; }

    /// <summary>The four rows of <c>docker system df</c>, computed the way the CLI computes them.</summary>
    public IReadOnlyList<DiskUsageRow> Rows()
    {
        var images = Images ?? [];
        var usedByImages = images.Where(i => i.Containers > 0 && i.VirtualSize >= 0 && i.SharedSize >= 0).Sum(i => i.VirtualSize - i.SharedSize);
        var containers = Containers ?? [];
        static bool Active(ContainerSummary c) => c.State is "running" or "paused" or "restarting";
        var volumes = Volumes ?? [];
        var cache = BuildCache ?? [];
        return
        [
            new("Images", images.Count, images.Count(i => i.Containers > 0), LayersSize, Math.Max(0, LayersSize - usedByImages)),
            new("Containers", containers.Count, containers.Count(Active), containers.Sum(c => c.SizeRw ?? 0), containers.Where(c => !Active(c)).Sum(c => c.SizeRw ?? 0)),
            new("Local Volumes", volumes.Count, volumes.Count(v => v.UsageData?.RefCount > 0),
                volumes.Sum(v => Math.Max(0, v.UsageData?.Size ?? 0)), volumes.Where(v => v.UsageData?.RefCount == 0).Sum(v => Math.Max(0, v.UsageData?.Size ?? 0))),
            new("Build Cache", cache.Count, cache.Count(b => b.InUse), cache.Where(b => !b.Shared).Sum(b => b.Size), cache.Where(b => !b.Shared && !b.InUse).Sum(b => b.Size)),
        ];
    }
}

public sealed record DiskUsageRow(string Kind, int Total, int Active, long Size, long Reclaimable)
{
    public double ReclaimablePercent => Size <= 0 ? 0 : 100.0 * Reclaimable / Size;
}

public sealed record DiskUsageImage
{
    public string Id { get; init; } = "";
    public IReadOnlyList<string>? RepoTags { get; init; }
    public long Created { get; init; }
    public long Size { get; init; }
    public long SharedSize { get; init; } = -1;
    public long VirtualSize { get; init; }
    public int Containers { get; init; }

    public string Reference => RepoTags?.FirstOrDefault(t => t != "<none>:<none>") ?? ImageSummary.ShortenId(Id);
}

public sealed record BuildCacheRecord
{
    [JsonPropertyName("ID")] public string Id { get; init; } = "";
    public string Type { get; init; } = "";
    public string? Description { get; init; }
    public bool InUse { get; init; }
    public bool Shared { get; init; }
    public long Size { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public int UsageCount { get; init; }
}
