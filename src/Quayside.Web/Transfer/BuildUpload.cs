using System.Formats.Tar;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Quayside.Engine.Images.Build;

namespace Quayside.Web.Transfer;

/// <summary>
/// Turns an upload into the build context while it is sent to the engine. A multipart form holds, in order, an optional
/// "dockerfile" text part, then either one "context" file (tar, tar.gz or zip) or any number of "files" (the file name
/// is the path in the context). A raw body is a context tar or zip. Tars pass through entry by entry; a zip and each
/// loose file are spooled to a temporary file first (a zip needs seeking, a tar entry needs its size).
/// </summary>
public static class BuildUpload
{
    public static async Task WriteAsync(HttpRequest request, BuildOptions options, TarWriter tar, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            await CopyContextAsync(tar, request.Body, null, ct);
            return;
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
            ?? throw new InvalidDataException("The form has no multipart boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        string? typed = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            var field = disposition?.Name.Value;
            if (field == "dockerfile")
            {
                typed = options.Dockerfile;
                using var text = new StreamReader(section.Body);
                await BuildContext.AddTextAsync(tar, typed, await text.ReadToEndAsync(ct), ct);
            }
            else if (field == "context")
                await CopyContextAsync(tar, section.Body, typed, ct);
            else if (field == "files")
            {
                var name = disposition?.FileName.Value ?? disposition?.FileNameStar.Value;
                var path = BuildContext.RelativePath(name)
                    ?? throw new InvalidDataException($"'{name}' is not a path inside the context.");
                if (path == typed)
                    continue;
                await using var spool = Spool();
                await section.Body.CopyToAsync(spool, ct);
                spool.Position = 0;
                await BuildContext.AddFileAsync(tar, path, spool, spool.Length, ct);
            }
        }
    }

    private static async Task CopyContextAsync(TarWriter tar, Stream body, string? skip, CancellationToken ct)
    {
        var (head, whole) = await Quayside.Engine.Tar.PrefixedStream.PeekAsync(body, 2, ct);
        if (head is [(byte)'P', (byte)'K'])
        {
            await using var spool = Spool();
            await whole.CopyToAsync(spool, ct);
            spool.Position = 0;
            await BuildContext.CopyZipAsync(tar, spool, skip, ct);
        }
        else
            await BuildContext.CopyTarAsync(tar, whole, skip, ct);
    }

    private static FileStream Spool() => new(Path.Combine(Path.GetTempPath(), "quayside-upload-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
