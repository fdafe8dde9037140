using System.Net;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// Default credentials (Arcane #212 shipped one): a fresh instance has no account at all until the administrator makes
/// one with the console's setup token, so no well-known name and password logs in.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public class DefaultCredentialsTests
{
    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("admin", "password")]
    [InlineData("admin", "adminadmin")]
    [InlineData("admin", "arcane-admin")]
    [InlineData("admin", "")]
    [InlineData("root", "root")]
    [InlineData("quayside", "quayside")]
    public async Task A_fresh_instance_accepts_no_well_known_login(string user, string password)
    {
        await using var app = new QuaysideFactory(adminPassword: null);
        var client = app.CreateBrowserlikeClient();
        Assert.EndsWith("/setup", (await client.GetAsync("/login")).Headers.Location?.ToString());
        var login = await client.PostAsync("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = await QuaysideFactory.FormTokenAsync(client, "/setup"),
        }));
        Assert.NotEqual("/", login.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/containers")).StatusCode);
    }

    [Fact]
    public async Task The_first_admin_cannot_be_made_without_the_setup_token()
    {
        await using var app = new QuaysideFactory(adminPassword: null);
        var client = app.CreateBrowserlikeClient();
        var response = await client.PostAsync("/auth/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "", ["userName"] = "intruder", ["password"] = "intruder-password-1", ["confirm"] = "intruder-password-1",
            ["__RequestVerificationToken"] = await QuaysideFactory.FormTokenAsync(client, "/setup"),
        }));
        Assert.Contains("setup token is wrong", Uri.UnescapeDataString(response.Headers.Location!.ToString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/containers")).StatusCode);
    }
}
