using System.Net;
using System.Text.RegularExpressions;
using Quayside.Web.Hosting;

namespace Quayside.Web.Tests.Security;

/// <summary>Every response carries the headers that keep injected script, framing (clickjacking) and sniffing out.</summary>
public partial class SecurityHeadersTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/containers")]
    [InlineData("/api/containers")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    public async Task Every_response_forbids_inline_script_framing_and_sniffing(string path)
    {
        var client = await _app.CreateLoggedInClientAsync();
        var response = await client.GetAsync(path);
        AssertHeaders(response);
    }

    [Fact]
    public async Task Responses_to_strangers_carry_them_too()
    {
        AssertHeaders(await _app.CreateBrowserlikeClient().GetAsync("/api/containers"));
        AssertHeaders(await _app.CreateBrowserlikeClient().GetAsync("/login"));
    }

    [Fact]
    public async Task The_only_inline_script_allowed_is_the_import_map_the_page_really_has()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/login");
        var html = await response.Content.ReadAsStringAsync();
        var inline = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var importMap = Assert.Single(inline);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"'{SecurityHeaders.Hash(importMap)}'", csp);
        Assert.Equal(1, Regex.Count(csp, "'sha256-"));
    }

    [Fact]
    public async Task Plain_http_gets_no_HSTS()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/login");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Matches(@"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?;", csp);
        Assert.DoesNotContain("unsafe-inline';", csp.Split("script-src")[1].Split(';')[0] + ";");
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
