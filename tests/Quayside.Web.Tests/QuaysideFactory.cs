using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("QUAYSIDE_DATA", DataDirectory);
        builder.UseSetting("QUAYSIDE_ADMIN_PASSWORD", adminPassword ?? "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }

    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

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
    public async Task<HttpClient> CreateLoggedInClientAsync()
    {
        var client = CreateBrowserlikeClient();
        var login = await PostLoginAsync(client, "admin", Password);
        if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location?.ToString() != "/")
            throw new InvalidOperationException($"login failed: {(int)login.StatusCode} {login.Headers.Location}");
        var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/antiforgery");
        client.DefaultRequestHeaders.Add(token!.HeaderName, token.Token);
        return client;
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
