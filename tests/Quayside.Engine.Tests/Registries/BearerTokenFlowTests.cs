using System.Net;
using System.Text;
using Quayside.Engine.Registries;

namespace Quayside.Engine.Tests.Registries;

/// <summary>
/// The Bearer token flow (as Docker Hub and most hosted registries use it): the lab's docker-registry only does Basic,
/// so a small local server plays registry and token service.
/// </summary>
public sealed class BearerTokenFlowTests : IDisposable
{
    private readonly HttpListener _server = new();
    private readonly Uri _base;
    private readonly List<string> _log = [];

    public BearerTokenFlowTests()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _base = new Uri($"http://127.0.0.1:{port}/");
        _server.Prefixes.Add(_base.ToString());
        _server.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _server.GetContextAsync(); } catch (Exception) { return; }
            var path = ctx.Request.Url!.PathAndQuery;
            var authz = ctx.Request.Headers["Authorization"] ?? "";
            lock (_log) _log.Add($"{path} {authz}");
            string body;
            if (path.StartsWith("/token", StringComparison.Ordinal))
            {
                var ok = authz == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
                ctx.Response.StatusCode = ok ? 200 : 401;
                body = ok ? """{"token":"tok-123","expires_in":300}""" : """{"details":"incorrect username or password"}""";
            }
            else if (authz != "Bearer tok-123")
            {
                ctx.Response.StatusCode = 401;
                ctx.Response.AddHeader("WWW-Authenticate", $"""Bearer realm="{_base}token",service="test-registry",scope="repository:team/app:pull" """);
                body = """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""";
            }
            else
                body = """{"name":"team/app","tags":["2.0","1.10","1.9"]}""";
            var bytes = Encoding.UTF8.GetBytes(body);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    [Fact]
    public async Task Gets_a_token_with_the_credentials_and_retries_with_it()
    {
        using var http = new HttpClient();
        var tags = await new RegistryClient(http, _base, new RegistryAuth(_base.Authority, "alice", "s3cret")).TagsAsync("team/app", CancellationToken.None);
        Assert.Equal(["1.9", "1.10", "2.0"], tags);
        Assert.Contains(_log, l => l.StartsWith("/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull Basic ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_by_the_token_service_in_words()
    {
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<RegistryException>(() => new RegistryClient(http, _base, new RegistryAuth(_base.Authority, "alice", "bad")).TagsAsync("team/app", CancellationToken.None));
        Assert.Contains("token service", e.Message);
        Assert.Contains("refused the credentials for alice", e.Message);
    }

    public void Dispose() => _server.Close();
}
