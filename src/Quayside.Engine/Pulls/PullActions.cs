using System.Text.Json;
using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;
using Quayside.Engine.Registries;

namespace Quayside.Engine.Pulls;

/// <summary>
/// Pulls and pushes through the engine, reporting each change of progress. A failure, whether the engine refuses the
/// request or reports it inside the stream, ends as a snapshot whose Error is in words (never as an exception).
/// </summary>
public sealed class PullActions(EngineClient client)
{
    public static string PullCli(ImageReference reference, PlatformSpec? platform) =>
        DockerCli.Pull(reference.ToString(), platform?.ToString());

    public Task<PullSnapshot> PullAsync(
        ImageReference reference, PlatformSpec? platform, RegistryAuth? auth, Action<PullSnapshot> onChange, CancellationToken ct)
    {
        return RunAsync(() => EngineRoutes.ImagesCreate(reference.Name, reference.TagOrDigest, platform?.ToString()), auth?.ToEngineHeader(), onChange, ct);
    }

    /// <summary>Pushes name:tag (the image must carry that tag already).</summary>
    public Task<PullSnapshot> PushAsync(
        ImageReference reference, RegistryAuth? auth, Action<PullSnapshot> onChange, CancellationToken ct) =>
        RunAsync(() => EngineRoutes.ImagePush(reference.Name, reference.Tag ?? "latest"),
            auth?.ToEngineHeader() ?? RegistryAuth.AnonymousHeader, onChange, ct);

    /// <param name="path">Built inside the try, so a refused name ends as a failed snapshot like any other failure.</param>
    private async Task<PullSnapshot> RunAsync(Func<string> path, string? authHeader, Action<PullSnapshot> onChange, CancellationToken ct)
    {
        var tracker = new PullProgressTracker();
        var headers = new Dictionary<string, string>();
        if (authHeader is not null)
            headers["X-Registry-Auth"] = authHeader;
        try
        {
            await using var stream = await client.OpenStreamAsync(HttpMethod.Post, path(), headers, ct);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line) || Parse(line) is not { } message || !tracker.Apply(message))
                    continue;
                onChange(tracker.Snapshot());
            }
            if (tracker.Error is { } error)
                return Finish(tracker.Snapshot(PullState.Failed) with { Error = Words(EngineErrorTranslator.FromEngine(System.Net.HttpStatusCode.InternalServerError, error)) }, onChange);
            return Finish(tracker.Snapshot(PullState.Succeeded), onChange);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Finish(tracker.Snapshot(PullState.Cancelled) with { Status = "Cancelled" }, onChange);
        }
        catch (Exception e)
        {
            return Finish(tracker.Snapshot(PullState.Failed) with { Error = Words(EngineErrorTranslator.Translate(e, client.Endpoint)) }, onChange);
        }
    }

    private static PullSnapshot Finish(PullSnapshot last, Action<PullSnapshot> onChange)
    {
        onChange(last);
        return last;
    }

    private static string Words(EngineProblem problem) => problem.ToString();

    private static JsonNode? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
