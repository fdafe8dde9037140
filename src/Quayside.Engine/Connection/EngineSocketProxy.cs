using System.Net.Sockets;

namespace Quayside.Engine.Connection;

/// <summary>
/// A unix socket, private to Quayside's user, that forwards each connection to an engine over its own transport
/// (TLS with its stored certificates, SSH with its pinned host key). Programs that speak to an engine themselves,
/// such as the compose CLI, reach any host through it with <c>DOCKER_HOST=unix://...</c> and no secret on disk.
/// </summary>
public sealed class EngineSocketProxy : IAsyncDisposable
{
    private readonly EngineDialer _dialer;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _folder;

    public EngineSocketProxy(EngineDialer dialer)
    {
        _dialer = dialer;
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
        DialedStream remote;
        try
        {
            remote = await _dialer.DialAsync(_stop.Token);
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
                    await local.CopyToAsync(remote.Stream, _stop.Token);
                    await remote.CloseWriteAsync();
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
                {
                }
            });
            try
            {
                await remote.Stream.CopyToAsync(local, _stop.Token);
                client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
            await up.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
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
