using Quayside.Engine.DockerSystem;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.DockerSystem;

/// <summary>docker system: the overview (info), versions, disk usage and prune, and whether the engine answers.</summary>
public static class DockerSystemFeature
{
    public static IServiceCollection AddDockerSystem(this IServiceCollection services) => services.AddSingleton<SystemActions>();

    public static IEndpointRouteBuilder MapDockerSystem(this IEndpointRouteBuilder endpoints)
    {
        SystemApi.Map(endpoints);
        endpoints.MapApiGroup("/engine", "Engine").MapGet("/status", (HostModel model) => Results.Ok(model.Status))
            .WithSummary("Whether the engine answers; if not, why and what to do.");
        return endpoints;
    }
}
