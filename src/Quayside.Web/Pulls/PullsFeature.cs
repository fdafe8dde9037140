using Quayside.Engine.Pulls;

namespace Quayside.Web.Pulls;

/// <summary>Pull (with per-platform tags and search) and push, as background jobs whose progress every page can follow.</summary>
public static class PullsFeature
{
    public static IServiceCollection AddPulls(this IServiceCollection services) => services
        .AddSingleton<PullActions>()
        .AddSingleton<PullService>();

    public static IEndpointRouteBuilder MapPulls(this IEndpointRouteBuilder endpoints)
    {
        PullsApi.Map(endpoints);
        return endpoints;
    }
}
