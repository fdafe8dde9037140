namespace Quayside.Web.Hosting;

/// <summary>
/// The data folder holds the password hashes (quayside.db), the Data Protection keys that decrypt the stored secrets
/// (keys/) and the TLS private key (tls/): only the user Quayside runs as may read them. Folders are kept 0700 and
/// files 0600 (group and other bits removed), also in a folder an older version made 0755.
/// </summary>
public static class DataDirectory
{
    public const string DatabaseFile = "quayside.db";
    public const string KeysFolder = "keys";
    public const string TlsFolder = "tls";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder and its keys folder owner-only, and takes group and other access away from what is there.</summary>
    public static void Prepare(string path, TextWriter? log = null)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        try
        {
            // Only the data folder itself is made owner-only: parents such as ~/.local/share keep the usual mode.
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent)
                Directory.CreateDirectory(parent);
            Directory.CreateDirectory(path, OwnerOnly);
            // Made here, owner-only, before Data Protection writes its first key there.
            Directory.CreateDirectory(Path.Combine(path, KeysFolder), OwnerOnly);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException($"Quayside cannot make its data folder {path}: {e.Message} Give it a folder its user may write to (QUAYSIDE_DATA).", e);
        }
        Tighten(path, log);
    }

    /// <summary>
    /// Takes group and other access away from the folder, the database files, keys/ and tls/ and their files. Called
    /// again once the database exists: SQLite makes it with the umask (0644), and makes its -wal and -shm files with
    /// the database's mode, so a 0600 database keeps them 0600 too.
    /// </summary>
    public static void Tighten(string path, TextWriter? log = null)
    {
        if (OperatingSystem.IsWindows())
            return;
        log ??= Console.Out;
        Restrict(path, log);
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            Restrict(Path.Combine(path, DatabaseFile + suffix), log);
        foreach (var folder in new[] { KeysFolder, TlsFolder })
        {
            var dir = Path.Combine(path, folder);
            if (!Restrict(dir, log))
                continue;
            foreach (var file in Directory.EnumerateFileSystemEntries(dir))
                Restrict(file, log);
        }
    }

    /// <summary>Removes group and other bits from one entry; false if it does not exist (or is a symbolic link, left alone).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool Restrict(string path, TextWriter log)
    {
        if (!Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
            return false;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOther) == 0)
            return true;
        try
        {
            File.SetUnixFileMode(path, mode & ~GroupAndOther);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            log.WriteLine($"WARNING: {path} is open to other users (mode {Octal(mode)}) and Quayside could not restrict it to its owner: {e.Message} Run: chmod go-rwx {path}");
        }
        return true;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
