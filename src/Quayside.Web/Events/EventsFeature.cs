namespace Quayside.Web.Events;

/// <summary>The engine's events, live from the host model's stream and from the engine's history for a past range.</summary>
public static class EventsFeature
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        EventsApi.Map(endpoints);
        return endpoints;
    }
}
