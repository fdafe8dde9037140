using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.CreateContainer;

public class CreateContainerApiTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly string _name = LabContainers.UniqueName("apicreate");
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _app.CreateLoggedInClientAsync();

    private object Spec(string memory) => new
    {
        image = LabContainers.BusyboxImage,
        name = _name,
        command = "sleep 100000",
        memory,
        labels = new[] { new { key = LabContainers.TestLabel, value = "1" } },
    };

    [Fact]
    public async Task The_api_previews_creates_reads_back_and_replaces_with_the_forms_rules()
    {
        var preview = await (await _client.PostAsJsonAsync("/api/containers/run-line", Spec("1g"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"docker run -d --name {_name} --label {LabContainers.TestLabel}=1 --memory 1g {LabContainers.BusyboxImage} sleep 100000", preview.GetProperty("cli").GetString());

        var bad = await _client.PostAsJsonAsync("/api/containers/create", Spec("12x"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'12x' is not a size", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldErrors").GetProperty("memory").GetString());

        var created = await _client.PostAsJsonAsync("/api/containers/create", Spec("1g"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("running 1073741824", await DockerCommand.InspectAsync(_name, "{{.State.Status}} {{.HostConfig.Memory}}"));

        var spec = await _client.GetFromJsonAsync<JsonElement>($"/api/containers/{_name}/run-spec");
        Assert.Equal("1g", spec.GetProperty("memory").GetString());

        var replaced = await _client.PostAsJsonAsync($"/api/containers/{_name}/replace", Spec("512m"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("running 536870912", await DockerCommand.InspectAsync(_name, "{{.State.Status}} {{.HostConfig.Memory}}"));
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await _app.DisposeAsync();
    }
}
