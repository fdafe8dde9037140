using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Quayside.Engine.Tar;
using Quayside.Engine.Images;

namespace Quayside.Engine.Build;

/// <summary>Writes a build context tar as it is sent: a typed Dockerfile, uploaded files, or an uploaded tar or zip re-packed.</summary>
public static class BuildContext
{
    public static Task AddTextAsync(TarWriter tar, string name, string text, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return tar.WriteEntryAsync(TarEntries.File(name, new MemoryStream(bytes), bytes.Length), ct);
    }

    public static Task AddFileAsync(TarWriter tar, string name, Stream content, long length, CancellationToken ct) =>
        tar.WriteEntryAsync(TarEntries.File(name, content, length), ct);

    /// <summary>
    /// Copies an uploaded tar (plain or gzipped) entry by entry, leaving out <paramref name="skip"/> (a typed Dockerfile
    /// replaces the context's). A gzipped tar whose entries add up to more than <paramref name="maxBytes"/> is refused.
    /// </summary>
    public static async Task CopyTarAsync(TarWriter tar, Stream source, string? skip, CancellationToken ct, long maxBytes = long.MaxValue)
    {
        long total = 0;
        var (head, rest) = await PrefixedStream.PeekAsync(source, 2, ct);
        var gzipped = head.Length == 2 && head[0] == 0x1f && head[1] == 0x8b;
        await using var input = gzipped ? new GZipStream(rest, CompressionMode.Decompress) : rest;
        await using var reader = new TarReader(input, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (skip is not null && Normalize(entry.Name) == skip)
                continue;
            if ((total += entry.Length) > maxBytes)
                throw new ContextTooLargeException(maxBytes);
            await tar.WriteEntryAsync(Copy(entry), ct);
        }
    }

    /// <summary>
    /// A writable copy of an entry read from a forward-only stream: the reader's own data stream cannot be swapped
    /// (its setter disposes it) and TarWriter wants a length it can ask for.
    /// </summary>
    private static PaxTarEntry Copy(TarEntry entry)
    {
        var copy = new PaxTarEntry(entry.EntryType == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : entry.EntryType, entry.Name)
        {
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = entry.ModificationTime,
        };
        if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            copy.LinkName = entry.LinkName;
        if (entry.DataStream is { } data)
            copy.DataStream = new KnownLengthStream(data, entry.Length, leaveOpen: true);
        return copy;
    }

    /// <summary>
    /// Re-packs a zip (which needs a seekable stream: the upload is spooled to disk first) as tar entries. A zip whose
    /// entries expand to more than <paramref name="maxBytes"/> is refused before any is unpacked (each entry is read for
    /// exactly its stated size, so the stated sizes bound what is written).
    /// </summary>
    public static async Task CopyZipAsync(TarWriter tar, Stream seekableZip, string? skip, CancellationToken ct, long maxBytes = long.MaxValue)
    {
        await using var zip = new ZipArchive(seekableZip, ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in zip.Entries)
            if ((total += entry.Length) > maxBytes || entry.Length < 0)
                throw new ContextTooLargeException(maxBytes);
        foreach (var entry in zip.Entries)
        {
            var name = Normalize(entry.FullName);
            if (name.Length == 0 || name == skip)
                continue;
            if (entry.FullName.EndsWith('/'))
            {
                await tar.WriteEntryAsync(TarEntries.Directory(name), ct);
                continue;
            }
            if (RelativePath(name) is null)
                throw new InvalidDataException($"The zip holds '{entry.FullName}', a path outside the context.");
            await using var content = await entry.OpenAsync(ct);
            await tar.WriteEntryAsync(TarEntries.File(name, content, entry.Length), ct);
        }
    }

    /// <summary>A context-relative path from an uploaded file's name (browsers send folder uploads as a/b/c); null when it leaves the context.</summary>
    public static string? RelativePath(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var path = Normalize(name.Replace('\\', '/'));
        return path.Length == 0 || path.Split('/').Any(p => p is ".." or "") || path.Contains('\0') ? null : path;
    }

    private static string Normalize(string name)
    {
        var n = name.TrimStart('/');
        while (n.StartsWith("./", StringComparison.Ordinal))
            n = n[2..];
        return n.TrimEnd('/');
    }
}
