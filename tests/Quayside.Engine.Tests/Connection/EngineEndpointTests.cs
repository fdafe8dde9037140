using Quayside.Engine.Connection;

namespace Quayside.Engine.Tests.Connection;

public class EngineEndpointTests
{
    [Fact]
    public void Without_DOCKER_HOST_the_default_socket_is_used()
    {
        var endpoint = EngineEndpoint.Parse(null);
        Assert.Equal("unix:///var/run/docker.sock", endpoint.Address);
        Assert.Equal("/var/run/docker.sock", endpoint.SocketPath);
    }

    [Fact]
    public void A_tcp_address_is_used_as_http()
    {
        var endpoint = EngineEndpoint.Parse("tcp://10.1.2.3:2375");
        Assert.False(endpoint.IsUnixSocket);
        Assert.Equal(new Uri("http://10.1.2.3:2375/"), endpoint.BaseUri);
    }

    [Theory]
    [InlineData("npipe:////./pipe/docker_engine", "is not an engine address")]
    [InlineData("unix://relative.sock", "absolute socket path")]
    [InlineData("tcp://hostonly", "tcp://HOST:PORT")]
    public void A_wrong_address_says_what_is_accepted(string address, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EngineEndpoint.Parse(address));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_tcp_endpoint_reaches_a_real_engine_listener()
    {
        // dockerd here listens only on the socket, so expose it on loopback TCP for this test with a tiny relay.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var tcp = await listener.AcceptTcpClientAsync();
                var unix = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await unix.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint("/var/run/docker.sock"));
                var a = tcp.GetStream();
                var b = new System.Net.Sockets.NetworkStream(unix, true);
                _ = a.CopyToAsync(b);
                _ = b.CopyToAsync(a);
            }
        });
        using var client = new EngineClient(EngineEndpoint.Parse($"tcp://127.0.0.1:{port}"));
        var version = await client.GetAsync<Quayside.Engine.Model.EngineVersion>("/version");
        Assert.False(string.IsNullOrEmpty(version.ApiVersion));
    }
}
