using Quayside.Engine.Pulls;
using Quayside.Web.Registries;

namespace Quayside.Web.Pulls;

/// <summary>Registration of the pull/search feature: background pulls, saved registries, registry and Hub clients.</summary>
public static class PullsSetup
{
    public static IServiceCollection AddPullsAndRegistries(this IServiceCollection services)
    {
        services.AddSingleton<ImageTransfers>();
        services.AddSingleton<RegistryStore>();
        services.AddSingleton<IRegistryCredentials>(sp => sp.GetRequiredService<RegistryStore>());
        services.AddSingleton<PullService>();
        return services;
    }
}
