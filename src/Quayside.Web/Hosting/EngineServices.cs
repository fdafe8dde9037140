using Quayside.Engine.Connection;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.Hosting;

/// <summary>What every feature shares: the engine connection, the live host model and its runner, the clock, upload limits.</summary>
public static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services) => services
        .AddSingleton(TimeProvider.System)
        .AddSingleton(_ => new EngineClient(EngineEndpoint.FromEnvironment()))
        .AddSingleton<HostModel>()
        .AddHostedService<HostModelRunner>()
        .AddSingleton(sp => UploadLimits.Resolve(sp.GetRequiredService<IConfiguration>()));
}
