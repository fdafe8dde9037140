using Quayside.Engine.Containers;

namespace Quayside.Web.Containers;

/// <summary>The containers list, its actions, the container page's shell, and its Update and Wait tabs.</summary>
public static class ContainersFeature
{
    public static IServiceCollection AddContainers(this IServiceCollection services) => services
        .AddSingleton<ContainerActions>()
        .AddSingleton(SelfContainer.Detect())
        .AddSingleton<StatusClock>()
        .AddSingleton<ContainerUpdate>()
        .AddSingleton<ContainerWait>();

    public static IEndpointRouteBuilder MapContainers(this IEndpointRouteBuilder endpoints)
    {
        ContainersApi.Map(endpoints);
        return endpoints;
    }
}
