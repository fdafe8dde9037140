using System.Net.Sockets;

namespace Quayside.TestSupport;

/// <summary>
/// A socket that forwards to the real engine's socket and can be taken away and brought back,
/// to show what Quayside does when the engine disappears and returns, without stopping the real dockerd.
/// </summary>
public sealed class UnixSocketForwarder : IAsyncDisposable
{
    private readonly string _target;
    private Socket? _listener;
    private CancellationTokenSource? _cts;
    private readonly List<Socket> _open = [];

    public UnixSocketForwarder(string target = "/var/run/docker.sock")
    {
        _target = target;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"qt-engine-{Guid.NewGuid():N}.sock");
    }

    public string Path { get; }

    public void Start()
    {
        File.Delete(Path);
        _cts = new CancellationTokenSource();
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(64);
        _ = AcceptLoopAsync(_listener, _cts.Token);
    }

    /// <summary>Closes the listener and every forwarded connection, and deletes the socket file.</summary>
    public void Stop()
    {
        _cts?.Cancel();
        _listener?.Dispose();
        _listener = null;
        lock (_open)
        {
            foreach (var s in _open)
                s.Dispose();
            _open.Clear();
        }
        File.Delete(Path);
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(ct);
                var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_target), ct);
                lock (_open)
                {
                    _open.Add(client);
                    _open.Add(upstream);
                }
                _ = PumpAsync(client, upstream, ct);
                _ = PumpAsync(upstream, client, ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
