namespace Quayside.Engine.Volumes;

/// <summary>One entry of <c>GET /volumes</c>; <see cref="UsageData"/> is only filled by the engine's disk-usage call.</summary>
public sealed record VolumeSummary
{
    public string Name { get; init; } = "";
    public string Driver { get; init; } = "";
    public string Mountpoint { get; init; } = "";
    public string? CreatedAt { get; init; }
    public string Scope { get; init; } = "";
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Options { get; init; }
    public VolumeUsage? UsageData { get; init; }

    public IReadOnlyDictionary<string, string> LabelsOrEmpty => Labels ?? new Dictionary<string, string>();

    public DateTimeOffset? Created => DateTimeOffset.TryParse(CreatedAt, out var at) ? at : null;

    /// <summary>Anonymous volumes get a 64-hex-digit name from the engine.</summary>
    public bool IsAnonymous => Name.Length == 64 && Name.All(Uri.IsHexDigit);
}

/// <summary>Size and reference count, -1 when the engine did not compute them.</summary>
public sealed record VolumeUsage(long Size = -1, long RefCount = -1);

public sealed record VolumeList(IReadOnlyList<VolumeSummary>? Volumes, IReadOnlyList<string>? Warnings);
