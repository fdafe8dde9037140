using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.TestHost;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// Cross-site WebSocket hijacking (Dozzle CVE-2026-44985: a page elsewhere opened a shell with the victim's cookie) and
/// unauthenticated WebSockets (Portainer #1979). Every live route refuses an upgrade that is not from the dashboard's
/// own scheme, host and port, or that has no session.
/// </summary>
public class WebSocketOriginTests : IAsyncLifetime
{
    // A real running container: the attack, when it works, opens a shell in it.
    private static readonly string Target = LabContainers.UniqueName("cswsh");
    private readonly QuaysideFactory _app = new();
    private string _cookie = "";

    public static TheoryData<string> LiveRoutes => new() { $"/ws/logs?c={Target}", $"/ws/exec/{Target}?cmd=sh", $"/ws/exec/{Target}/attach", "/_blazor?id=x" };

    [Theory]
    [MemberData(nameof(LiveRoutes))]
    public async Task An_upgrade_with_the_session_cookie_but_no_Origin_is_refused(string route)
    {
        var error = await ConnectAsync(route, origin: null, cookie: _cookie);
        Assert.Contains("403", error);
    }

    [Theory]
    [InlineData("/ws/exec/{0}?cmd=sh", "http://evil.example")]
    [InlineData("/ws/exec/{0}?cmd=sh", "http://localhost:9999")]
    [InlineData("/ws/exec/{0}?cmd=sh", "https://localhost")]
    [InlineData("/ws/logs?c={0}", "null")]
    [InlineData("/_blazor?id=x", "http://localhost.evil.example")]
    public async Task An_upgrade_from_another_origin_is_refused(string route, string origin)
    {
        var error = await ConnectAsync(string.Format(route, Target), origin, _cookie);
        Assert.Contains("403", error);
    }

    [Theory]
    [MemberData(nameof(LiveRoutes))]
    public async Task An_upgrade_without_a_session_is_refused_even_from_the_right_origin(string route)
    {
        var error = await ConnectAsync(route, "http://localhost", cookie: null);
        Assert.Contains("401", error);
    }

    [Fact]
    public async Task The_dashboards_own_origin_still_opens_the_shell()
    {
        using var socket = await _app.WebSocketClient("http://localhost", _cookie).ConnectAsync(new Uri($"ws://localhost/ws/exec/{Target}?cmd=sh"), CancellationToken.None);
        await socket.SendAsync("echo own-$((6*7))\n"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Contains("own-42", await ReceiveUntilAsync(socket, "own-42"));
    }

    private async Task<string> ConnectAsync(string route, string? origin, string? cookie)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _app.WebSocketClient(origin, cookie).ConnectAsync(new Uri("ws://localhost" + route), CancellationToken.None));
        return error.Message;
    }

    private static async Task<string> ReceiveUntilAsync(WebSocket socket, string expected)
    {
        var seen = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        while (!seen.ToString().Contains(expected) && !timeout.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            seen.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        return seen.ToString();
    }

    public async Task InitializeAsync()
    {
        await LabContainers.RunSleeperAsync(Target);
        _cookie = await _app.SessionCookieAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await LabContainers.RemoveAsync(Target);
    }
}
