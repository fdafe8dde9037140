using Quayside.Engine.Images;

namespace Quayside.Web.Images;

/// <summary>The images list, remove, tag and prune, and the image page's shell.</summary>
public static class ImagesFeature
{
    public static IServiceCollection AddImages(this IServiceCollection services) => services.AddSingleton<ImageActions>();

    public static IEndpointRouteBuilder MapImages(this IEndpointRouteBuilder endpoints)
    {
        ImagesApi.Map(endpoints);
        return endpoints;
    }
}
