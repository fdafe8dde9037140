using System.Text.RegularExpressions;
using Quayside.Engine.Images;
using Quayside.Engine.Model;

namespace Quayside.Engine.Containers;

/// <summary>Applies a <see cref="ContainerFilter"/> to the model's containers as the engine would.</summary>
public static class ContainerQuery
{
    public static IEnumerable<ContainerSummary> Apply(HostModel model, ContainerFilter filter)
    {
        var images = model.Images;
        var nameRegex = string.IsNullOrEmpty(filter.Name) ? null : new Regex(filter.Name);
        var ancestorId = string.IsNullOrEmpty(filter.Image) ? null : model.FindImage(filter.Image)?.Id;
        var labels = filter.Labels.Select(ParseLabel).ToList();
        var search = filter.Search?.Trim();

        foreach (var c in model.Containers.Values)
        {
            if (filter.States.Count > 0 && !filter.States.Contains(c.State))
                continue;
            if (nameRegex is not null && !c.Names.Any(n => nameRegex.IsMatch(n.StartsWith('/') ? n : "/" + n)))
                continue;
            if (filter.Image is not null && filter.Image.Length > 0 && !HasAncestor(c, filter.Image, ancestorId, images))
                continue;
            if (!labels.All(l => c.LabelsOrEmpty.TryGetValue(l.Key, out var v) && (l.Value is null || v == l.Value)))
                continue;
            if (!string.IsNullOrEmpty(search) && !Mentions(c, model.ImageDisplayName(c), search))
                continue;
            yield return c;
        }
    }

    public static (string Key, string? Value) ParseLabel(string label)
    {
        var eq = label.IndexOf('=');
        return eq < 0 ? (label, null) : (label[..eq], label[(eq + 1)..]);
    }

    private static bool HasAncestor(ContainerSummary c, string reference, string? ancestorId, IReadOnlyDictionary<string, ImageSummary> images)
    {
        if (ancestorId is null)
            return c.Image == reference;
        for (var id = c.ImageId; !string.IsNullOrEmpty(id); id = images.TryGetValue(id, out var image) ? image.ParentId : null)
        {
            if (id == ancestorId)
                return true;
        }
        return false;
    }

    private static bool Mentions(ContainerSummary c, string imageName, string text)
    {
        bool Has(string? s) => s is not null && s.Contains(text, StringComparison.OrdinalIgnoreCase);
        return c.AllNames.Any(Has) || c.Id.StartsWith(text, StringComparison.OrdinalIgnoreCase) || Has(imageName)
            || Has(c.Command) || Has(c.Status) || c.LabelsOrEmpty.Any(l => Has(l.Key) || Has(l.Value));
    }
}
