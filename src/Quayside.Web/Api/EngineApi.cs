using Quayside.Engine.Model;

namespace Quayside.Web.Api;

public static class EngineApi
{
    public static void MapEngineApi(this RouteGroupBuilder api) =>
        api.MapGet("/engine/status", (HostModel model) => Results.Ok(model.Status))
            .WithTags("Engine").WithSummary("Whether the engine answers; if not, why and what to do.");
}
