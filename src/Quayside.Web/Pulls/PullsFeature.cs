using System.Text.Json;
using Quayside.Engine.Pulls;
using Quayside.Web.Api;

namespace Quayside.Web.Pulls;

public sealed record PullRequest(string Reference, string? Platform);
public sealed record PushRequest(string Reference);
public sealed record LayerDto(string Id, string State, long Current, long Total, string Text);
public sealed record PullJobDto(string Id, string Kind, string Reference, string? Platform, string Cli, string State,
    double Overall, string? Status, string? Digest, string? Error, IReadOnlyList<LayerDto> Layers)
{
    public static PullJobDto From(PullJob job)
    {
        var s = job.Snapshot;
        return new(job.Id, job.Kind.ToString().ToLowerInvariant(), job.Reference, job.Platform, job.Cli, s.State.ToString().ToLowerInvariant(),
            Math.Round(s.Overall, 3), s.Status, s.Digest, s.Error,
            s.Layers.Select(l => new LayerDto(l.Id, l.State.ToString().ToLowerInvariant(), l.Current, l.Total, l.Describe())).ToList());
    }
}

/// <summary>Pull (with per-platform tags and search) and push, as background jobs whose progress every page can follow.</summary>
public static class PullsFeature
{
    public static IServiceCollection AddPulls(this IServiceCollection services) => services
        .AddSingleton<PullActions>()
        .AddSingleton<PullService>();

    public static IEndpointRouteBuilder MapPulls(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/pulls", "Pulls", group =>
        {

            group.MapGet("/", (PullService pulls) => pulls.Jobs.Select(PullJobDto.From).ToList())
                .WithSummary("Pulls and pushes running or recently finished, newest first.");

            group.MapPost("/", (PullRequest request, PullService pulls) => Started(pulls.Start(request.Reference, request.Platform)))
                .WithSummary("Start docker pull [--platform P] REFERENCE in the background.");

            group.MapPost("/push", (PushRequest request, PullService pulls) => Started(pulls.StartPush(request.Reference)))
                .WithSummary("Start docker push REFERENCE in the background (tag the image first).");

            group.MapPost("/{id}/cancel", (string id, PullService pulls) =>
            {
                if (pulls.Find(id) is not { } job)
                    return Results.NotFound(new { error = $"No pull with id {id} (finished ones are kept for a while only)." });
                job.Cancel();
                return Results.Ok(PullJobDto.From(job));
            }).WithSummary("Cancel a running pull or push.");

            group.MapGet("/{id}/events", async (string id, PullService pulls, HttpContext http, CancellationToken ct) =>
            {
                if (pulls.Find(id) is not { } job)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    await http.Response.WriteAsJsonAsync(new { error = $"No pull with id {id}." }, ct);
                    return;
                }
                await StreamAsync(job, http, ct);
            }).WithSummary("Progress of one pull or push as server-sent events (one 'progress' event per change, ends with the outcome).");
        });
        return endpoints;
    }

    private static IResult Started(PullJob job) => job.Snapshot.State == PullState.Failed && job.Snapshot.Layers.Count == 0 && job.Snapshot.Status is null
        ? Results.BadRequest(PullJobDto.From(job))
        : Results.Accepted($"/api/pulls/{job.Id}/events", PullJobDto.From(job));

    private static async Task StreamAsync(PullJob job, HttpContext http, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var changed = new SemaphoreSlim(0);
        void OnChanged(PullJob _) => changed.Release();
        job.Changed += OnChanged;
        try
        {
            while (true)
            {
                var finished = job.Finished;
                await http.Response.WriteAsync($"event: progress\ndata: {JsonSerializer.Serialize(PullJobDto.From(job), JsonSerializerOptions.Web)}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                if (finished)
                    return;
                await changed.WaitAsync(TimeSpan.FromSeconds(15), ct);
                await Task.Delay(100, ct); // coalesce bursts of engine messages
                while (changed.CurrentCount > 0)
                    await changed.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            job.Changed -= OnChanged;
        }
    }
}
