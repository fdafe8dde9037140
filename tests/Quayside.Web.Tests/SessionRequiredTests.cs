using System.Net;

namespace Quayside.Web.Tests;

/// <summary>Every feature's API routes and pages want a session: a browser without one gets 401 or the login page.</summary>
public class SessionRequiredTests : LoggedInTest
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
    [InlineData("/disk-usage")]
    [InlineData("/events")]
    [InlineData("/versions")]
    public async Task The_pages_redirect_to_login_without_a_session(string path)
    {
        var response = await App.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=", response.Headers.Location!.ToString());
    }
}
