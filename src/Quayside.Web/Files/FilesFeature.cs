using Quayside.Engine.Files;

namespace Quayside.Web.Files;

/// <summary>A container's files: browse, download, upload, edit, make folders and delete, over the engine's archive API.</summary>
public static class FilesFeature
{
    public static IServiceCollection AddFiles(this IServiceCollection services) => services.AddSingleton<ContainerFiles>();

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints)
    {
        FilesApi.Map(endpoints);
        return endpoints;
    }
}
