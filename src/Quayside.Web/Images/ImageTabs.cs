using Quayside.Web.Containers;
using Quayside.Web.Files;
using Quayside.Web.ImageArchives;

namespace Quayside.Web.Images;

/// <summary>The tabs every image page shows, in order. A feature adds its tab here and a page at that path.</summary>
public static class ImageTabs
{
    public static readonly IReadOnlyList<DetailTab> All =
    [
        // Issue-owned tabs are added here, e.g. new("inspect", "Inspect", ""), new("history", "History", "history").
        new("inspect", "Inspect", ""),
        new("history", "History", "history"),
        new("json", "Raw JSON", "json"),
    ];

    public static string Href(string imageId, DetailTab tab) =>
        tab.Path.Length == 0 ? $"/images/{Uri.EscapeDataString(imageId)}" : $"/images/{Uri.EscapeDataString(imageId)}/{tab.Path}";
}
