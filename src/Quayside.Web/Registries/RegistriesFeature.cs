using Quayside.Engine.Connection;
using Quayside.Engine.Registries;

namespace Quayside.Web.Registries;

/// <summary>Saved registries (secrets encrypted at rest), login/logout, and the registry and Docker Hub clients.</summary>
public static class RegistriesFeature
{
    public static IServiceCollection AddRegistries(this IServiceCollection services)
    {
        services.AddSingleton<RegistryStore>();
        services.AddSingleton<IRegistryCredentials>(sp => sp.GetRequiredService<RegistryStore>());
        // One client for registries and the Hub: pooled connections, per-call cancellation, 30 s per request.
        services.AddSingleton(_ => new RegistryHttp(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }));
        services.AddSingleton(sp => new HubClient(sp.GetRequiredService<RegistryHttp>().Client, HubSettings.BaseUri(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp => new EngineSearch(sp.GetRequiredService<EngineClient>()));
        services.AddSingleton(sp => new EngineLogin(sp.GetRequiredService<EngineClient>()));
        services.AddSingleton(sp => new RegistryBrowser(sp.GetRequiredService<RegistryStore>(), sp.GetRequiredService<HubClient>(),
            sp.GetRequiredService<EngineSearch>(), sp.GetRequiredService<EngineLogin>(), sp.GetRequiredService<RegistryHttp>().Client));
        return services;
    }

    /// <summary>Holder so the registry HttpClient is not confused with any other HttpClient registration.</summary>
    public sealed record RegistryHttp(HttpClient Client);
}
