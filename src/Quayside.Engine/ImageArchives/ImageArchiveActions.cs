using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;
using Quayside.Engine.Progress;

namespace Quayside.Engine.ImageArchives;

/// <summary>
/// Images and container filesystems in and out as tar streams: save, load, export, import, and commit. Tars are passed
/// through as they are read, never held whole.
/// </summary>
public sealed class ImageArchiveActions(HostModel model)
{
    private EngineClient Client => model.Client;

    /// <summary><c>docker save</c>: the engine's tar of the images; the caller copies and disposes it.</summary>
    public async Task<Stream> SaveAsync(IReadOnlyList<string> images, CancellationToken ct)
    {
        var response = await Client.SendStreamingAsync(HttpMethod.Get, EngineRoutes.ImagesGet(images), null, ct);
        return await response.Content.ReadAsStreamAsync(ct);
    }

    /// <summary><c>docker export</c>: the container's filesystem as a tar; the caller copies and disposes it.</summary>
    public async Task<Stream> ExportAsync(string container, CancellationToken ct)
    {
        var response = await Client.SendStreamingAsync(HttpMethod.Get, EngineRoutes.ContainerExport(container), null, ct);
        return await response.Content.ReadAsStreamAsync(ct);
    }

    /// <summary><c>docker load</c> from a tar read as it arrives; the engine's progress lines go to <paramref name="onLine"/>.</summary>
    public Task<StreamedResult> LoadAsync(Stream tar, Func<ProgressLine, Task>? onLine, CancellationToken ct) =>
        StreamAsync(DockerCli.Load(), EngineRoutes.ImagesLoad(quiet: false), tar, onLine, ct);

    /// <summary><c>docker import</c> of a filesystem tar as a new image.</summary>
    public Task<StreamedResult> ImportAsync(Stream tar, ImportOptions options, Func<ProgressLine, Task>? onLine, CancellationToken ct)
    {
        var cli = DockerCli.Import(options);
        if (options.Problems() is { Count: > 0 } problems)
            return Task.FromResult(StreamedResult.Refused(cli, string.Join(" ", problems)));
        return StreamAsync(cli, EngineRoutes.ImagesImport(options), tar, onLine, ct);
    }

    private async Task<StreamedResult> StreamAsync(string cli, string path, Stream tar, Func<ProgressLine, Task>? onLine, CancellationToken ct)
    {
        try
        {
            using var response = await Client.SendStreamingAsync(HttpMethod.Post, path, StreamingContent.From(tar), ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await StreamedResult.ReadAsync(cli, body, onLine, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return StreamedResult.Refused(cli, EngineErrorTranslator.Translate(e, Client.Endpoint).ToString());
        }
    }

    /// <summary><c>docker commit</c>: the container's changes as a new image, pausing it meanwhile unless told not to.</summary>
    public Task<ActionOutcome> CommitAsync(CommitOptions options, CancellationToken ct = default) => PlanCommit(options).RunAsync(ct);

    public ActionPlan PlanCommit(CommitOptions options)
    {
        var name = model.FindContainer(options.Container)?.Name ?? options.Container;
        return ActionPlan.Checked(DockerCli.Commit(options with { Container = name }), name, options.Problems(), async ct =>
            [await ActionAttempt.RunAsync(name, Client.Endpoint, async () =>
        {
            var (_, body) = await Client.SendAsync(HttpMethod.Post, EngineRoutes.Commit(options), ct: ct, timeout: TimeSpan.FromMinutes(10));
            var id = body?["Id"]?.GetValue<string>() ?? "";
            var what = string.IsNullOrWhiteSpace(options.Reference) ? "an untagged image" : options.Reference.Trim();
            return $"Committed {name} as {what} ({Images.ImageSummary.ShortenId(id)}).";
        }, nameFailures: false, ct)]);
    }
}
