using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// API routes fed ids and names that climb out of their engine route (<c>..</c>, <c>.</c>, encoded once or twice), against a
/// real container: each is refused as a 400 with a sentence, and the container is neither read nor touched.
/// </summary>
public sealed class EnginePathTraversalTests(EnginePathTraversalTests.Victim lab) : IClassFixture<EnginePathTraversalTests.Victim>
{
    /// <summary>One app and one running container for the whole class: every attack aims at it.</summary>
    public sealed class Victim : IAsyncLifetime
    {
        public QuaysideFactory App { get; } = new();
        public string Name { get; } = LabContainers.UniqueName("sec-path");
        public string Id { get; private set; } = "";
        public HttpClient Client { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Id = (await LabContainers.RunSleeperAsync(Name)).Trim();
            Client = await App.CreateLoggedInClientAsync();
        }

        public async Task DisposeAsync()
        {
            await LabContainers.RemoveAsync(Name);
            await App.DisposeAsync();
        }
    }

    private QuaysideFactory App => lab.App;
    private HttpClient Client => lab.Client;
    private string VictimName => lab.Name;
    private string VictimId => lab.Id;

    /// <summary>
    /// Sends the path as written. An HTTP client (and Kestrel) removes "." and ".." segments, even percent-encoded ones,
    /// before the app sees them; the in-memory server does not, so such paths are handed to it directly, with the session
    /// and antiforgery cookies and header a browser would send. Other paths go through the logged-in client as they are.
    /// </summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body = null)
    {
        var question = path.IndexOf('?');
        var pathOnly = question < 0 ? path : path[..question];
        if (!pathOnly.Split('/').Any(s => Uri.UnescapeDataString(s) is "." or ".."))
            return await Client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
        var (cookies, header, token) = await BrowserCredentialsAsync();
        var context = await App.Server.SendAsync(c =>
        {
            c.Request.Method = method.Method;
            c.Request.Path = string.Join('/', pathOnly.Split('/').Select(s => Uri.UnescapeDataString(s) is "." or ".." ? Uri.UnescapeDataString(s) : s));
            c.Request.QueryString = new QueryString(question < 0 ? "" : path[question..]);
            c.Request.Headers.Cookie = cookies;
            c.Request.Headers[header] = token;
            c.Request.Headers.Origin = "http://localhost";
            if (body is not null)
            {
                c.Request.ContentType = "application/json";
                var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
                c.Request.ContentLength = bytes.Length;
                c.Request.Body = new MemoryStream(bytes);
                c.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
            }
        });
        return new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode) { Content = new StreamContent(context.Response.Body) };
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private async Task<(string Cookies, string Header, string Token)> BrowserCredentialsAsync()
    {
        var login = await QuaysideFactory.PostLoginAsync(App.CreateBrowserlikeClient(), "admin", QuaysideFactory.Password);
        var session = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("quayside.session=", StringComparison.Ordinal)).Split(';')[0];
        var issued = await App.Server.SendAsync(c =>
        {
            c.Request.Path = "/api/antiforgery";
            c.Request.Headers.Cookie = session;
        });
        var antiforgeryCookie = issued.Response.Headers.SetCookie.ToString().Split(';')[0];
        using var json = await JsonDocument.ParseAsync(issued.Response.Body);
        return ($"{session}; {antiforgeryCookie}", json.RootElement.GetProperty("headerName").GetString()!, json.RootElement.GetProperty("token").GetString()!);
    }

    private async Task AssertRefusedInWordsAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.DoesNotContain(VictimId, text);
        Assert.True(text.StartsWith('{'), text);
        using var json = JsonDocument.Parse(text);
        var sentence = json.RootElement.TryGetProperty("title", out var title) ? title.GetString()
            : json.RootElement.GetProperty("summary").GetString();
        Assert.Contains($"is not a valid {what}", sentence);
        Assert.EndsWith(".", sentence);
    }

    private async Task AssertVictimRunningAsync() =>
        Assert.Equal("true", await DockerCommand.InspectAsync(VictimName, "{{.State.Running}}"));

    [Fact]
    public async Task Inspecting_image_dot_dot_containers_X_answers_400_in_words_and_never_the_containers_json()
    {
        var response = await SendRawAsync(HttpMethod.Get, $"/api/images/..%2F..%2Fcontainers%2F{VictimName}/inspect");
        await AssertRefusedInWordsAsync(response, "image name or id");
    }

    [Theory]
    [InlineData("/api/images/..%2F..%2Fcontainers%2F{0}/history")]
    [InlineData("/api/images/%2E%2E%2F%2E%2E%2Fcontainers%2F{0}/inspect")]
    [InlineData("/api/images/%252E%252E%252F%252E%252E%252Fcontainers%252F{0}/inspect")]
    [InlineData("/api/images/quayside-lab%2F..%2F..%2Fcontainers%2F{0}/inspect")]
    [InlineData("/api/images/./inspect")]
    public async Task Image_reads_with_dot_segments_answer_400_in_words(string template)
    {
        var response = await SendRawAsync(HttpMethod.Get, string.Format(template, VictimName));
        await AssertRefusedInWordsAsync(response, "image name or id");
    }

    [Fact]
    public async Task Removing_image_dot_dot_containers_X_answers_400_and_the_container_keeps_running()
    {
        var response = await SendRawAsync(HttpMethod.Delete, $"/api/images/..%2F..%2Fcontainers%2F{VictimName}?force=true");
        await AssertRefusedInWordsAsync(response, "image name or id");
        await AssertVictimRunningAsync();
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2E%2E")]
    [InlineData("%2e")]
    [InlineData("..%2F..%2Fimages%2Fquayside-lab%2Fbusybox")]
    [InlineData("%252E%252E")]
    public async Task Container_reads_with_dot_segments_answer_400_in_words(string id)
    {
        foreach (var read in new[] { "inspect", "top", "changes" })
        {
            var response = await SendRawAsync(HttpMethod.Get, $"/api/containers/{id}/{read}");
            await AssertRefusedInWordsAsync(response, "container name or id");
        }
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2E%2E")]
    [InlineData("..%2F..%2Fcontainers%2F{0}")]
    [InlineData("%252E%252E")]
    public async Task Container_removal_with_dot_segments_answers_400_and_touches_nothing(string template)
    {
        var response = await SendRawAsync(HttpMethod.Delete, $"/api/containers/{string.Format(template, VictimName)}?force=true");
        await AssertRefusedInWordsAsync(response, "container name or id");
        await AssertVictimRunningAsync();
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2e%2E")]
    [InlineData("..%2F..%2Fcontainers%2F{0}")]
    [InlineData("%252E%252E%252F%252E%252E%252Fcontainers%252F{0}")]
    public async Task Volume_removal_with_dot_segments_answers_400_and_the_container_keeps_running(string template)
    {
        var response = await SendRawAsync(HttpMethod.Delete, $"/api/volumes/{string.Format(template, VictimName)}?force=true");
        await AssertRefusedInWordsAsync(response, "volume name");
        await AssertVictimRunningAsync();
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2E%2E")]
    public async Task Network_routes_with_dot_segments_answer_400_in_words(string template)
    {
        var network = string.Format(template, VictimName);
        await AssertRefusedInWordsAsync(await SendRawAsync(HttpMethod.Delete, $"/api/networks/{network}"), "network name or id");
        await AssertRefusedInWordsAsync(await SendRawAsync(HttpMethod.Post, $"/api/networks/{network}/connect", new { container = VictimName }), "network name or id");
        await AssertRefusedInWordsAsync(await SendRawAsync(HttpMethod.Post, $"/api/networks/{network}/disconnect", new { container = VictimName }), "network name or id");
        await AssertVictimRunningAsync();
    }

    [Theory]
    [InlineData("quayside-lab%2Fbusybox%3Alatest")]
    [InlineData("quayside-lab%2Fbusybox:latest")]
    public async Task A_valid_image_reference_with_a_slash_still_inspects(string reference)
    {
        var response = await Client.GetAsync($"/api/images/{reference}/inspect");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains(LabContainers.BusyboxImage, text);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/images/{reference}/history")).StatusCode);
    }

    [Fact]
    public async Task The_container_itself_still_inspects_by_name()
    {
        var response = await Client.GetAsync($"/api/containers/{VictimName}/inspect");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(VictimId, await response.Content.ReadAsStringAsync());
    }
}
