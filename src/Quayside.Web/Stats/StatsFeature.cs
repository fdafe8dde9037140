using Quayside.Engine.Connection;
using Quayside.Engine.Stats;

namespace Quayside.Web.Stats;

/// <summary>Live stats: one collector per container shared by every page that shows it (the Stats tab, the list's columns).</summary>
public static class StatsFeature
{
    public static IServiceCollection AddStats(this IServiceCollection services) =>
        services.AddSingleton(sp => new StatsHub(sp.GetRequiredService<EngineClient>()));

    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder endpoints)
    {
        StatsApi.Map(endpoints);
        return endpoints;
    }
}
