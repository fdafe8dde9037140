using Quayside.Engine.Model;

namespace Quayside.Engine.Images;

/// <summary>Applies an <see cref="ImageFilter"/> to the model's images.</summary>
public static class ImageQuery
{
    public static IEnumerable<ImageSummary> Apply(HostModel model, ImageFilter filter)
    {
        var used = model.ImageUsage;
        var search = filter.Search?.Trim();
        return model.Images.Values.Where(i =>
            (!filter.DanglingOnly || i.IsDangling)
            && (!filter.UnusedOnly || !used.ContainsKey(i.Id))
            && (string.IsNullOrEmpty(search)
                || i.Tags.Any(t => t.Contains(search, StringComparison.OrdinalIgnoreCase))
                || i.Digests.Any(d => d.Contains(search, StringComparison.OrdinalIgnoreCase))
                || i.ShortId.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                || (i.Platform?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)));
    }

    /// <summary>What <c>docker image prune</c> (with <c>-a</c> when <paramref name="allUnused"/>) would remove: images no container uses; without -a only untagged ones.</summary>
    public static IReadOnlyList<ImageSummary> PruneCandidates(HostModel model, bool allUnused) =>
        Apply(model, new ImageFilter { UnusedOnly = true, DanglingOnly = !allUnused }).ToList();
}
