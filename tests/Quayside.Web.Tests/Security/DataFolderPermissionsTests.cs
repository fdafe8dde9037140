using System.Diagnostics;
using Quayside.Web.Hosting;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// On a host install another local user must not read quayside.db (password hashes, encrypted secrets) nor keys/ (the
/// Data Protection key that decrypts those secrets) nor the TLS key: the data folder is 0700 and its files 0600.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionsTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int Nobody = 65534;

    [Fact]
    public async Task Another_local_user_cannot_read_the_password_hashes_or_the_key_that_decrypts_the_secrets()
    {
        await using var app = new QuaysideFactory();
        await app.CreateLoggedInClientAsync(); // the database, and a Data Protection key (the login's antiforgery token)
        var data = app.DataDirectory;

        AssertMode(Folder, data);
        AssertMode(File600, Path.Combine(data, "quayside.db"));
        foreach (var sqliteFile in new[] { "-wal", "-shm", "-journal" }.Select(s => Path.Combine(data, "quayside.db" + s)).Where(File.Exists))
            AssertMode(File600, sqliteFile);
        var keys = Path.Combine(data, "keys");
        AssertMode(Folder, keys);
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles);
        foreach (var key in keyFiles)
            AssertMode(File600, key);

        // The attack itself, where this test may act as another user (it runs as root in the lab).
        if (Environment.UserName == "root")
        {
            Assert.False(await ReadAsAnotherUserAsync(Path.Combine(data, "quayside.db")), "another user read quayside.db");
            Assert.False(await ReadAsAnotherUserAsync(keyFiles[0]), "another user read the Data Protection key");
        }
    }

    [Fact]
    public async Task A_data_folder_an_older_version_left_readable_by_everyone_is_closed_at_start()
    {
        await using var app = new QuaysideFactory();
        var data = app.DataDirectory;
        var everyone = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var readable = File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(data, everyone);
        File.SetUnixFileMode(data, everyone); // whatever the umask
        var db = Path.Combine(data, "quayside.db");
        File.WriteAllBytes(db, []); // an empty file: the app creates its tables in it
        File.SetUnixFileMode(db, readable);
        foreach (var folder in new[] { "keys", "tls" })
        {
            Directory.CreateDirectory(Path.Combine(data, folder));
            File.SetUnixFileMode(Path.Combine(data, folder), everyone);
        }
        var cert = Path.Combine(data, "tls", "old.pem");
        File.WriteAllText(cert, "old");
        File.SetUnixFileMode(cert, readable);

        await app.CreateLoggedInClientAsync();

        AssertMode(Folder, data);
        AssertMode(File600, db);
        AssertMode(Folder, Path.Combine(data, "keys"));
        AssertMode(Folder, Path.Combine(data, "tls"));
        AssertMode(File600, cert);
        if (Environment.UserName == "root")
            Assert.False(await ReadAsAnotherUserAsync(db), "another user read quayside.db");
    }

    [Fact]
    public void A_self_signed_certificate_s_private_key_is_kept_in_a_folder_only_the_owner_opens()
    {
        var data = Path.Combine(Path.GetTempPath(), "qt-tls-perm-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            DataDirectory.Prepare(data, TextWriter.Null);
            var tls = new TlsSettings(Path.Combine(data, "tls", "quayside.crt"), Path.Combine(data, "tls", "quayside.key"), SelfSigned: true);
            using var cert = TlsCertificate.LoadOrCreate(tls, TextWriter.Null);
            AssertMode(Folder, Path.Combine(data, "tls"));
            AssertMode(File600, tls.KeyPath);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void AssertMode(UnixFileMode expected, string path) =>
        Assert.True(File.GetUnixFileMode(path) == expected,
            $"{path} is {Convert.ToString((int)File.GetUnixFileMode(path), 8)}, expected {Convert.ToString((int)expected, 8)}");

    /// <summary>Tries to read the file as the user nobody, with no groups; true if the read worked.</summary>
    private static async Task<bool> ReadAsAnotherUserAsync(string path)
    {
        var psi = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", "cat", path })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            Assert.Contains("Permission denied", await stderr); // refused, not failed for another reason
        return process.ExitCode == 0;
    }
}
