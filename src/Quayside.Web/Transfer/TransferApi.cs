using System.Text.Json;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Files;
using Quayside.Engine.Images.Build;
using Quayside.Engine.Images.Transfer;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.Transfer;

public sealed record CommitRequest(string? Reference, string? Message, string? Author, IReadOnlyList<string>? Changes, bool Pause = true);

/// <summary>Images in and out: build, load, import stream their progress as JSON lines; save and export stream a tar download.</summary>
public static class TransferApi
{
    public static void MapImageAndFileTransfer(this RouteGroupBuilder api)
    {
        // Resolved here, while the app is built, so a setting that is not a size stops the start.
        var limits = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<UploadLimits>();
        var images = api.MapGroup("/images").WithTags("Images");

        images.MapPost("/build", async (HttpContext http, ImageBuilder builder) =>
        {
            var guard = UploadGuard.Start(http, limits.ForOthers);
            if (guard.Problem is not null)
                return guard.TooLarge();
            if (ReadBuildOptions(http.Request) is not { } options)
                return Results.Problem(statusCode: 400, title: "buildargs and labels must be JSON objects of strings, e.g. {\"VERSION\":\"1.2\"}.");
            return await ProgressResponse.WriteAsync(http, guard, onLine => builder.BuildAsync(options,
                (tar, ct) => BuildUpload.WriteAsync(http.Request, options, tar, guard, limits.SpoolDirectory, ct), onLine, http.RequestAborted));
        }).WithSummary("Build an image (docker build): query t, buildargs (JSON), labels (JSON), target, platform, nocache, pull, dockerfile; body: a multipart form (dockerfile text, then files or one context tar/zip) or a raw context tar/zip. Answers JSON lines; the last says ok or the failing step's error.");

        images.MapPost("/load", async (HttpContext http, ImageTransfer transfer) =>
        {
            var guard = UploadGuard.Start(http, limits.ForImages);
            return guard.Problem is not null ? guard.TooLarge()
                : await ProgressResponse.WriteAsync(http, guard, onLine => transfer.LoadAsync(http.Request.Body, onLine, http.RequestAborted));
        }).WithSummary("Load images from a tar in the body (docker load); answers the engine's progress as JSON lines.");

        images.MapPost("/import", async (HttpContext http, ImageTransfer transfer, string? reference, [Microsoft.AspNetCore.Mvc.FromQuery] string[]? changes, string? message) =>
        {
            var guard = UploadGuard.Start(http, limits.ForImages);
            var options = new ImportOptions(reference, changes ?? [], message);
            return guard.Problem is not null ? guard.TooLarge()
                : await ProgressResponse.WriteAsync(http, guard, onLine => transfer.ImportAsync(http.Request.Body, options, onLine, http.RequestAborted));
        }).WithSummary("Import a filesystem tar in the body as an image (docker import); reference, changes (CMD, ENV, ...), message.");

        images.MapGet("/save", async (HttpContext http, ImageTransfer transfer, HostModel model, string[] names) =>
        {
            if (names.Length == 0)
                return Results.Problem(statusCode: 400, title: "Name at least one image to save, e.g. ?names=app:1.0.");
            var fileName = names.Length == 1 ? SafeFileName(names[0]) + ".tar" : "images.tar";
            // The engine's 404 here ("reference does not exist") names no image; the model can (it may lag a fresh build, so it only words the error).
            var unknown = names.FirstOrDefault(n => model.FindImage(n) is null) ?? string.Join(", ", names);
            return await DownloadAsync(model, ct => transfer.SaveAsync(names, ct), fileName, http.RequestAborted,
                $"There is no image '{unknown}' on this engine.");
        }).WithSummary("Save images as a tar download (docker save).");

        var containers = api.MapGroup("/containers/{id}").WithTags("Containers");

        containers.MapGet("/export", async (HttpContext http, string id, ImageTransfer transfer, HostModel model) =>
            model.FindContainer(id.Unescaped()) is { } c
                ? await DownloadAsync(model, ct => transfer.ExportAsync(c.Id, ct), SafeFileName(c.Name) + ".tar", http.RequestAborted)
                : NoSuchContainer(id))
            .WithSummary("Export a container's filesystem as a tar download (docker export).");

        containers.MapPost("/commit", async (string id, CommitRequest request, ImageTransfer transfer, CancellationToken ct) =>
            (await transfer.CommitAsync(new CommitOptions(id.Unescaped(), request.Reference, request.Message, request.Author,
                request.Changes ?? [], request.Pause), ct)).ToResult())
            .WithSummary("Commit a container as an image (docker commit), paused meanwhile unless pause=false.");

        FilesApi.Map(containers, limits);
    }

    private static BuildOptions? ReadBuildOptions(HttpRequest request)
    {
        var q = request.Query;
        Dictionary<string, string>? args, labels;
        try
        {
            args = string.IsNullOrWhiteSpace(q["buildargs"]) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(q["buildargs"]!);
            labels = string.IsNullOrWhiteSpace(q["labels"]) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(q["labels"]!);
        }
        catch (JsonException)
        {
            return null;
        }
        var multipart = request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        var context = Enum.TryParse<BuildContextKind>(q["context"], ignoreCase: true, out var kind) ? kind
            : multipart ? BuildContextKind.Files : BuildContextKind.Tar;
        return new BuildOptions
        {
            Tags = [.. q["t"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())],
            BuildArgs = args ?? [],
            Labels = labels ?? [],
            Target = NullIfEmpty(q["target"]),
            Platform = NullIfEmpty(q["platform"]),
            NoCache = IsTrue(q["nocache"]),
            Pull = IsTrue(q["pull"]),
            Dockerfile = NullIfEmpty(q["dockerfile"]) ?? "Dockerfile",
            Context = context,
            TypedDockerfile = multipart && !IsFalse(q["typed"]),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static bool IsTrue(string? s) => s is "1" or "true" or "True" or "on";
    private static bool IsFalse(string? s) => s is "0" or "false" or "False";

    /// <summary>Streams an engine tar to the response as a download; an engine refusal before the first byte becomes a sentence.</summary>
    internal static async Task<IResult> DownloadAsync(HostModel model, Func<CancellationToken, Task<Stream>> open, string fileName, CancellationToken ct, string? notFound = null)
    {
        try
        {
            var stream = await open(ct);
            return Results.Stream(stream, "application/x-tar", fileName);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var missing = e is EngineApiException { Status: System.Net.HttpStatusCode.NotFound };
            var problem = missing && notFound is not null ? new EngineProblem(notFound) : EngineErrorTranslator.Translate(e, model.Client.Endpoint);
            var status = missing ? 404 : 400;
            return Results.Problem(statusCode: status, title: problem.Message, detail: problem.Advice);
        }
    }

    internal static IResult NoSuchContainer(string id) =>
        Results.Problem(statusCode: 404, title: $"There is no container '{id.Unescaped()}' on this engine. It may have been removed.");

    /// <summary>A download name from an image or container name: no '/', ':' or quotes.</summary>
    internal static string SafeFileName(string name) =>
        string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
}
