using Quayside.Engine.Build;
using Quayside.Engine.Connection;

namespace Quayside.Web.Build;

/// <summary>docker build from a Dockerfile typed in the page, uploaded files or a context tar.</summary>
public static class BuildFeature
{
    public static IServiceCollection AddBuild(this IServiceCollection services) =>
        services.AddSingleton(sp => new ImageBuilder(sp.GetRequiredService<EngineClient>()));

    public static IEndpointRouteBuilder MapBuild(this IEndpointRouteBuilder endpoints)
    {
        BuildApi.Map(endpoints);
        return endpoints;
    }
}
