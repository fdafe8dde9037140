using System.Net.Sockets;

namespace Quayside.Engine.Connection;

/// <summary>
/// A unix socket, private to Quayside's user, that forwards each connection to an engine over its own transport
/// (TLS with its stored certificates, SSH with its pinned host key). Programs that speak to an engine themselves,
/// such as the compose CLI, reach any host through it with <c>DOCKER_HOST=unix://...</c> and no secret on disk.
/// </summary>
public sealed class EngineSocketProxy : IAsyncDisposable
{
    private readonly EngineDialer? _dialer;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _folder;

    private readonly EngineEndpoint _endpoint;

    /// <summary>
    /// For SSH each forwarded connection gets an SSH connection of its own, as the docker CLI runs one ssh per dial: a
    /// program such as compose keeps a pool of idle connections, and on one shared SSH connection they would hold its
    /// channels (ten at most) until the next request waited forever.
    /// </summary>
    public EngineSocketProxy(EngineEndpoint endpoint)
    {
        _endpoint = endpoint;
        _dialer = endpoint.Transport == EngineTransport.Ssh ? null : EngineDialer.For(endpoint);
        _folder = Directory.CreateTempSubdirectory("quayside-engine-").FullName;
        Stacks.PrivateFiles.CloseFolder(_folder);
        SocketPath = Path.Combine(_folder, "docker.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(32);
        _ = AcceptAsync();
    }

    public string SocketPath { get; }

    public string DockerHost => "unix://" + SocketPath;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var _ = client;
        await using var local = new NetworkStream(client, ownsSocket: false);
        using var own = _dialer is null ? EngineDialer.For(_endpoint) : null;
        DialedStream remote;
        try
        {
            remote = await (_dialer ?? own!).DialAsync(_stop.Token);
        }
        catch (Exception)
        {
            return; // the program sees its connection closed and says the engine cannot be reached
        }
        await using (remote.Stream)
        {
            var up = Task.Run(async () =>
            {
                try
                {
                    await PumpAsync(local, remote.Stream, _stop.Token);
                    await remote.CloseWriteAsync();
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
                {
                }
            });
            try
            {
                await PumpAsync(remote.Stream, local, _stop.Token);
                client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
            await up.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        }
    }

    /// <summary>Copies and flushes each chunk: an SSH channel's input holds written bytes until flushed, and the engine would wait for a request forever.</summary>
    private static async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            await to.FlushAsync(ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        _dialer?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
