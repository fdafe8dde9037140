using System.Net.WebSockets;
using System.Text;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Consoles;

/// <summary>The console's WebSocket (/ws/exec/...): login and same-origin are required, and a permitted one reaches the shell.</summary>
public sealed class ConsoleSocketTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly string _container = LabContainers.UniqueName("console-ws");

    [Fact]
    public async Task Without_a_session_the_console_socket_is_refused_with_401()
    {
        var ws = _app.WebSocketClient("http://localhost", cookie: null);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(Address("/bin/sh"), CancellationToken.None));
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task From_another_origin_the_console_socket_is_refused_with_403_even_with_a_session()
    {
        var cookie = await _app.SessionCookieAsync();
        var ws = _app.WebSocketClient("http://evil.example", cookie);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(Address("/bin/sh"), CancellationToken.None));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task With_a_session_and_the_same_origin_the_socket_runs_the_command_and_reports_its_exit()
    {
        var cookie = await _app.SessionCookieAsync();
        var client = _app.WebSocketClient("http://localhost", cookie);
        using var ws = await client.ConnectAsync(Address("/bin/sh"), CancellationToken.None);
        await ws.SendAsync("echo sock''et; exit 5\n"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        var output = new StringBuilder();
        string? end = null;
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (end is null)
        {
            var frame = await ws.ReceiveAsync(buffer, timeout.Token);
            if (frame.MessageType == WebSocketMessageType.Close)
                break;
            var text = Encoding.UTF8.GetString(buffer, 0, frame.Count);
            if (frame.MessageType == WebSocketMessageType.Binary)
                output.Append(text);
            else if (text.Contains("\"end\""))
                end = text;
        }
        Assert.Contains("socket\r\n", output.ToString());
        Assert.NotNull(end);
        Assert.Contains("\"exitCode\":5", end);
        Assert.Contains("/bin/sh exited with code 5.", end);
    }

    [Fact]
    public async Task When_the_browser_closes_the_console_its_close_is_answered_and_the_shell_ended()
    {
        var cookie = await _app.SessionCookieAsync();
        using var ws = await _app.WebSocketClient("http://localhost", cookie).ConnectAsync(Address("/bin/sh"), CancellationToken.None);
        await ws.SendAsync("echo al''ive\n"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        var output = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!output.ToString().Contains("alive\r\n"))
        {
            var frame = await ws.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, frame.MessageType);
            if (frame.MessageType == WebSocketMessageType.Binary)
                output.Append(Encoding.UTF8.GetString(buffer, 0, frame.Count));
        }

        var refused = await Record.ExceptionAsync(() => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token));
        Assert.True(refused is null, $"the console did not answer the browser's close: {refused?.Message}");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, ws.CloseStatus);
        Assert.True(await EngineWait.UntilAsync(async () => !(await DockerCommand.OkAsync("top", _container, "-o", "pid,args")).Contains("/bin/sh"), TimeSpan.FromSeconds(20)),
            "the console's shell still runs after the browser closed it");
    }

    [Fact]
    public async Task A_bad_request_is_answered_in_words_on_the_socket()
    {
        var cookie = await _app.SessionCookieAsync();
        var client = _app.WebSocketClient("http://localhost", cookie);
        using var ws = await client.ConnectAsync(new Uri($"ws://localhost/ws/exec/{_container}?cmd=%2Fbin%2Fsh&workdir=relative"), CancellationToken.None);
        var buffer = new byte[8192];
        var frame = await ws.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        var text = Encoding.UTF8.GetString(buffer, 0, frame.Count);
        Assert.Contains("\"error\"", text);
        Assert.Contains("is not an absolute path", text);
    }

    private Uri Address(string command) => new($"ws://localhost/ws/exec/{_container}?cmd={Uri.EscapeDataString(command)}");

    public Task InitializeAsync() => LabContainers.RunSleeperAsync(_container);

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_container);
        await _app.DisposeAsync();
    }
}
