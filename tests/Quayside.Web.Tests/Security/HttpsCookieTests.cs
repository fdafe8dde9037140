using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// Cookies are not isolated by port: over plain HTTP another service on the same host name could read Quayside's
/// cookie. Over HTTPS the session and antiforgery cookies are Secure and __Host- prefixed (this host, path /, HTTPS only),
/// and HSTS keeps the browser on HTTPS.
/// </summary>
public class HttpsCookieTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new()
    {
        Settings = { ["QUAYSIDE_URLS"] = "https://127.0.0.1:8443", ["QUAYSIDE_TLS"] = "self-signed" },
    };

    [Fact]
    public async Task Over_https_the_session_cookie_is_Secure_with_the_Host_prefix_and_HSTS_is_sent()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var login = await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        Assert.Equal("/", login.Headers.Location?.ToString());
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.Contains("quayside.session="));
        Assert.StartsWith("__Host-quayside.session=", session);
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);

        var stranger = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        var page = await stranger.GetAsync("/login");
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-quayside.antiforgery=") && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
