using System.Text;
using Quayside.Engine.Connection;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Quayside.Engine.Stacks;

/// <summary>
/// The files of a project on an SSH host, read and written over SFTP with the host's own key and pinned host key. A
/// path counts as inside the project's folder only where the server resolves it, links followed, to a place inside.
/// </summary>
public sealed class SftpStackDisk(SshDialer dialer) : IStackDisk, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SftpClient? _client;

    public bool IsLocal => false;

    private async Task<T> UseAsync<T>(Func<SftpClient, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_client is not { IsConnected: true })
            {
                _client?.Dispose();
                _client = await dialer.OpenSftpAsync(ct);
            }
            // SSH.NET's SFTP calls block: keep them off the caller's thread.
            var client = _client;
            return await Task.Run(() => work(client), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<string?> ReadAsync(string path, CancellationToken ct) => UseAsync(c =>
    {
        try
        {
            return c.Exists(path) ? c.ReadAllText(path, Encoding.UTF8) : null;
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }, ct);

    public Task WriteAsync(string path, string text, bool privateMode, CancellationToken ct) => UseAsync(c =>
    {
        var temp = $"{path[..(path.LastIndexOf('/') + 1)]}.quayside-{Guid.NewGuid():N}.tmp";
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(text)))
            c.UploadFile(stream, temp);
        if (c.Exists(path))
            c.ChangePermissions(temp, (short)(c.GetAttributes(path).Permissions() & 0xFFF));
        else if (privateMode)
            c.ChangePermissions(temp, 384); // 0600
        c.RenameFile(temp, path, isPosix: true);
        return true;
    }, ct);

    public Task<bool> IsInsideAsync(string folder, string path, CancellationToken ct) => UseAsync(c =>
    {
        var root = Real(c, Path.GetFullPath(folder)).TrimEnd('/');
        var target = Real(c, Path.GetFullPath(path, root + "/"));
        return target == root || target.StartsWith(root + "/", StringComparison.Ordinal);
    }, ct);

    /// <summary>The path with its symbolic links resolved by the server (its deepest existing part; the rest kept as written).</summary>
    private static string Real(SftpClient c, string path)
    {
        var rest = new Stack<string>();
        var current = path;
        while (current.Length > 1 && !c.Exists(current))
        {
            rest.Push(Path.GetFileName(current));
            current = Path.GetDirectoryName(current) ?? "/";
        }
        var real = current.Length > 1 ? c.Get(current).FullName : "/";
        return rest.Aggregate(real.TrimEnd('/'), (p, part) => p + "/" + part);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _gate.Dispose();
    }
}

internal static class SftpAttributes
{
    public static int Permissions(this Renci.SshNet.Sftp.SftpFileAttributes a) =>
        (a.OwnerCanRead ? 256 : 0) | (a.OwnerCanWrite ? 128 : 0) | (a.OwnerCanExecute ? 64 : 0)
        | (a.GroupCanRead ? 32 : 0) | (a.GroupCanWrite ? 16 : 0) | (a.GroupCanExecute ? 8 : 0)
        | (a.OthersCanRead ? 4 : 0) | (a.OthersCanWrite ? 2 : 0) | (a.OthersCanExecute ? 1 : 0);
}
