using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;
using Quayside.Engine.Tar;

namespace Quayside.Engine.Files;

/// <summary>
/// Files inside a container through the archive API (what <c>docker cp</c> uses), so it works on stopped containers and
/// on containers without a shell. The engine answers 404 both for a missing container and a missing path; the model
/// tells them apart. Only delete needs a shell (the archive API cannot remove).
/// </summary>
public sealed class ContainerFiles(HostModel model)
{
    public const long TextLimit = 1024 * 1024;

    private static readonly JsonSerializerOptions StatJson = new(JsonSerializerDefaults.Web);

    private EngineClient Client => model.Client;

    /// <summary>The container's name for messages, or why there is none.</summary>
    private (string? Name, string? Problem) Find(string container) =>
        model.FindContainer(container) is { } c ? (c.Name, null)
        : (null, EngineErrorTranslator.NoContainer(container));

    private string Explain(Exception e, string path) => EngineErrorTranslator.FileProblem(e, path, Client.Endpoint);

    public async Task<FileStat> StatAsync(string container, string path, CancellationToken ct)
    {
        using var response = await Client.SendStreamingAsync(HttpMethod.Head, EngineRoutes.ContainerArchive(container, path), null, ct);
        var header = response.Headers.TryGetValues("X-Docker-Container-Path-Stat", out var values) ? values.First() : "";
        return JsonSerializer.Deserialize<FileStat>(Convert.FromBase64String(header), StatJson)
            ?? throw new InvalidDataException("the engine sent no path stat");
    }

