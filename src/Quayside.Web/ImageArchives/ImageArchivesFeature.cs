using Quayside.Engine.ImageArchives;

namespace Quayside.Web.ImageArchives;

/// <summary>Images and filesystems as tar archives: save, load, import, export, and commit.</summary>
public static class ImageArchivesFeature
{
    public static IServiceCollection AddImageArchives(this IServiceCollection services) => services.AddSingleton<ImageArchiveActions>();

    public static IEndpointRouteBuilder MapImageArchives(this IEndpointRouteBuilder endpoints)
    {
        ImageArchivesApi.Map(endpoints);
        return endpoints;
    }
}
