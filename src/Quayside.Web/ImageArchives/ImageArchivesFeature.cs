using System.Text.Json;
using Quayside.Engine.Build;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Files;
using Quayside.Engine.ImageArchives;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.ImageArchives;

public sealed record CommitRequest(string? Reference, string? Message, string? Author, IReadOnlyList<string>? Changes, bool Pause = true);

/// <summary>Images and filesystems as tar archives: save, load, import, export, and commit.</summary>
public static class ImageArchivesFeature
{
    public static IServiceCollection AddImageArchives(this IServiceCollection services) => services.AddSingleton<ImageArchiveActions>();

    public static IEndpointRouteBuilder MapImageArchives(this IEndpointRouteBuilder endpoints)
    {
        // Resolved here, while the app is built, so a setting that is not a size stops the start.
        var limits = endpoints.ServiceProvider.GetRequiredService<UploadLimits>();
        endpoints.MapHostApiGroups("/images", "Images", images =>
        {

            images.MapPost("/load", async (HttpContext http, ImageArchiveActions transfer) =>
            {
                var guard = UploadGuard.Start(http, limits.ForImages);
                return guard.Problem is not null ? guard.TooLarge()
                    : await ProgressResponse.WriteAsync(http, guard, onLine => transfer.LoadAsync(http.Request.Body, onLine, http.RequestAborted));
            }).WithSummary("Load images from a tar in the body (docker load); answers the engine's progress as JSON lines.");

            images.MapPost("/import", async (HttpContext http, ImageArchiveActions transfer, string? reference, [Microsoft.AspNetCore.Mvc.FromQuery] string[]? changes, string? message) =>
            {
                var guard = UploadGuard.Start(http, limits.ForImages);
                var options = new ImportOptions(reference, changes ?? [], message);
                return guard.Problem is not null ? guard.TooLarge()
                    : await ProgressResponse.WriteAsync(http, guard, onLine => transfer.ImportAsync(http.Request.Body, options, onLine, http.RequestAborted));
            }).WithSummary("Import a filesystem tar in the body as an image (docker import); reference, changes (CMD, ENV, ...), message.");

            images.MapGet("/save", async (HttpContext http, ImageArchiveActions transfer, HostModel model, string[] names) =>
            {
                if (names.Length == 0)
                    return Results.Problem(statusCode: 400, title: "Name at least one image to save, e.g. ?names=app:1.0.");
                var fileName = names.Length == 1 ? Downloads.SafeFileName(names[0]) + ".tar" : "images.tar";
                // The engine's 404 here ("reference does not exist") names no image; the model can (it may lag a fresh build, so it only words the error).
                var unknown = names.FirstOrDefault(n => model.FindImage(n) is null) ?? string.Join(", ", names);
                return await Downloads.DownloadAsync(model, ct => transfer.SaveAsync(names, ct), fileName, http.RequestAborted,
                    $"There is no image '{unknown}' on this engine.");
            }).WithSummary("Save images as a tar download (docker save).");
        });
        endpoints.MapHostApiGroups("/containers/{id}", "Containers", containers =>
        {

            containers.MapGet("/export", async (HttpContext http, string id, ImageArchiveActions transfer, HostModel model) =>
                model.FindContainer(id.Unescaped()) is { } c
                    ? await Downloads.DownloadAsync(model, ct => transfer.ExportAsync(c.Id, ct), Downloads.SafeFileName(c.Name) + ".tar", http.RequestAborted)
                    : Downloads.NoSuchContainer(id))
                .WithSummary("Export a container's filesystem as a tar download (docker export).");

            containers.MapPost("/commit", async (string id, CommitRequest request, ImageArchiveActions transfer, CancellationToken ct) =>
                (await transfer.CommitAsync(new CommitOptions(id.Unescaped(), request.Reference, request.Message, request.Author,
                    request.Changes ?? [], request.Pause), ct)).ToResult())
                .WithSummary("Commit a container as an image (docker commit), paused meanwhile unless pause=false.");
        });
        return endpoints;
    }
}
