namespace Quayside.Web.Tests;

/// <summary>What holds for the whole API: every feature's routes and pages want a session, and the OpenAPI document.</summary>
public class ApiTests : LoggedInTest
{
    [Theory]
    [InlineData("/api/volumes")]
    [InlineData("/api/networks")]
    [InlineData("/api/system/info")]
    [InlineData("/api/system/df")]
    [InlineData("/api/events/recent")]
    public async Task The_api_routes_answer_401_without_a_session(string path)
    {
        var response = await App.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/volumes")]
    [InlineData("/networks")]
    [InlineData("/system/disk-usage")]
    [InlineData("/events")]
    [InlineData("/system/versions")]
    [InlineData("/pulls")]
    [InlineData("/build")]
    [InlineData("/image-archives")]
    public async Task The_pages_redirect_to_login_without_a_session(string path)
    {
        var response = await App.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/containers", out _));
        Assert.True(paths.TryGetProperty("/api/images", out _));
        Assert.True(paths.TryGetProperty("/api/containers/{action}", out _));
    }
}
