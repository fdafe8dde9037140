namespace Quayside.Web.Api;

public static class ApiGroups
{
    /// <summary>
    /// A feature's routes under <c>/api{prefix}</c>: antiforgery on state changes (cookie requests), and engine errors
    /// answered in words, for every feature alike.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag) =>
        endpoints.MapGroup("/api" + prefix)
            .AddEndpointFilter<AntiforgeryFilter>()
            .AddEndpointFilter<EngineErrorFilter>()
            .WithTags(tag);

    /// <summary>
    /// The same routes on the default host (<c>/api{prefix}</c>) and on every other host (<c>/api/hosts/{host}{prefix}</c>);
    /// the engine services the endpoints take are that host's, and so are the CLI lines of their answers (<see cref="HostEndpointFilter"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHostApiGroups(this IEndpointRouteBuilder endpoints, string prefix, string tag, Action<RouteGroupBuilder> map)
    {
        map(endpoints.MapApiGroup(prefix, tag));
        map(endpoints.MapApiGroup("/hosts/{host}" + prefix, tag).AddEndpointFilter<HostEndpointFilter>());
        return endpoints;
    }
}