    /// <summary>The direct children of a folder, read from the tar headers (contents are skipped, never buffered).</summary>
    public async Task<DirectoryListing> ListAsync(string container, string path, CancellationToken ct = default)
    {
        var (normalized, pathProblem) = ContainerPath.Normalize(path);
        var (name, missing) = Find(container);
        var cli = DockerCli.ListFiles(name ?? container, normalized ?? path);
        if ((pathProblem ?? missing) is { } refused)
            return new DirectoryListing(path, cli, [], refused);
        try
        {
            var stat = await StatAsync(container, normalized!, ct);
            if (!stat.IsDirectory && !stat.IsSymlink)
                return new DirectoryListing(normalized!, cli, [], $"{normalized} is a file, not a folder.");
            // "/." archives the folder's contents as ./name (and follows a symlinked folder).
            using var response = await Client.SendStreamingAsync(HttpMethod.Get, EngineRoutes.ContainerArchive(container, normalized == "/" ? "/." : normalized + "/."), null, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var reader = new TarReader(body);
            var entries = new List<FileEntry>();
            while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                var relative = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name.TrimStart('/');
                relative = relative.TrimEnd('/');
                if (relative.Length > 0 && !relative.Contains('/'))
                    entries.Add(FileEntry.FromTar(entry, normalized!, relative));
            }
            return new DirectoryListing(normalized!, cli, [.. entries.OrderByDescending(e => e.IsDirectory).ThenBy(e => e.Name, StringComparer.Ordinal)]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new DirectoryListing(normalized!, cli, [], Explain(e, normalized!));
        }
    }

    /// <summary>A download: a folder as the tar <c>docker cp</c> writes, a file as its bytes. Dispose it when copied.</summary>
    public async Task<FileDownload> OpenDownloadAsync(string container, string path, CancellationToken ct = default)
    {
        var (normalized, problem) = ContainerPath.Normalize(path);
        var (_, missing) = Find(container);
        if ((problem ?? missing) is { } refused)
            throw new FileProblemException(refused);
        try
        {
            var stat = await StatAsync(container, normalized!, ct);
            var response = await Client.SendStreamingAsync(HttpMethod.Get, EngineRoutes.ContainerArchive(container, normalized!), null, ct);
            var body = await response.Content.ReadAsStreamAsync(ct);
            var baseName = normalized == "/" ? "root" : ContainerPath.Name(normalized!);
            if (stat.IsDirectory)
                return new FileDownload(body, baseName + ".tar", "application/x-tar", null, response);
            var reader = new TarReader(body);
            var entry = await reader.GetNextEntryAsync(copyData: false, ct);
            if (entry?.DataStream is not { } data)
            {
                await reader.DisposeAsync();
                response.Dispose();
                throw new FileProblemException(entry is null ? $"No such file or folder: {normalized}." : $"{normalized} is a link to {entry.LinkName}; open the target instead.");
            }
            return new FileDownload(data, baseName, "application/octet-stream", reader, response, entry.Length);
        }
        catch (Exception e) when (e is not FileProblemException && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            throw new FileProblemException(Explain(e, normalized!));
        }
    }

    /// <summary>Writes one file (read as it arrives, <paramref name="length"/> bytes) into a folder of the container.</summary>
    public Task<ActionOutcome> UploadAsync(string container, string folder, string fileName, Stream content, long length, CancellationToken ct = default) =>
        PutAsync(container, folder, fileName, DockerCli.CopyInto(Find(container).Name ?? container, fileName, folder),
            (tar, token) => tar.WriteEntryAsync(TarEntries.File(fileName, content, length), token),
            $"Uploaded {fileName} ({ByteSize.Format(length)}) to {folder}.", ct);

    public Task<ActionOutcome> CreateFolderAsync(string container, string parent, string folderName, CancellationToken ct = default) =>
        PutAsync(container, parent, folderName, DockerCli.MakeFolder(Find(container).Name ?? container, folderName, parent),
            (tar, token) => tar.WriteEntryAsync(TarEntries.Directory(folderName), token),
            $"Created the folder {ContainerPath.Combine(ContainerPath.Normalize(parent).Path ?? parent, folderName)}.", ct);

    private async Task<ActionOutcome> PutAsync(
        string container, string folder, string name, string cli, Func<TarWriter, CancellationToken, Task> write, string done, CancellationToken ct)
    {
        var (normalized, problem) = ContainerPath.Normalize(folder);
        var (containerName, missing) = Find(container);
        if ((problem ?? ContainerPath.NameProblem(name) ?? missing) is { } refused)
            return ActionOutcome.Refused(cli, containerName ?? container, refused);
        var content = new StreamingContent(async (stream, token) =>
        {
            await using var tar = TarEntries.Writer(stream);
            await write(tar, token);
        });
        try
        {
            using var _ = await Client.SendStreamingAsync(HttpMethod.Put, EngineRoutes.ContainerArchive(container, normalized!), content, ct);
            return new ActionOutcome(cli, [new ActionResult(containerName!, true, done)]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ActionOutcome.Refused(cli, containerName!, Explain(e, normalized!));
        }
    }

    /// <summary>A text file up to <see cref="TextLimit"/>, for viewing and editing.</summary>
    public async Task<TextFile> ReadTextAsync(string container, string path, CancellationToken ct = default)
    {
        var (normalized, problem) = ContainerPath.Normalize(path);
        var (name, missing) = Find(container);
        var cli = DockerCli.ReadFile(name ?? container, normalized ?? path);
        if ((problem ?? missing) is { } refused)
            return new TextFile(path, cli, null, refused);
        try
        {
            using var response = await Client.SendStreamingAsync(HttpMethod.Get, EngineRoutes.ContainerArchive(container, normalized!), null, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var reader = new TarReader(body);
            var entry = await reader.GetNextEntryAsync(copyData: false, ct);
            if (entry is null || entry.EntryType == TarEntryType.Directory)
                return new TextFile(normalized!, cli, null, $"{normalized} is a folder, not a file.");
            if (entry.DataStream is not { } data)
                return new TextFile(normalized!, cli, null, $"{normalized} is a link to {entry.LinkName}; open the target instead.");
            if (entry.Length > TextLimit)
                return new TextFile(normalized!, cli, null, $"{normalized} is {ByteSize.Format(entry.Length)}, more than the {ByteSize.Format(TextLimit)} shown here: download it instead.", entry.Length);
            var bytes = new byte[entry.Length];
            await data.ReadExactlyAsync(bytes, ct);
            if (Array.IndexOf(bytes, (byte)0) >= 0 || !IsUtf8(bytes))
                return new TextFile(normalized!, cli, null, $"{normalized} is not a text file (it holds binary data): download it instead.", entry.Length);
            return new TextFile(normalized!, cli, Encoding.UTF8.GetString(bytes), null, entry.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new TextFile(normalized!, cli, null, Explain(e, normalized!));
        }
    }

    /// <summary>Writes a text file back in place, keeping its mode and owner (read from its tar header).</summary>
    public async Task<ActionOutcome> SaveTextAsync(string container, string path, string text, CancellationToken ct = default)
    {
        var (normalized, problem) = ContainerPath.Normalize(path);
        var (name, missing) = Find(container);
        var cli = DockerCli.CopyInto(name ?? container, ContainerPath.Name(normalized ?? path), ContainerPath.Parent(normalized ?? path));
        if ((problem ?? missing) is { } refused)
            return ActionOutcome.Refused(cli, name ?? container, refused);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > TextLimit)
            return ActionOutcome.Refused(cli, name!, $"The text is {ByteSize.Format(bytes.Length)}, more than the {ByteSize.Format(TextLimit)} this editor saves.");
        UnixFileMode mode = TarEntries.DefaultFileMode;
        int uid = 0, gid = 0;
        try
        {
            using var response = await Client.SendStreamingAsync(HttpMethod.Get, EngineRoutes.ContainerArchive(container, normalized!), null, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var reader = new TarReader(body);
            if (await reader.GetNextEntryAsync(copyData: false, ct) is { } existing)
            {
                if (existing.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    return ActionOutcome.Refused(cli, name!, $"{normalized} is not a regular file, so it was not overwritten.");
                (mode, uid, gid) = (existing.Mode, existing.Uid, existing.Gid);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ActionOutcome.Refused(cli, name!, Explain(e, normalized!));
        }
        var fileName = ContainerPath.Name(normalized!);
        return await PutAsync(container, ContainerPath.Parent(normalized!), fileName, cli,
            (tar, token) => tar.WriteEntryAsync(TarEntries.File(fileName, new MemoryStream(bytes), bytes.Length, mode, uid, gid), token),
            $"Saved {normalized} ({ByteSize.Format(bytes.Length)}).", ct);
    }

    /// <summary>
    /// Deletes with <c>rm -rf</c> run by the container's own /bin/sh: the archive API can add and replace but not remove,
    /// so this needs a running container with a shell, and says so otherwise.
    /// </summary>
    public Task<ActionOutcome> DeleteAsync(string container, string path, CancellationToken ct = default) => PlanDelete(container, path).RunAsync(ct);

    /// <summary>The path is checked here; the container (still there, still running) when the plan runs.</summary>
    public ActionPlan PlanDelete(string container, string path)
    {
        var (normalized, problem) = ContainerPath.Normalize(path);
        var name = model.FindContainer(container)?.Name ?? container;
        return new ActionPlan(DockerCli.DeleteFile(name, normalized ?? path), name, problem ?? (normalized == "/" ? "The root folder cannot be deleted." : null),
            async ct => [await DeleteCheckedAsync(container, normalized!, ct)]);
    }

    private async Task<ActionResult> DeleteCheckedAsync(string container, string normalized, CancellationToken ct)
    {
        var summary = model.FindContainer(container);
        var name = summary?.Name ?? container;
        if (summary is null)
            return new ActionResult(name, false, Find(container).Problem!);
        if (summary.State != "running")
            return new ActionResult(name, false, $"Deleting needs the container running: {name} is {summary.State}. Files can be added and replaced in a stopped container (the archive API), but not removed; start it, then delete.");
        try
        {
            return new ActionResult(name, true, await RemoveAsync(container, name, normalized, ct));
        }
        catch (FileProblemException e)
        {
            return new ActionResult(name, false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new ActionResult(name, false, Explain(e, normalized));
        }
    }

    private async Task<string> RemoveAsync(string container, string name, string normalized, CancellationToken ct)
    {
        await StatAsync(container, normalized, ct);
        try
        {
            await StatAsync(container, "/bin/sh", ct);
        }
        catch (EngineApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            throw new FileProblemException($"Deleting needs a shell in the container, and {name} has no /bin/sh (the archive API cannot remove files). Rebuild the image without the file instead.");
        }
        var (_, created) = await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerExec(container),
            new { AttachStdout = true, AttachStderr = true, Cmd = new[] { "/bin/sh", "-c", "rm -rf -- \"$1\" 2>&1", "rm", normalized } }, ct);
        var execId = created!["Id"]!.GetValue<string>();
        using (var started = await Client.SendStreamingAsync(HttpMethod.Post, EngineRoutes.ExecStart(execId),
                   System.Net.Http.Json.JsonContent.Create(new { Detach = false, Tty = false }), ct))
            await started.Content.CopyToAsync(Stream.Null, ct);
        var (_, inspect) = await Client.SendAsync(HttpMethod.Get, EngineRoutes.ExecInspect(execId), ct: ct);
        var exit = inspect?["ExitCode"]?.GetValue<int?>() ?? -1;
        return exit == 0 ? $"Deleted {normalized}."
            : throw new FileProblemException($"rm -rf {normalized} failed in the container (exit code {exit}); it may be on a read-only mount or in use.");
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>A file operation refused with a sentence for a person.</summary>
public sealed class FileProblemException(string message) : Exception(message);

/// <summary>An open download: copy <see cref="Content"/> to the response, then dispose.</summary>
public sealed class FileDownload(Stream content, string fileName, string contentType, IAsyncDisposable? reader, IDisposable response, long? length = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public string FileName { get; } = fileName;
    public string ContentType { get; } = contentType;
    public long? Length { get; } = length;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        if (reader is not null)
            await reader.DisposeAsync();
        response.Dispose();
    }
}
