using Quayside.Engine.Connection;
using Quayside.Engine.Inspect;
using Quayside.Engine.Stats;

namespace Quayside.Web.Hosting;

public static class InsightServices
{
    /// <summary>What the container and image views read with: inspect/top/diff/history, and the shared stats collectors.</summary>
    public static IServiceCollection AddContainerInsight(this IServiceCollection services) => services
        .AddSingleton(sp => new Inspector(sp.GetRequiredService<EngineClient>()))
        .AddSingleton(sp => new StatsHub(sp.GetRequiredService<EngineClient>()));
}
