using Quayside.Engine.Volumes;

namespace Quayside.Web.Volumes;

/// <summary>Volumes: list with their users, create, inspect, remove and prune.</summary>
public static class VolumesFeature
{
    public static IServiceCollection AddVolumes(this IServiceCollection services) => services.AddSingleton<VolumeActions>();

    public static IEndpointRouteBuilder MapVolumes(this IEndpointRouteBuilder endpoints)
    {
        VolumesApi.Map(endpoints);
        return endpoints;
    }
}
