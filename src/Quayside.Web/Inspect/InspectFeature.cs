using Quayside.Engine.Connection;
using Quayside.Engine.Inspect;

namespace Quayside.Web.Inspect;

/// <summary>Inspect, raw JSON, top and diff of a container; inspect, raw JSON and history of an image.</summary>
public static class InspectFeature
{
    public static IServiceCollection AddInspect(this IServiceCollection services) =>
        services.AddSingleton(sp => new Inspector(sp.GetRequiredService<EngineClient>()));

    public static IEndpointRouteBuilder MapInspect(this IEndpointRouteBuilder endpoints)
    {
        InspectApi.Map(endpoints);
        return endpoints;
    }
}
