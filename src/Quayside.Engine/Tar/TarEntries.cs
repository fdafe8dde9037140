using System.Formats.Tar;

namespace Quayside.Engine.Tar;

/// <summary>Tar entries as the engine's archive and build endpoints take them.</summary>
public static class TarEntries
{
    public const UnixFileMode DefaultFileMode = (UnixFileMode)0b110_100_100; // 0644
    public const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0b111_101_101; // 0755

    public static TarWriter Writer(Stream archive) => new(archive, TarEntryFormat.Pax, leaveOpen: true);

    public static PaxTarEntry File(string name, Stream content, long length, UnixFileMode mode = DefaultFileMode, int uid = 0, int gid = 0) =>
        new(TarEntryType.RegularFile, name)
        {
            DataStream = content.CanSeek ? content : new KnownLengthStream(content, length, leaveOpen: true),
            Mode = mode,
            Uid = uid,
            Gid = gid,
            ModificationTime = DateTimeOffset.UtcNow,
        };

    public static PaxTarEntry Directory(string name, UnixFileMode mode = DefaultDirectoryMode) =>
        new(TarEntryType.Directory, name.TrimEnd('/') + "/") { Mode = mode, ModificationTime = DateTimeOffset.UtcNow };
}
