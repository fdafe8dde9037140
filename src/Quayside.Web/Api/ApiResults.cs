using Quayside.Engine.Actions;
using Quayside.Engine.Model;

namespace Quayside.Web.Api;

public sealed record ListResponse<T>(string Cli, int Count, IReadOnlyList<T> Items);

public sealed record PruneRequest(string? Label = null, bool All = false);

public sealed record PrunePreview(string Cli, IReadOnlyList<string> WillRemove);

public static class OutcomeResults
{
    /// <summary>Lists are served from the model; before its first load (or while the engine is away) say why in words.</summary>
    public static async Task<IResult?> EngineUnavailableAsync(this HostModel model, CancellationToken ct)
    {
        if (await model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(5), ct))
            return null;
        var problem = model.Status.Problem;
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: problem?.Message ?? "The Docker engine has not answered yet.", detail: problem?.Advice);
    }

    /// <summary>Route values keep an escaped '/' (image names have them); undo it.</summary>
    public static string Unescaped(this string routeValue) => Uri.UnescapeDataString(routeValue);

    public static IResult ToResult(this ActionOutcome outcome) =>
        outcome.Ok ? Results.Ok(outcome) : Results.Json(outcome, statusCode: StatusCodes.Status400BadRequest);
}
