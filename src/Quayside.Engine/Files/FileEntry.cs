using System.Formats.Tar;
using System.Text;

namespace Quayside.Engine.Files;

public enum FileKind { File, Directory, Symlink, Other }

/// <summary>One entry of a folder inside a container, as the archive API's tar header describes it.</summary>
public sealed record FileEntry(
    string Name, string Path, FileKind Kind, long Size, UnixFileMode Mode, DateTimeOffset Modified,
    string? LinkTarget, int Uid, int Gid, string? UserName, string? GroupName)
{
    public bool IsDirectory => Kind == FileKind.Directory;

    /// <summary>uid:gid, with the names when the tar carries them.</summary>
    public string Owner => string.IsNullOrEmpty(UserName) ? $"{Uid}:{Gid}" : $"{UserName}:{GroupName} ({Uid}:{Gid})";

    public string ModeText => FileModes.Text(Kind, Mode);

    public static FileEntry FromTar(TarEntry entry, string folder, string name) => new(
        name, ContainerPath.Combine(folder, name), KindOf(entry.EntryType), entry.Length, entry.Mode, entry.ModificationTime,
        entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? entry.LinkName : null,
        entry.Uid, entry.Gid, (entry as PosixTarEntry)?.UserName, (entry as PosixTarEntry)?.GroupName);

    private static FileKind KindOf(TarEntryType type) => type switch
    {
        TarEntryType.Directory => FileKind.Directory,
        TarEntryType.SymbolicLink => FileKind.Symlink,
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.HardLink or TarEntryType.ContiguousFile => FileKind.File,
        _ => FileKind.Other,
    };
}

public static class FileModes
{
    public static string Text(FileKind kind, UnixFileMode mode)
    {
        var s = new StringBuilder(kind switch { FileKind.Directory => "d", FileKind.Symlink => "l", FileKind.Other => "?", _ => "-" });
        var bits = (int)mode;
        for (var shift = 6; shift >= 0; shift -= 3)
        {
            s.Append((bits >> shift & 4) != 0 ? 'r' : '-');
            s.Append((bits >> shift & 2) != 0 ? 'w' : '-');
            s.Append((bits >> shift & 1) != 0 ? 'x' : '-');
        }
        return s.ToString();
    }
}

/// <summary>The archive API's X-Docker-Container-Path-Stat: Go's os.FileMode bits, so directory is bit 31 and symlink bit 27.</summary>
public sealed record FileStat(string Name, long Size, uint Mode, DateTimeOffset Mtime, string? LinkTarget)
{
    public bool IsDirectory => (Mode & (1u << 31)) != 0;
    public bool IsSymlink => (Mode & (1u << 27)) != 0;
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0x1FF);
}

public sealed record DirectoryListing(string Path, string Cli, IReadOnlyList<FileEntry> Entries, string? Problem = null)
{
    public bool Ok => Problem is null;
}

/// <summary>A text file read for viewing and editing; <see cref="Problem"/> says why it cannot be (too large, binary, missing).</summary>
public sealed record TextFile(string Path, string Cli, string? Text, string? Problem, long Size = 0)
{
    public bool Ok => Problem is null;
}
