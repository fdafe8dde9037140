using Quayside.TestSupport;
using System.Net;
using System.Text.RegularExpressions;

namespace Quayside.Web.Tests;

/// <summary>Setup mode reads the token from the console, so these tests do not run beside others that print.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

[Collection(nameof(ConsoleCapture))]
public partial class SetupTests
{
    [Fact]
    public async Task A_fresh_instance_prints_a_one_time_token_and_only_that_token_creates_the_admin()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        await using var app = new QuaysideFactory(adminPassword: null);
        HttpClient client;
        try
        {
            client = app.CreateBrowserlikeClient();
            await client.GetAsync("/health"); // starts the app
        }
        finally
        {
            Console.SetOut(original);
        }
        var token = TokenLine().Match(console.ToString()).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no setup token printed: " + console);
        AppLogAudit.RecordSecret("setup token", token);

        // Nobody can log in yet; the login form sends people to setup.
        Assert.Equal("/setup", PathOf(await client.GetAsync("/login")));

        // Reaching the setup page first is not enough: a wrong token is refused.
        var wrong = await PostSetupAsync(client, "guess", "admin", "long-enough-password");
        Assert.Contains("The setup token is wrong", Uri.UnescapeDataString(wrong.Headers.Location!.ToString()));

        var weak = await PostSetupAsync(client, token, "admin", "short");
        Assert.Contains("at least 12 characters", Uri.UnescapeDataString(weak.Headers.Location!.ToString()));

        var ok = await PostSetupAsync(client, token, "boss", "long-enough-password");
        Assert.Equal("/", ok.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/containers")).StatusCode);

        // The token is spent: a second setup attempt goes to the login page.
        var other = app.CreateBrowserlikeClient();
        Assert.Equal("/login", PathOf(await other.GetAsync("/setup")));
        var login = await QuaysideFactory.PostLoginAsync(other, "boss", "long-enough-password");
        Assert.Equal("/", login.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_admin_password_from_the_environment_creates_admin_and_no_token()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        await using var app = new QuaysideFactory();
        try
        {
            await app.CreateBrowserlikeClient().GetAsync("/health");
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.DoesNotContain("Setup token:", console.ToString());
        Assert.Contains("Created the administrator account 'admin'", console.ToString());
        await app.CreateLoggedInClientAsync();
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string token, string user, string password) =>
        await client.PostAsync("/auth/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["userName"] = user, ["password"] = password, ["confirm"] = password,
            ["__RequestVerificationToken"] = await QuaysideFactory.FormTokenAsync(client, "/setup"),
        }));

    private static string? PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.ToString()) : null;

    [GeneratedRegex(@"Setup token: (\S+)")]
    private static partial Regex TokenLine();
}
