using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quayside.TestSupport;

namespace Quayside.Web.Tests;

/// <summary>
/// The real app in memory, on the real engine, with its own data folder; with an admin password or in setup mode, and
/// any further settings (QUAYSIDE_* names) the test wants.
/// </summary>
public sealed partial class QuaysideFactory(string? adminPassword = QuaysideFactory.Password, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery-staple";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "qt-web-" + Guid.NewGuid().ToString("N"));

    /// <summary>More QUAYSIDE_* settings for this app (from the constructor, or added before the first request).</summary>
    public Dictionary<string, string> Settings { get; } = settings is null ? [] : new(settings);

    /// <summary>The peer address every request seems to come from (the test server has none of its own).</summary>
    public IPAddress? RemoteAddress { get; set; }

    /// <summary>Services to replace (a fake clock, say) before the app starts.</summary>
    public Action<IServiceCollection>? ReplaceServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        AppLogAudit.RecordSecret("admin password", adminPassword ?? "");
        builder.UseSetting("QUAYSIDE_DATA", DataDirectory);
        builder.UseSetting("QUAYSIDE_ADMIN_PASSWORD", adminPassword ?? "");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new AppLogCapture()).AddFilter<AppLogCapture>(null, LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            if (RemoteAddress is { } address)
                services.AddSingleton<IStartupFilter>(new PeerAddress(address));
        });
        if (ReplaceServices is { } replace)
            builder.ConfigureTestServices(replace);
    }

    private sealed class PeerAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A client that keeps cookies (in <paramref name="jar"/> when given, to read them) and does not follow redirects.</summary>
    public HttpClient CreateBrowserlikeClient(CookieContainer? jar = null) => CreateDefaultClient(new CookieContainerHandler(jar ?? new CookieContainer()));

    /// <summary>Fetches a form page and returns its antiforgery field, as a browser submitting it would send.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return FormTokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery field on {page}");
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password) =>
        await client.PostAsync("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = await FormTokenAsync(client, "/login"),
        }));

    /// <summary>A logged-in client whose requests carry the antiforgery header the API wants on state changes.</summary>
    public async Task<HttpClient> CreateLoggedInClientAsync(CookieContainer? jar = null)
    {
        var client = CreateBrowserlikeClient(jar);
        var login = await PostLoginAsync(client, "admin", Password);
        if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location?.ToString() != "/")
            throw new InvalidOperationException($"login failed: {(int)login.StatusCode} {login.Headers.Location}");
        var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/antiforgery");
        client.DefaultRequestHeaders.Add(token!.HeaderName, token.Token);
        return client;
    }

    /// <summary>Logs in as admin and returns the session cookie as a Cookie header value.</summary>
    public async Task<string> SessionCookieAsync()
    {
        var login = await PostLoginAsync(CreateBrowserlikeClient(), "admin", Password);
        var setCookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("quayside.session=") || c.StartsWith("__Host-quayside.session="));
        return setCookie.Split(';')[0];
    }

    /// <summary>A WebSocket client whose upgrade carries this Origin and Cookie header (either may be left out).</summary>
    public WebSocketClient WebSocketClient(string? origin, string? cookie)
    {
        var ws = Server.CreateWebSocketClient();
        ws.ConfigureRequest = r =>
        {
            if (origin is not null)
                r.Headers.Origin = origin;
            if (cookie is not null)
                r.Headers.Cookie = cookie;
        };
        return ws;
    }

    private sealed record AntiforgeryToken(string HeaderName, string Token);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
