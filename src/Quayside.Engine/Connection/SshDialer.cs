using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Quayside.Engine.Connection;

/// <summary>
/// Reaches an engine the way <c>docker -H ssh://</c> does: one SSH session per host, and for each connection a
/// <c>docker system dial-stdio</c> on the remote host whose stdin and stdout carry the Engine API. The host key must
/// match the pinned fingerprint; an unknown or changed key is refused before anything is sent.
/// </summary>
public sealed class SshDialer : EngineDialer
{
    private readonly EngineEndpoint _endpoint;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private SshClient? _client;

    public SshDialer(EngineEndpoint endpoint)
    {
        _endpoint = endpoint;
        if (endpoint.Ssh is null)
            throw new EngineSshException($"{endpoint.Address} has no private key: an SSH engine needs one.");
    }

    public override async ValueTask<DialedStream> DialAsync(CancellationToken ct)
    {
        var client = await ConnectedClientAsync(ct);
        var command = client.CreateCommand("docker system dial-stdio");
        var running = command.ExecuteAsync(CancellationToken.None);
        var input = command.CreateInputStream();
        var stream = new DialStdioStream(command, running, input, _endpoint.Address);
        return new DialedStream(stream, () =>
        {
            stream.CloseInput();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Connects once and only checks the host key: what a user confirms before the key is pinned.</summary>
    public static async Task<string> ReadHostKeyAsync(EngineEndpoint endpoint, CancellationToken ct)
    {
        string? seen = null;
        var (host, port) = endpoint.HostAndPort();
        using var client = new SshClient(new ConnectionInfo(host, port, endpoint.SshUser, new NoneAuthenticationMethod(endpoint.SshUser)) { Timeout = TimeSpan.FromSeconds(10) });
        client.HostKeyReceived += (_, e) =>
        {
            seen = e.FingerPrintSHA256;
            e.CanTrust = false;
        };
        try
        {
            await client.ConnectAsync(ct);
        }
        catch (SshConnectionException) when (seen is not null)
        {
        }
        return seen ?? throw new EngineSshException($"{endpoint.Address} sent no host key.");
    }

    private async Task<SshClient> ConnectedClientAsync(CancellationToken ct)
    {
        await _connecting.WaitAsync(ct);
        try
        {
            if (_client is { IsConnected: true } live)
                return live;
            _client?.Dispose();
            _client = null;
            string? seen = null;
            var client = NewClient(key => seen = key);
            try
            {
                await client.ConnectAsync(ct);
            }
            catch (Exception e) when (seen is not null && seen != _endpoint.Ssh!.HostKeySha256 && e is SshException)
            {
                client.Dispose();
                throw new SshHostKeyException(_endpoint.Address, seen, _endpoint.Ssh!.HostKeySha256);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            client.KeepAliveInterval = TimeSpan.FromSeconds(15);
            return _client = client;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private SshClient NewClient(Action<string> sawHostKey)
    {
        var client = new SshClient(Info());
        client.HostKeyReceived += (_, e) => TrustPinned(e, sawHostKey);
        return client;
    }

    /// <summary>An SFTP session to the engine's machine (the files of its compose projects), with the same key and pinned host key.</summary>
    public async Task<SftpClient> OpenSftpAsync(CancellationToken ct)
    {
        string? seen = null;
        var client = new SftpClient(Info());
        client.HostKeyReceived += (_, e) => TrustPinned(e, key => seen = key);
        try
        {
            await client.ConnectAsync(ct);
            return client;
        }
        catch (Exception e) when (seen is not null && seen != _endpoint.Ssh!.HostKeySha256 && e is SshException)
        {
            client.Dispose();
            throw new SshHostKeyException(_endpoint.Address, seen, _endpoint.Ssh!.HostKeySha256);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void TrustPinned(Renci.SshNet.Common.HostKeyEventArgs e, Action<string> sawHostKey)
    {
        sawHostKey(e.FingerPrintSHA256);
        var pinned = _endpoint.Ssh!.HostKeySha256;
        e.CanTrust = pinned is not null && string.Equals(e.FingerPrintSHA256, pinned, StringComparison.Ordinal);
    }

    private ConnectionInfo Info()
    {
        var ssh = _endpoint.Ssh!;
        var (host, port) = _endpoint.HostAndPort();
        PrivateKeyFile key;
        try
        {
            key = new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(ssh.PrivateKey)), string.IsNullOrEmpty(ssh.Passphrase) ? null : ssh.Passphrase);
        }
        catch (Exception e) when (e is SshException or SshPassPhraseNullOrEmptyException or ArgumentException or InvalidOperationException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new EngineSshException(SshWords.KeyProblem(e, ssh.Passphrase), e);
        }
        return new ConnectionInfo(host, port, _endpoint.SshUser, new PrivateKeyAuthenticationMethod(_endpoint.SshUser, key))
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public override void Dispose()
    {
        _client?.Dispose();
        _connecting.Dispose();
    }

    /// <summary>
    /// The stdin and stdout of one <c>docker system dial-stdio</c>, as one stream. SSH.NET's output stream has no read of its
    /// own that observes cancellation (its read blocks until bytes come), so a read here waits for it in the background:
    /// a cancelled read returns at once and leaves that wait going, and the next read takes its bytes, so none is lost.
    /// </summary>
    private sealed class DialStdioStream(SshCommand command, Task running, Stream input, string address) : Stream
    {
        private const int ChunkSize = 16 * 1024;
        private readonly byte[] _chunk = new byte[ChunkSize];
        private Task<int>? _pending;
        private int _chunkOffset;
        private int _chunkCount;
        private bool _ended;
        private bool _readAnything;
        private int _closed;

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_chunkCount == 0 && !_ended)
            {
                _pending ??= command.OutputStream.ReadAsync(_chunk, 0, ChunkSize, CancellationToken.None);
                var n = await _pending.WaitAsync(ct);
                _pending = null;
                if (n > 0)
                {
                    _readAnything = true;
                    (_chunkOffset, _chunkCount) = (0, n);
                }
                else
                {
                    _ended = true;
                    await ThrowIfDialFailedAsync(ct);
                }
            }
            // A zero-byte read (HttpClient's check of an idle connection) returns once bytes are there, and leaves them.
            var take = Math.Min(buffer.Length, _chunkCount);
            _chunk.AsSpan(_chunkOffset, take).CopyTo(buffer.Span);
            (_chunkOffset, _chunkCount) = (_chunkOffset + take, _chunkCount - take);
            return take;
        }

        private async Task ThrowIfDialFailedAsync(CancellationToken ct)
        {
            if (_readAnything)
                return;
            // The command ended before a byte of the engine came back: docker is missing there, or dial-stdio failed.
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(2), ct));
            if (command.ExitStatus is { } status && status != 0)
                throw new EngineSshException(SshWords.DialStdioFailed(address, status, command.Error));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => input.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => input.WriteAsync(buffer, ct);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => input.WriteAsync(buffer, offset, count, ct);

        public override void Flush() => input.Flush();

        public override Task FlushAsync(CancellationToken ct) => input.FlushAsync(ct);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public void CloseInput()
        {
            try
            {
                input.Dispose();
            }
            catch (Exception e) when (e is ObjectDisposedException or SshException or IOException)
            {
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _closed, 1) == 0)
            {
                CloseInput();
                try
                {
                    if (!running.IsCompleted)
                        command.CancelAsync(forceKill: true, millisecondsTimeout: 500);
                }
                catch (Exception e) when (e is ObjectDisposedException or SshException or InvalidOperationException)
                {
                }
                command.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>An SSH engine refused in words: a bad key, a failed login, or docker missing on the remote host.</summary>
public class EngineSshException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The host key is not the pinned one (or none is pinned yet): nothing is sent until the user confirms it.</summary>
public sealed class SshHostKeyException(string address, string seen, string? pinned) : EngineSshException(pinned is null
    ? $"{address} is not trusted yet: its host key is SHA256:{seen}. Confirm this fingerprint (compare `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on that host) to pin it."
    : $"{address} presented a different host key (SHA256:{seen}) from the one pinned (SHA256:{pinned}): refused. "
      + "If the host was reinstalled, confirm the new key; otherwise someone may be in the middle.")
{
    public string Seen { get; } = seen;
    public string? Pinned { get; } = pinned;
}

internal static class SshWords
{
    public static string KeyProblem(Exception e, string? passphrase) => e switch
    {
        SshPassPhraseNullOrEmptyException => "The private key is encrypted: give its passphrase.",
        _ when !string.IsNullOrEmpty(passphrase) && e.Message.Contains("pass", StringComparison.OrdinalIgnoreCase)
            => "The passphrase does not open the private key: check it.",
        _ when !string.IsNullOrEmpty(passphrase) && e is System.Security.Cryptography.CryptographicException
            => "The passphrase does not open the private key: check it.",
        _ => $"The private key is not one Quayside can read ({e.Message.TrimEnd('.')}). Paste an OpenSSH or PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- ...).",
    };

    public static string DialStdioFailed(string address, int status, string? error)
    {
        var said = (error ?? "").Trim();
        return status == 127 || said.Contains("not found", StringComparison.OrdinalIgnoreCase)
            ? $"{address}: `docker` is not installed on that host, or not on the login user's PATH ({said})."
            : $"{address}: `docker system dial-stdio` failed there with exit code {status}{(said.Length > 0 ? $": {said}" : "")}.";
    }
}
