using System.Net;
using Quayside.Web.Hosting;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// DNS rebinding: a page on attacker.example rebinds its name to 127.0.0.1, so the admin's browser sends the dashboard
/// requests (with Host: attacker.example) that the same-origin policy lets the page read. Only configured names are served.
/// </summary>
public class DnsRebindingTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new() { Settings = { ["QUAYSIDE_ALLOWED_HOSTS"] = "dash.example.com, *.lan.example" } };

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/containers")]
    [InlineData("/health")]
    public async Task A_request_for_a_rebound_host_name_is_refused_with_a_sentence_naming_the_setting(string path)
    {
        var client = await _app.CreateLoggedInClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = "attacker.example" } };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("'attacker.example'", text);
        Assert.Contains("QUAYSIDE_ALLOWED_HOSTS", text);
        Assert.DoesNotContain("\"Id\"", text);
    }

    [Fact]
    public async Task A_rebound_page_cannot_open_a_websocket_whose_Origin_matches_its_own_Host()
    {
        // Before the host check, Origin http://attacker.example matched Host attacker.example and the upgrade went through.
        var cookie = await _app.SessionCookieAsync();
        var ws = _app.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            r.Headers.Origin = "http://attacker.example";
            r.Headers.Cookie = cookie;
            r.Host = new Microsoft.AspNetCore.Http.HostString("attacker.example");
        };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri("ws://attacker.example/ws/logs?c=x"), CancellationToken.None));
        Assert.Contains("400", error.Message);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("dash.example.com")]
    [InlineData("DASH.example.com")]
    [InlineData("box.lan.example")]
    public async Task Loopback_names_addresses_and_the_configured_names_are_served(string host)
    {
        var client = await _app.CreateLoggedInClientAsync();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/containers") { Headers = { Host = host } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_hosts_of_the_listening_addresses_are_allowed_but_wildcards_name_nothing()
    {
        var names = HostGuard.AllowedNames("https://quayside.internal:8443;http://0.0.0.0:8000;http://[::]:9000;http://*:7000", "extra.example");
        Assert.Equal(["localhost", "quayside.internal", "extra.example"], names);
        Assert.False(HostGuard.IsAllowed("lan.example", ["*.lan.example"]));
        Assert.False(HostGuard.IsAllowed("evil-lan.example", ["*.lan.example"]));
        Assert.Throws<InvalidOperationException>(() => HostGuard.AllowedNames("http://127.0.0.1:8000", "*"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
