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

    [Fact]
    public async Task Twelve_megabytes_of_wide_lines_and_a_5_MB_line_arrive_in_messages_of_at_most_1_MiB()
    {
        await LogContainers.RunAsync(_name,
            $"for i in $(seq 1 {WideLines}); do head -c {Wide} /dev/zero | tr '\\0' b; echo; done; head -c {Long} /dev/zero | tr '\\0' c; echo; echo after; exec sleep 100000",
            "after");
        var client = _app.CreateBrowserlikeClient();
        var login = await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("quayside.session=")).Split(';')[0];
        var ws = _app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            r.Headers.Origin = "http://localhost";
            r.Headers.Cookie = cookie;
        };
        using var socket = await ws.ConnectAsync(new Uri($"ws://localhost/ws/logs?c={_name}&tail=all"), CancellationToken.None);

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
                break;
            sizes.Add(message.Length);
            var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            var type = json.GetProperty("t").GetString();
            Assert.NotEqual("error", type);
            if (type == "end")
                break;
            if (type == "lines")
                lines.AddRange(json.GetProperty("l").EnumerateArray());
        }

        Assert.All(sizes, size => Assert.InRange(size, 1, LogsSocket.MaxMessageBytes));
        Assert.Equal(WideLines + 2, lines.Count);
        Assert.All(lines.Take(WideLines), l => Assert.Equal(new string('b', Wide), l[3].GetString()));
        var cut = lines[WideLines];
        Assert.Equal(new string('c', LogLineSplitter.MaxLineBytes), cut[3].GetString());
        Assert.Equal(Long - LogLineSplitter.MaxLineBytes, cut[4].GetInt64());
        Assert.Equal("after", lines[^1][3].GetString());
        Assert.Equal(4, lines[^1].GetArrayLength());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await _app.DisposeAsync();
    }
}
