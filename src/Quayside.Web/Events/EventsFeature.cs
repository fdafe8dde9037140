using Quayside.Engine.Events;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.Events;

/// <summary>The engine's events, live from the host model's stream and from the engine's history for a past range.</summary>
public static class EventsFeature
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/events", "Events", group => group.MapGet("/recent", (HostModel model, string? type, string? action, string? name) =>
        {
            var filter = new EventFilter { Types = type is null ? new HashSet<string>() : [type], Action = action, Name = name };
            return Results.Ok(model.RecentEvents.Where(filter.Matches).ToList());
        }).WithSummary("The last 1,000 engine events the app has seen, filtered."));
        return endpoints;
    }
}
