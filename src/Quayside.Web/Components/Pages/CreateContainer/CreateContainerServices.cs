using Quayside.Engine.Create;

namespace Quayside.Web.Components.Pages.CreateContainer;

public static class CreateContainerServices
{
    /// <summary>The create-container form's engine service.</summary>
    public static IServiceCollection AddCreateContainer(this IServiceCollection services) => services.AddSingleton<ContainerCreator>();
}
