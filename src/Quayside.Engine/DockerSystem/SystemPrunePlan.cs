using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;

namespace Quayside.Engine.DockerSystem;

/// <summary>
/// What <c>docker system prune</c> would remove, from the live model, following the CLI's order: the stopped containers go
/// first, so volumes and images only they use become unused too.
/// </summary>
public sealed record SystemPrunePlan(
    IReadOnlyList<ContainerSummary> Containers,
    IReadOnlyList<NetworkSummary> Networks,
    IReadOnlyList<VolumeSummary> Volumes,
    IReadOnlyList<ImageSummary> Images)
{
    public static SystemPrunePlan For(HostModel model, bool allImages, bool withVolumes, string? label)
    {
        var containers = model.Containers.Values.Where(c => c.IsStopped && LabelMatch.Matches(c.LabelsOrEmpty, label))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var gone = containers.Select(c => c.Id).ToHashSet();
        bool OnlyGoing(IEnumerable<ContainerSummary> users) => users.All(c => gone.Contains(c.Id));

        var volumes = withVolumes
            ? model.Volumes.Values.Where(v => v.Driver == "local" && OnlyGoing(model.ContainersUsingVolume(v.Name)) && LabelMatch.Matches(v.LabelsOrEmpty, label))
                .OrderBy(v => v.Name, StringComparer.Ordinal).ToList()
            : [];
        var images = model.Images.Values
            .Where(i => (allImages || i.IsDangling)
                && OnlyGoing(model.Containers.Values.Where(c => c.ImageId == i.Id))
                && LabelMatch.Matches(i.Labels ?? new Dictionary<string, string>(), label))
            .OrderBy(i => i.Reference, StringComparer.Ordinal).ToList();
        return new(containers, NetworkQuery.PruneCandidates(model, label), volumes, images);
    }

    public IEnumerable<string> Describe() =>
        Containers.Select(c => $"container {c.Name}")
            .Concat(Networks.Select(n => $"network {n.Name}"))
            .Concat(Volumes.Select(v => $"volume {v.Name}"))
            .Concat(Images.Select(i => $"image {i.Reference} ({Actions.ByteSize.Format(i.Size)})"));
}
