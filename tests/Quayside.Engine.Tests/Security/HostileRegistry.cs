using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quayside.Engine.Tests.Security;

/// <summary>
/// A registry on loopback that answers as a test scripts it, to play a hostile registry (or the host it points at).
/// Every request is recorded with its Authorization header.
/// </summary>
public sealed class HostileRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;

    public HostileRegistry(Func<HttpListenerContext, Task>? answer = null)
    {
        _answer = answer ?? (ctx => JsonAsync(ctx, 404, """{"errors":[{"code":"NAME_UNKNOWN"}]}"""));
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }
    public List<(string Path, string? Authorization)> Requests { get; } = [];

    public int Count
    {
        get { lock (Requests) return Requests.Count; }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }
            lock (Requests)
                Requests.Add((ctx.Request.Url!.PathAndQuery, ctx.Request.Headers["Authorization"]));
            _ = Task.Run(async () =>
            {
                try
                {
                    await _answer(ctx);
                }
                catch (Exception)
                {
                    // The client went away (as it should from an endless answer).
                }
            });
        }
    }

    public static async Task JsonAsync(HttpListenerContext ctx, int status, string body, params (string Name, string Value)[] headers)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
            ctx.Response.AddHeader(name, value);
        var bytes = Encoding.UTF8.GetBytes(body);
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    }

    /// <summary>Sends <paramref name="start"/> then spaces until the client hangs up or <paramref name="limit"/> bytes; returns the bytes sent.</summary>
    public static async Task<long> EndlessAsync(HttpListenerContext ctx, string start, long limit = 512L * 1024 * 1024)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.SendChunked = true;
        var head = Encoding.UTF8.GetBytes(start);
        await ctx.Response.OutputStream.WriteAsync(head);
        long sent = head.Length;
        var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        try
        {
            while (sent < limit)
            {
                await ctx.Response.OutputStream.WriteAsync(chunk);
                sent += chunk.Length;
            }
            ctx.Response.Close();
        }
        catch (Exception)
        {
            ctx.Response.Abort();
        }
        return sent;
    }

    public void Dispose() => _listener.Close();
}
