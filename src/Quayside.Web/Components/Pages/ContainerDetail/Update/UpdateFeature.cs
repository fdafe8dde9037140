using Quayside.Engine.Containers;

namespace Quayside.Web.Components.Pages.ContainerDetail.Update;

public static class UpdateFeature
{
    /// <summary>The container page's <c>docker update</c> form and its <c>docker wait</c> button.</summary>
    public static IServiceCollection AddContainerUpdateAndWait(this IServiceCollection services) =>
        services.AddSingleton<ContainerUpdate>().AddSingleton<ContainerWait>();
}
