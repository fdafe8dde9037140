using System.Net;
using System.Net.WebSockets;

namespace Quayside.Web.Tests.Security;

public class SessionAndLoginTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();

    [Theory]
    [InlineData("/api/containers")]
    [InlineData("/api/images")]
    [InlineData("/api/engine/status")]
    [InlineData("/api/antiforgery")]
    [InlineData("/openapi/v1.json")]
    public async Task Api_routes_answer_401_without_a_session(string path)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/containers")]
    [InlineData("/images")]
    public async Task Pages_redirect_to_login_without_a_session(string path)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_blazor_circuit_refuses_a_visitor_without_a_session()
    {
        var response = await _app.CreateBrowserlikeClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_websocket_from_another_origin_is_refused_even_with_a_session()
    {
        var cookie = await _app.SessionCookieAsync();
        var ws = _app.WebSocketClient("http://evil.example", cookie);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri("ws://localhost/_blazor?id=x"), CancellationToken.None));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task A_websocket_without_a_session_is_refused()
    {
        var ws = _app.WebSocketClient("http://localhost", cookie: null);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri("ws://localhost/_blazor?id=x"), CancellationToken.None));
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_returns_to_the_form_with_an_error_and_no_session()
    {
        var client = _app.CreateBrowserlikeClient();
        var response = await QuaysideFactory.PostLoginAsync(client, "admin", "wrong-password-123");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?error=invalid", response.Headers.Location!.ToString());
        Assert.Contains("Wrong user name or password.", await client.GetStringAsync(response.Headers.Location));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_logins_in_a_minute_lock_the_address_out_with_429_even_for_the_right_password()
    {
        var client = _app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await QuaysideFactory.PostLoginAsync(client, "admin", $"wrong-{i}-password")).StatusCode);
        var locked = await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed logins", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_field_is_rejected()
    {
        var client = _app.CreateBrowserlikeClient();
        var response = await client.PostAsync("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin", ["password"] = QuaysideFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task State_changes_through_the_api_need_the_antiforgery_header()
    {
        var client = await _app.CreateLoggedInClientAsync();
        var bare = _app.CreateBrowserlikeClient();
        bare.DefaultRequestHeaders.Add("Cookie", await _app.SessionCookieAsync());
        var response = await bare.PostAsync("/api/containers/prune", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var client = await _app.CreateLoggedInClientAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await QuaysideFactory.FormTokenAsync(client, "/login") });
        var response = await client.PostAsync("/auth/logout", form);
        Assert.Equal("/login", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_session_and_says_nothing_else()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/health");
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
