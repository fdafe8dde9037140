using Quayside.Engine.Actions;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Model;

namespace Quayside.Web.Api;

public sealed record ListResponse<T>(string Cli, int Count, IReadOnlyList<T> Items);

public sealed record ContainerRow(
    string Id, string ShortId, string Name, IReadOnlyList<string> Names, string Image, string ImageId, string Command,
    string State, string Status, string StateLabel, string? Health, int? ExitCode, DateTimeOffset Created,
    IReadOnlyList<string> Ports, IReadOnlyList<string> Networks, IReadOnlyList<string> Mounts, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The row at <paramref name="now"/>: its status is docker ps's text at that moment, not at the model's last list.</summary>
    public static ContainerRow From(ContainerSummary c, HostModel model, DateTimeOffset now) => new(
        c.Id, c.ShortId, c.Name, [.. c.AllNames], model.ImageDisplayName(c), c.ImageId, c.Command,
        c.State, c.StatusAt(now), c.StateLabel, c.Health, c.ExitCode, c.CreatedAt,
        [.. c.Ports.Select(p => p.ToString())], [.. c.NetworkNames], [.. c.Mounts.Select(m => m.ToString())], c.LabelsOrEmpty);
}

public sealed record ImageRow(
    string Id, string ShortId, IReadOnlyList<string> Tags, IReadOnlyList<string> Digests, DateTimeOffset Created,
    long Size, long SharedSize, long VirtualSize, string? Platform, int Containers, bool Dangling)
{
    public static ImageRow From(ImageSummary i, HostModel model) => new(
        i.Id, i.ShortId, i.Tags, i.Digests, i.CreatedAt, i.Size, i.SharedSize, i.VirtualSize, i.Platform, model.ContainersUsing(i.Id), i.IsDangling);
}

public sealed record ContainerActionRequest(IReadOnlyList<string> Targets, int? Timeout = null, string? Signal = null, bool Force = false, bool Volumes = false);

public sealed record RenameRequest(string NewName);

public sealed record PruneRequest(string? Label = null, bool All = false);

public sealed record ImageRemoveRequest(IReadOnlyList<string> Targets, bool Force = false);

public sealed record TagRequest(string Target);

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
