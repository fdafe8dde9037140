using System.Formats.Tar;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Quayside.Engine.Build;
using Quayside.Web.Api;

namespace Quayside.Web.Build;

/// <summary>
/// Turns an upload into the build context while it is sent to the engine. A multipart form holds, in order, an optional
/// "dockerfile" text part, then either one "context" file (tar, tar.gz or zip) or any number of "files" (the file name
/// is the path in the context). A raw body is a context tar or zip. Tars pass through entry by entry; a zip and each
/// loose file are spooled to a temporary file first (a zip needs seeking, a tar entry needs its size). What the context
/// unpacks to (zip and gzip entries) is held to the same limit as the upload.
/// </summary>
public static class BuildUpload
{
    public const string SpoolPrefix = "quayside-upload-";

    public static async Task WriteAsync(HttpRequest request, BuildOptions options, TarWriter tar, UploadGuard guard, string spoolDirectory, CancellationToken ct)
    {
        try
        {
            await WriteAsync(request, options, tar, guard.Limit.Bytes, spoolDirectory, ct);
        }
        catch (ContextTooLargeException)
        {
            guard.Exceeded(guard.Limit.ExpandsTooMuch);
            throw;
        }
    }

    private static async Task WriteAsync(HttpRequest request, BuildOptions options, TarWriter tar, long limit, string spoolDirectory, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            await CopyContextAsync(tar, request.Body, null, limit, spoolDirectory, ct);
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
                await CopyContextAsync(tar, section.Body, typed, limit, spoolDirectory, ct);
            else if (field == "files")
            {
                var name = disposition?.FileName.Value ?? disposition?.FileNameStar.Value;
                var path = BuildContext.RelativePath(name)
                    ?? throw new InvalidDataException($"'{name}' is not a path inside the context.");
                if (path == typed)
                    continue;
                await using var spool = Spool.Create(spoolDirectory);
                await section.Body.CopyToAsync(spool.Stream, ct);
                spool.Stream.Position = 0;
                await BuildContext.AddFileAsync(tar, path, spool.Stream, spool.Stream.Length, ct);
            }
        }
    }

    private static async Task CopyContextAsync(TarWriter tar, Stream body, string? skip, long limit, string spoolDirectory, CancellationToken ct)
    {
        var (head, whole) = await Quayside.Engine.Tar.PrefixedStream.PeekAsync(body, 2, ct);
        if (head is [(byte)'P', (byte)'K'])
        {
            await using var spool = Spool.Create(spoolDirectory);
            await whole.CopyToAsync(spool.Stream, ct);
            spool.Stream.Position = 0;
            await BuildContext.CopyZipAsync(tar, spool.Stream, skip, ct, limit);
        }
        else
            await BuildContext.CopyTarAsync(tar, whole, skip, ct, limit);
    }

    /// <summary>
    /// A temporary file for one upload part, removed when disposed (every path out: success, refusal, failure, the
    /// client leaving); DeleteOnClose also covers a dispose that never runs because the process is killed mid-way.
    /// </summary>
    private sealed class Spool : IAsyncDisposable
    {
        private readonly string _path;

        private Spool(string path, FileStream stream)
        {
            _path = path;
            Stream = stream;
        }

        public FileStream Stream { get; }

        public static Spool Create(string directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, SpoolPrefix + Guid.NewGuid().ToString("N"));
            return new Spool(path, new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous));
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Stream.DisposeAsync();
            }
            finally
            {
                File.Delete(_path);
            }
        }
    }
}
