using Quayside.Engine.Files;
using Quayside.Web.Api;

namespace Quayside.Web.Files;

public sealed record FilePathRequest(string Path);

public sealed record NewFolderRequest(string Path, string Name);

public sealed record SaveTextRequest(string Path, string Text);

/// <summary>A container's files: browse, download, upload, edit, make folders and delete, over the engine's archive API.</summary>
public static class FilesFeature
{
    public static IServiceCollection AddFiles(this IServiceCollection services) => services.AddSingleton<ContainerFiles>();

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints)
    {
        // Resolved here, while the app is built, so a setting that is not a size stops the start.
        var limits = endpoints.ServiceProvider.GetRequiredService<UploadLimits>();
        endpoints.MapHostApiGroups("/containers/{id}/files", "Containers", files =>
        {

            files.MapGet("/", async (string id, string? path, ContainerFiles browser, CancellationToken ct) =>
            {
                var listing = await browser.ListAsync(id.Unescaped(), path ?? "/", ct);
                return listing.Ok ? Results.Ok(listing) : Results.Json(listing, statusCode: StatusOf(listing.Problem!));
            }).WithSummary("List a folder in a container: name, size, mode, owner, modified, link target.");

            files.MapGet("/download", async (HttpContext http, string id, string path, ContainerFiles browser) =>
            {
                try
                {
                    var download = await browser.OpenDownloadAsync(id.Unescaped(), path, http.RequestAborted);
                    http.Response.RegisterForDisposeAsync(download);
                    if (download.Length is { } length)
                        http.Response.ContentLength = length;
                    return Results.Stream(download.Content, download.ContentType, download.FileName);
                }
                catch (FileProblemException e)
                {
                    return Results.Problem(statusCode: StatusOf(e.Message), title: e.Message);
                }
            }).WithSummary("Download a file (its bytes) or a folder (as the tar docker cp writes).");

            files.MapGet("/text", async (string id, string path, ContainerFiles browser, CancellationToken ct) =>
            {
                var file = await browser.ReadTextAsync(id.Unescaped(), path, ct);
                return file.Ok ? Results.Ok(file) : Results.Json(file, statusCode: StatusOf(file.Problem!));
            }).WithSummary($"A text file up to 1 MB, to view and edit.");

            files.MapPost("/text", async (string id, SaveTextRequest request, ContainerFiles browser, CancellationToken ct) =>
                (await browser.SaveTextAsync(id.Unescaped(), request.Path, request.Text, ct)).ToResult())
                .WithSummary("Save a text file back, keeping its mode and owner.");

            files.MapPost("/upload", async (HttpContext http, string id, string path, string name, ContainerFiles browser) =>
            {
                var guard = UploadGuard.Start(http, limits.ForOthers);
                if (guard.Problem is not null)
                    return guard.TooLarge();
                if (http.Request.ContentLength is not { } length)
                    return Results.Problem(statusCode: 411, title: "Send the file as the raw body with its Content-Length.");
                var outcome = await browser.UploadAsync(id.Unescaped(), path, name, http.Request.Body, length, http.RequestAborted);
                return guard.Problem is not null ? guard.TooLarge() : outcome.ToResult();
            }).WithSummary("Upload one file (the raw body) into a folder: ?path=/folder&name=file.");

            files.MapPost("/folder", async (string id, NewFolderRequest request, ContainerFiles browser, CancellationToken ct) =>
                (await browser.CreateFolderAsync(id.Unescaped(), request.Path, request.Name, ct)).ToResult())
                .WithSummary("Create a folder.");

            files.MapPost("/delete", async (string id, FilePathRequest request, ContainerFiles browser, CancellationToken ct) =>
                (await browser.DeleteAsync(id.Unescaped(), request.Path, ct)).ToResult())
                .WithSummary("Delete a file or folder (rm -rf run by the container's shell: needs it running with /bin/sh).");
        });
        return endpoints;
    }

    private static int StatusOf(string problem) =>
        problem.StartsWith("No such", StringComparison.Ordinal) || problem.StartsWith("There is no container", StringComparison.Ordinal) ? 404 : 400;
}
