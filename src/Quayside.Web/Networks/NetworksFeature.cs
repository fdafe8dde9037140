using Quayside.Engine.Networks;

namespace Quayside.Web.Networks;

/// <summary>Networks: list with their containers, create, inspect, connect, disconnect, remove and prune.</summary>
public static class NetworksFeature
{
    public static IServiceCollection AddNetworks(this IServiceCollection services) => services.AddSingleton<NetworkActions>();

    public static IEndpointRouteBuilder MapNetworks(this IEndpointRouteBuilder endpoints)
    {
        NetworksApi.Map(endpoints);
        return endpoints;
    }
}
