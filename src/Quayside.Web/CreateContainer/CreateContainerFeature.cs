using Quayside.Engine.CreateContainer;

namespace Quayside.Web.CreateContainer;

/// <summary>The create form with its live docker run line, duplicate/edit and replace.</summary>
public static class CreateContainerFeature
{
    public static IServiceCollection AddCreateContainer(this IServiceCollection services) => services.AddSingleton<ContainerCreator>();

    public static IEndpointRouteBuilder MapCreateContainer(this IEndpointRouteBuilder endpoints)
    {
        CreateContainerApi.Map(endpoints);
        return endpoints;
    }
}
