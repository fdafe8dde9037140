using System.Net;
using System.Net.WebSockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quayside.TestSupport;
using Quayside.Web.Auth.Sessions;

namespace Quayside.Web.Tests.Security;

/// <summary>Sessions live on the server: logout, revocation and expiry end them for good, and a stolen cookie with them.</summary>
public class SessionRevocationTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private readonly QuaysideFactory _app;

    public SessionRevocationTests()
    {
        _app = new QuaysideFactory { RemoteAddress = IPAddress.Parse("10.7.7.7") };
        _app.ReplaceServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    [Fact]
    public async Task A_cookie_copied_before_logout_is_refused_after_it()
    {
        var jar = new CookieContainer();
        var client = await _app.CreateLoggedInClientAsync(jar);
        var stolen = SessionCookie(jar);
        Assert.Equal(HttpStatusCode.Redirect, (await LogoutAsync(client, "/auth/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(stolen).GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task A_logout_posted_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        var jar = new CookieContainer();
        var client = await _app.CreateLoggedInClientAsync(jar);
        var forged = await WithCookie(SessionCookie(jar)).PostAsync("/auth/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task Log_out_everywhere_ends_every_session_of_the_user()
    {
        var laptop = await _app.CreateLoggedInClientAsync();
        var phone = await _app.CreateLoggedInClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await LogoutAsync(laptop, "/auth/logout-everywhere")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/containers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/containers")).StatusCode);
        Assert.Empty(SessionRows());
    }

    [Fact]
    public async Task Each_login_is_a_row_with_user_time_address_and_browser_and_logout_deletes_it()
    {
        var client = await _app.CreateLoggedInClientAsync();
        var row = Assert.Single(SessionRows());
        Assert.Equal("admin", row.User);
        Assert.Equal("10.7.7.7", row.Address);
        Assert.False(string.IsNullOrEmpty(row.Created));
        await LogoutAsync(client, "/auth/logout");
        Assert.Empty(SessionRows());
    }

    [Fact]
    public async Task A_session_ends_seven_days_after_login_even_when_used_all_along()
    {
        var client = await _app.CreateLoggedInClientAsync();
        // Used every 11 hours (never idle) for 165 hours: still in; at 169 hours, past the 7 days: out.
        for (var step = 0; step < 15; step++)
        {
            _clock.Advance(TimeSpan.FromHours(11));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);
        }
        _clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_after_twelve_idle_hours()
    {
        var client = await _app.CreateLoggedInClientAsync();
        _clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);
        _clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);
        _clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_session_ends_its_open_console_within_a_minute()
    {
        var name = LabContainers.UniqueName("revoke");
        await LabContainers.RunSleeperAsync(name);
        try
        {
            var cookie = await _app.SessionCookieAsync();
            var ws = _app.WebSocketClient("http://localhost", cookie);
            using var socket = await ws.ConnectAsync(new Uri($"ws://localhost/ws/exec/{name}?cmd=sh"), CancellationToken.None);
            var store = _app.Services.GetRequiredService<SessionStore>();
            var session = Assert.Single(store.For("admin"));
            Assert.True(await store.RevokeAsync(session.Id, "admin", CancellationToken.None));

            using var minute = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var buffer = new byte[4096];
            var ended = false;
            while (!ended)
            {
                try
                {
                    ended = (await socket.ReceiveAsync(buffer, minute.Token)).MessageType == WebSocketMessageType.Close;
                }
                catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException && !minute.IsCancellationRequested)
                {
                    ended = true;
                }
            }
            Assert.False(minute.IsCancellationRequested, "the console was still open a minute after its session was revoked");
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    private static string SessionCookie(CookieContainer jar) =>
        "quayside.session=" + (jar.GetCookies(new Uri("http://localhost"))["quayside.session"]?.Value ?? throw new InvalidOperationException("not logged in"));

    private HttpClient WithCookie(string cookie)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<HttpResponseMessage> LogoutAsync(HttpClient client, string path) =>
        await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await QuaysideFactory.FormTokenAsync(client, "/account/sessions"),
        }));

    private List<(string User, string? Address, string Created)> SessionRows()
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "quayside.db")}");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT UserName, Address, CreatedUtc FROM Sessions";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string?, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
