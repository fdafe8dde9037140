namespace Quayside.Web.Api;

public static class ApiGroups
{
    /// <summary>
    /// A feature's routes under <c>/api{prefix}</c>: antiforgery on state changes (cookie requests) and an invalid engine
    /// name answered as 400 in words, for every feature alike.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag) =>
        endpoints.MapGroup("/api" + prefix)
            .AddEndpointFilter<AntiforgeryFilter>()
            .AddEndpointFilter<InvalidEngineNameFilter>()
            .WithTags(tag);
}
