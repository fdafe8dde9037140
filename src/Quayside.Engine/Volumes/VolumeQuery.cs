using Quayside.Engine.Model;

namespace Quayside.Engine.Volumes;

/// <summary>Which volumes are unused, and what a prune would remove, from the live model.</summary>
public static class VolumeQuery
{
    public static bool IsUnused(HostModel model, VolumeSummary volume) => model.ContainersUsingVolume(volume.Name).Count == 0;

    /// <summary>
    /// What <c>docker volume prune</c> removes on engine 20.10 (API 1.41): every local-driver volume no container (running or
    /// stopped) uses, named or anonymous (newer engines keep named ones unless given --all), narrowed by a label filter.
    /// </summary>
    public static IReadOnlyList<VolumeSummary> PruneCandidates(HostModel model, string? label = null) =>
        [.. model.Volumes.Values
            .Where(v => v.Driver == "local" && IsUnused(model, v) && LabelMatch.Matches(v.LabelsOrEmpty, label))
            .OrderBy(v => v.Name, StringComparer.Ordinal)];
}
