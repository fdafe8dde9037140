using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.HostResources;

public class HostResourcesApiTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _app.CreateLoggedInClientAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/api/volumes")]
    [InlineData("/api/networks")]
    [InlineData("/api/system/info")]
    [InlineData("/api/system/df")]
    [InlineData("/api/events/recent")]
    public async Task The_new_api_routes_answer_401_without_a_session(string path)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/volumes")]
    [InlineData("/networks")]
    [InlineData("/disk-usage")]
    [InlineData("/events")]
    [InlineData("/versions")]
    public async Task The_new_pages_redirect_to_login_without_a_session(string path)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Creating_a_volume_without_the_antiforgery_header_is_refused()
    {
        var client = _app.CreateBrowserlikeClient();
        await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        var name = LabContainers.UniqueName("xsrf");
        var response = await client.PostAsJsonAsync("/api/volumes", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", name)).ExitCode);
    }

    [Fact]
    public async Task A_volume_created_through_the_api_is_listed_with_its_cli_line_and_a_bad_name_is_refused_in_words()
    {
        var name = LabContainers.UniqueName("apivol");
        try
        {
            var labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1" };
            var created = await _client.PostAsJsonAsync("/api/volumes", new { name, labels });
            var outcome = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(created.IsSuccessStatusCode, outcome.ToString());
            Assert.Equal($"docker volume create --label {LabContainers.TestLabel}=1 --label {LabResources.Issue8Label}=1 {name}", outcome.GetProperty("cli").GetString());

            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                var list = await _client.GetFromJsonAsync<JsonElement>("/api/volumes");
                return list.GetProperty("items").EnumerateArray().Any(v => v.GetProperty("name").GetString() == name && v.GetProperty("unused").GetBoolean());
            }, TimeSpan.FromSeconds(2)), "the volume is not listed as unused");

            var bad = await _client.PostAsJsonAsync("/api/volumes", new { name = "-bad name" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("is not a valid volume name", await bad.Content.ReadAsStringAsync());
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(name);
        }
    }

    [Fact]
    public async Task The_predefined_networks_are_marked_and_removing_one_is_refused_in_words()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/networks");
        var predefined = list.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("predefined").GetBoolean()).Select(n => n.GetProperty("name").GetString()).Order();
        Assert.Equal(["bridge", "host", "none"], predefined);

        var response = await _client.DeleteAsync("/api/networks/host");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("predefined networks", await response.Content.ReadAsStringAsync());
    }
}
