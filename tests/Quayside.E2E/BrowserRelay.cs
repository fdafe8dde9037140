using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Quayside.E2E;

/// <summary>
/// Puts the test browser out of reach of the engine's interface changes. Chromium aborts requests and WebSockets with
/// ERR_NETWORK_CHANGED whenever an interface gains or loses an address, and the engine adds one for every network,
/// container and lab engine the other tests create meanwhile. Chromium therefore runs in a network namespace of its own
/// (scripts/browser-netns.sh) and reaches loopback here through this SOCKS5 relay, which only connects to 127.0.0.1.
/// </summary>
public sealed class BrowserRelay : IDisposable
{
    private const string RelayAddress = "10.231.0.1";
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    private BrowserRelay(TcpListener listener)
    {
        _listener = listener;
        _ = AcceptLoopAsync();
    }

    public string ProxyServer => $"socks5://{RelayAddress}:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The browser's executable and proxy, or null where the namespace cannot be made (not root): then the
    /// browser runs beside the engine, as before.</summary>
    public static BrowserRelay? TryStart(string repoRoot, out string executable)
    {
        executable = "/usr/bin/chromium";
        try
        {
            using var setup = Process.Start(new ProcessStartInfo(Path.Combine(repoRoot, "scripts", "browser-netns.sh"))
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            setup.WaitForExit();
            if (setup.ExitCode != 0)
                return null;
            var listener = new TcpListener(IPAddress.Parse(RelayAddress), 0);
            listener.Start();
            executable = Path.Combine(repoRoot, "scripts", "chromium-in-netns.sh");
            return new BrowserRelay(listener);
        }
        catch (Exception e) when (e is SocketException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                var browser = client.GetStream();
                var port = await ReadConnectRequestAsync(browser);
                if (port is null)
                    return;
                using var target = new TcpClient { NoDelay = true };
                try
                {
                    await target.ConnectAsync(IPAddress.Loopback, port.Value, _stop.Token);
                }
                catch (SocketException)
                {
                    await browser.WriteAsync(new byte[] { 5, 5, 0, 1, 0, 0, 0, 0, 0, 0 }); // connection refused
                    return;
                }
                await browser.WriteAsync(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
                var app = target.GetStream();
                var up = PumpAsync(browser, app, target.Client);
                var down = PumpAsync(app, browser, client.Client);
                await Task.WhenAll(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The browser or the app closed the connection.
            }
        }
    }

    /// <summary>Reads the SOCKS5 greeting and CONNECT request; returns the port when the target is loopback.</summary>
    private async Task<int?> ReadConnectRequestAsync(NetworkStream s)
    {
        var head = new byte[2];
        await s.ReadExactlyAsync(head, _stop.Token);
        await s.ReadExactlyAsync(new byte[head[1]], _stop.Token);
        await s.WriteAsync(new byte[] { 5, 0 }, _stop.Token);

        var request = new byte[4];
        await s.ReadExactlyAsync(request, _stop.Token);
        string host;
        switch (request[3])
        {
            case 1:
                var v4 = new byte[4];
                await s.ReadExactlyAsync(v4, _stop.Token);
                host = new IPAddress(v4).ToString();
                break;
            case 3:
                var length = new byte[1];
                await s.ReadExactlyAsync(length, _stop.Token);
                var name = new byte[length[0]];
                await s.ReadExactlyAsync(name, _stop.Token);
                host = System.Text.Encoding.ASCII.GetString(name);
                break;
            default:
                await s.ReadExactlyAsync(new byte[18], _stop.Token);
                host = "";
                break;
        }
        var portBytes = new byte[2];
        await s.ReadExactlyAsync(portBytes, _stop.Token);
        if (request[1] == 1 && host is "127.0.0.1" or "localhost")
            return BinaryPrimitives.ReadUInt16BigEndian(portBytes);
        await s.WriteAsync(new byte[] { 5, 2, 0, 1, 0, 0, 0, 0, 0, 0 }, _stop.Token); // not allowed by ruleset
        return null;
    }

    private async Task PumpAsync(Stream from, Stream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
