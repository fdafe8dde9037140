using System.Net.WebSockets;
using System.Text.Json;
using Quayside.Engine.Logs;
using Quayside.TestSupport;
using Quayside.Web.Logs;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// Issue 13, item 8: the viewer's stream sent a batch of lines as one message whatever its size (a 200 MB line was one
/// 200 MB message). Long lines are cut at 64 KiB and no message is larger than <see cref="LogsSocket.MaxMessageBytes"/>.
/// </summary>
public sealed class LogsMessageSizeTests : IAsyncLifetime
{
    private const int WideLines = 300;
    private const int Wide = 40_000;
    private const long Long = 5_000_000;
    private readonly QuaysideFactory _app = new();
    private readonly string _name = LabContainers.UniqueName("wslong");
    private readonly string _other = LabContainers.UniqueName("wslong-other");

    private async Task<(List<long> Sizes, List<JsonElement> Lines)> ReadAsync(string query)
    {
        var client = _app.CreateBrowserlikeClient();
        var login = await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("quayside.session=")).Split(';')[0];
        var ws = _app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            r.Headers.Origin = "http://localhost";
            r.Headers.Cookie = cookie;
        };
        using var socket = await ws.ConnectAsync(new Uri($"ws://localhost/ws/logs?{query}"), CancellationToken.None);

        var sizes = new List<long>();
        var lines = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
                return (sizes, lines);
            sizes.Add(message.Length);
            var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            var type = json.GetProperty("t").GetString();
            Assert.NotEqual("error", type);
            if (type == "end")
                return (sizes, lines);
            if (type == "lines")
                lines.AddRange(json.GetProperty("l").EnumerateArray());
        }
    }

    private Task RunWideAndLongAsync() => LogContainers.RunAsync(_name,
        $"for i in $(seq 1 {WideLines}); do head -c {Wide} /dev/zero | tr '\\0' b; echo; done; head -c {Long} /dev/zero | tr '\\0' c; echo; echo after; exec sleep 100000",
        "after");

    [Fact]
    public async Task Twelve_megabytes_of_wide_lines_and_a_5_MB_line_arrive_in_messages_of_at_most_1_MiB()
    {
        await RunWideAndLongAsync();
        var (sizes, lines) = await ReadAsync($"c={_name}&tail=all");

        Assert.All(sizes, size => Assert.InRange(size, 1, LogsSocket.MaxMessageBytes));
        Assert.Equal(WideLines + 2, lines.Count);
        Assert.All(lines.Take(WideLines), l => Assert.Equal(new string('b', Wide), l[3].GetString()));
        var cut = lines[WideLines];
        Assert.Equal(new string('c', LogLineSplitter.MaxLineBytes), cut[3].GetString());
        Assert.Equal(Long - LogLineSplitter.MaxLineBytes, cut[4].GetInt64());
        Assert.Equal("after", lines[^1][3].GetString());
        Assert.Equal(4, lines[^1].GetArrayLength());
    }

    [Fact]
    public async Task The_merged_view_with_a_5_MB_line_cuts_it_too_and_keeps_the_other_containers_lines_in_time_order()
    {
        await RunWideAndLongAsync();
        await LogContainers.RunAsync(_other, "echo other-1; exec sleep 100000", "other-1");
        var (sizes, lines) = await ReadAsync($"c={_name}&c={_other}&tail=all&timestamps=1");

        Assert.All(sizes, size => Assert.InRange(size, 1, LogsSocket.MaxMessageBytes));
        Assert.Equal(WideLines + 3, lines.Count);
        Assert.Equal(Long - LogLineSplitter.MaxLineBytes, lines[WideLines][4].GetInt64());
        Assert.Equal(("after", 0), (lines[WideLines + 1][3].GetString(), lines[WideLines + 1][0].GetInt32()));
        Assert.Equal(("other-1", 1), (lines[^1][3].GetString(), lines[^1][0].GetInt32()));
        var stamps = lines.Select(l => l[2].GetString()!).ToList();
        Assert.Equal(stamps.Order(StringComparer.Ordinal), stamps);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name, _other);
        await _app.DisposeAsync();
    }
}
