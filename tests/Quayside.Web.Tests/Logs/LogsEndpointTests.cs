using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Logs;

/// <summary>The viewer's stream (/ws/logs) and the download (/api/logs/download) on the real engine.</summary>
public sealed class LogsEndpointTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly List<string> _made = [];

    private string Name(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        return name;
    }

    private async Task<WebSocket> ConnectAsync(string query, string? cookie, string origin = "http://localhost")
    {
        var ws = _app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            r.Headers.Origin = origin;
            if (cookie is not null)
                r.Headers.Cookie = cookie;
        };
        return await ws.ConnectAsync(new Uri("ws://localhost/ws/logs?" + query), CancellationToken.None);
    }

    /// <summary>Reads messages until the stream ends or fails (for a log read without follow).</summary>
    private static async Task<List<JsonElement>> ReadAllAsync(WebSocket ws)
    {
        var messages = new List<JsonElement>();
        var buffer = new byte[1 << 20];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await ws.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
                return messages;
            var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            messages.Add(json);
            if (json.GetProperty("t").GetString() is "end" or "error")
                return messages;
        }
    }

    private static List<(string Text, bool Stderr, int Source)> Lines(IEnumerable<JsonElement> messages) =>
        [.. messages.Where(m => m.GetProperty("t").GetString() == "lines")
            .SelectMany(m => m.GetProperty("l").EnumerateArray())
            .Select(l => (l[3].GetString()!, l[1].GetInt32() == 1, l[0].GetInt32()))];

    [Fact]
    public async Task The_stream_sends_the_containers_name_its_cli_line_then_stdout_and_stderr_lines_marked()
    {
        var name = Name("wslogs");
        await LogContainers.RunStdoutStderrAsync(name);
        using var ws = await ConnectAsync($"c={name}&tail=all&timestamps=1", await _app.SessionCookieAsync());
        var messages = await ReadAllAsync(ws);

        var meta = messages[0];
        Assert.Equal("meta", meta.GetProperty("t").GetString());
        Assert.Equal(name, meta.GetProperty("containers")[0].GetProperty("name").GetString());
        Assert.Equal($"docker logs --timestamps {name}", meta.GetProperty("cli").GetString());
        var lines = Lines(messages);
        Assert.Equal(["out-1", "out-2", "out-3"], lines.Where(l => !l.Stderr).Select(l => l.Text));
        Assert.Equal(["err-1", "err-2", "err-3"], lines.Where(l => l.Stderr).Select(l => l.Text));
        Assert.Equal("end", messages[^1].GetProperty("t").GetString());
    }

    [Fact]
    public async Task The_merged_stream_interleaves_two_containers_by_time_tagged_by_source()
    {
        var a = Name("wsmerge-a");
        var b = Name("wsmerge-b");
        await LogContainers.RunAsync(a, "echo first-a; sleep 0.4; echo third-a; exec sleep 100000", "third-a");
        await LogContainers.RunAsync(b, "echo second-b; exec sleep 100000", "second-b");
        using var ws = await ConnectAsync($"c={a}&c={b}&tail=all", await _app.SessionCookieAsync());
        var lines = Lines(await ReadAllAsync(ws));
        Assert.Equal([("first-a", 0), ("third-a", 0), ("second-b", 1)], lines.Select(l => (l.Text, l.Source)));
    }

    [Fact]
    public async Task Wrong_options_and_a_missing_container_are_explained_on_the_stream()
    {
        var cookie = await _app.SessionCookieAsync();
        using (var ws = await ConnectAsync("c=x&tail=lots&since=5q", cookie))
        {
            var error = Assert.Single(await ReadAllAsync(ws));
            Assert.Equal("error", error.GetProperty("t").GetString());
            Assert.Contains("Tail 'lots' is not a number of lines", error.GetProperty("message").GetString());
            Assert.Contains("Since '5q' has an unknown unit", error.GetProperty("message").GetString());
        }
        using (var ws = await ConnectAsync("c=qt-no-such-container-xyz", cookie))
        {
            var error = Assert.Single(await ReadAllAsync(ws));
            Assert.Equal("There is no container 'qt-no-such-container-xyz'. It may have been removed already.", error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task The_stream_refuses_a_visitor_without_a_session_with_401()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("c=x", cookie: null));
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task The_stream_refuses_another_sites_origin_with_403_even_with_a_session()
    {
        var cookie = await _app.SessionCookieAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("c=x", cookie, origin: "http://evil.example"));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task The_download_is_the_text_docker_logs_prints_and_needs_a_session()
    {
        var name = Name("dllogs");
        await LogContainers.RunAsync(name, "seq 1 2000; exec sleep 100000", "2000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateBrowserlikeClient().GetAsync($"/api/logs/download?c={name}")).StatusCode);

        var client = await _app.CreateLoggedInClientAsync();
        var response = await client.GetAsync($"/api/logs/download?c={name}&tail=all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"attachment; filename=\"{name}-logs.txt\"", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(string.Join("\n", Enumerable.Range(1, 2000)) + "\n", text);
        Assert.Equal((await DockerCommand.RunAsync("logs", name)).Stdout, text);

        Assert.Equal("1999\n2000\n", await client.GetStringAsync($"/api/logs/download?c={name}&tail=2"));
    }

    [Fact]
    public async Task A_download_with_a_wrong_tail_answers_400_saying_what_is_accepted()
    {
        var client = await _app.CreateLoggedInClientAsync();
        var response = await client.GetAsync("/api/logs/download?c=x&tail=-3");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Tail '-3' is not a number of lines: use a whole number like 500 (0 or more), or 'all'.", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        await _app.DisposeAsync();
    }
}
