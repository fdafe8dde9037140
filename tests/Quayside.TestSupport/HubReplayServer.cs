using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quayside.TestSupport;

/// <summary>
/// A local stand-in for hub.docker.com that answers from recorded JSON files: each route (path and query) maps to
/// a file; anything else is a 404 like the Hub's. Requests are recorded so tests can check what was asked.
/// </summary>
public sealed class HubReplayServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _routes;
    private readonly CancellationTokenSource _stop = new();

    public HubReplayServer(Dictionary<string, string> routes)
    {
        _routes = routes;
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }
    public List<string> Requests { get; } = [];

    /// <summary>The recordings under the test output's HubRecordings folder, by route.</summary>
    public static HubReplayServer FromRecordings() => new(new Dictionary<string, string>
    {
        ["/v2/search/repositories/?query=busybox&page=1&page_size=2"] = "search-busybox-page1.json",
        ["/v2/search/repositories/?query=busybox&page=2&page_size=2"] = "search-busybox-page2.json",
        ["/v2/repositories/library/busybox/tags?page=1&page_size=25"] = "tags-library-busybox.json",
    });

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            var route = ctx.Request.Url!.PathAndQuery;
            lock (Requests)
                Requests.Add(route);
            var body = _routes.TryGetValue(route, out var file)
                ? await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "HubRecordings", file))
                : """{"message":"object not found","errinfo":{}}""";
            ctx.Response.StatusCode = file is null ? 404 : 200;
            ctx.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
