using System.Net.Http.Json;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Containers;

/// <summary>The API's <c>status</c> is docker ps's text at the moment of the request, not at the model's last list.</summary>
public class ContainerStatusApiTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly string _name = LabContainers.UniqueName("api-uptime");
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _app.CreateLoggedInClientAsync();

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await _app.DisposeAsync();
    }

    private async Task<string?> ApiStatusAsync()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/containers?name=" + _name);
        return list.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("name").GetString() == _name)
            .Select(r => r.GetProperty("status").GetString()).FirstOrDefault();
    }

    [Fact]
    public async Task The_status_field_says_what_docker_ps_says_seconds_after_the_last_engine_event()
    {
        await LabContainers.RunSleeperAsync(_name);
        string? first = null;
        Assert.True(await EngineWait.UntilAsync(async () => (first = await ApiStatusAsync())?.StartsWith("Up ") == true, TimeSpan.FromSeconds(3)),
            $"the API did not list {_name} as up: {first}");

        // No event touches the container from here on; its uptime moves on regardless.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var before = await ApiStatusAsync();
        var cli = await DockerCommand.OkAsync("ps", "-a", "--filter", "name=^" + _name + "$", "--format", "{{.Status}}");
        var after = await ApiStatusAsync();
        Assert.True(cli == before || cli == after, $"docker ps says \"{cli}\", the API \"{before}\" then \"{after}\"");
        Assert.NotEqual(first, cli);
    }
}
