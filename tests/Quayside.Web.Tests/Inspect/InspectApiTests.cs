using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Inspect;

public class InspectApiTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly string _name = LabContainers.UniqueName("api-inspect");
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _client = await _app.CreateLoggedInClientAsync();
        await LabContainers.RunSleeperAsync(_name);
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Inspect_top_changes_and_stats_answer_as_the_cli_would()
    {
        var inspect = await _client.GetFromJsonAsync<JsonElement>($"/api/containers/{_name}/inspect");
        Assert.Equal(await DockerCommand.InspectAsync(_name, "{{.Id}}"), inspect.GetProperty("inspect").GetProperty("Id").GetString());
        Assert.Equal($"docker inspect {_name}", inspect.GetProperty("cli").GetString());

        await DockerCommand.OkAsync("exec", _name, "touch", "/via-api");
        var changes = await _client.GetFromJsonAsync<JsonElement>($"/api/containers/{_name}/changes");
        Assert.Contains(changes.GetProperty("changes").EnumerateArray(), c => c.GetProperty("path").GetString() == "/via-api" && c.GetProperty("kind").GetString() == "Added");

        var top = await _client.GetFromJsonAsync<JsonElement>($"/api/containers/{_name}/top");
        Assert.Contains(top.GetProperty("processes").GetProperty("processes").EnumerateArray(), p => p.EnumerateArray().Any(cell => cell.GetString()!.Contains("sleep 100000")));

        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/containers/{_name}/stats");
        Assert.True(stats.GetProperty("latest").GetProperty("memoryUsage").GetDouble() > 0);
    }

    [Fact]
    public async Task An_unknown_container_is_a_404_in_words()
    {
        var response = await _client.GetAsync("/api/containers/qt-no-such-container-here/inspect");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("qt-no-such-container-here", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Image_history_lists_the_build_steps()
    {
        var history = await _client.GetFromJsonAsync<JsonElement>("/api/images/quayside-lab%2Fbusybox-arm64:latest/history");
        Assert.Contains(history.GetProperty("steps").EnumerateArray(), s => s.GetProperty("createdBy").GetString()!.Contains("COPY"));
    }
}
