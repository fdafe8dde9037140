using Quayside.Engine.Daemon;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;

namespace Quayside.Web.Hosting;

public static class HostResourcesServices
{
    /// <summary>Volumes, networks, the engine overview, disk usage and prune.</summary>
    public static IServiceCollection AddHostResources(this IServiceCollection services) => services
        .AddSingleton<VolumeActions>()
        .AddSingleton<NetworkActions>()
        .AddSingleton<SystemActions>();
}
