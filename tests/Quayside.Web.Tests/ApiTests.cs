using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests;

public class ApiTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly List<string> _made = [];
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _app.CreateLoggedInClientAsync();

    private async Task<string> SleeperAsync(params string[] args)
    {
        var name = LabContainers.UniqueName("api");
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name, args);
        return name;
    }

    private async Task<JsonElement> ListAsync(string query) =>
        await _client.GetFromJsonAsync<JsonElement>("/api/containers" + query);

    private async Task<JsonElement?> RowAsync(string name)
    {
        var list = await ListAsync("?search=" + name);
        return list.GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task The_list_shows_a_cli_made_container_with_its_image_tag_state_ports_and_labels()
    {
        var name = await SleeperAsync("--label", "tier=front", "-p", "127.0.0.1::80");
        Assert.True(await EngineWait.UntilAsync(async () => await RowAsync(name) is not null, TimeSpan.FromSeconds(2)));
        var row = (await RowAsync(name))!.Value;
        Assert.Equal(LabContainers.BusyboxImage, row.GetProperty("image").GetString());
        Assert.Equal("running", row.GetProperty("state").GetString());
        Assert.Equal("front", row.GetProperty("labels").GetProperty("tier").GetString());
        var port = await DockerCommand.OkAsync("port", name, "80/tcp");
        Assert.Contains(row.GetProperty("ports").EnumerateArray(), p => p.GetString() == $"{port}->80/tcp");
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_cli_line_says_the_same()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var running = await SleeperAsync("--label", $"run={run}");
        var stopped = LabContainers.UniqueName("api");
        _made.Add(stopped);
        await LabContainers.CreateAsync(stopped, "--label", $"run={run}");
        Assert.True(await EngineWait.UntilAsync(async () => (await ListAsync($"?label=run={run}")).GetProperty("count").GetInt32() == 2, TimeSpan.FromSeconds(2)));

        var list = await ListAsync($"?state=running&label=run={run}");
        Assert.Equal($"docker ps -a --filter status=running --filter label=run={run}", list.GetProperty("cli").GetString());
        Assert.Equal([running], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_bad_filter_gets_a_message_not_an_error_page()
    {
        var response = await _client.GetAsync("/api/containers?name=(");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid regular expression", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stop_through_the_api_stops_the_container_and_returns_the_cli_line()
    {
        var name = await SleeperAsync();
        var response = await _client.PostAsJsonAsync("/api/containers/stop", new { targets = new[] { name }, timeout = 1 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"docker stop -t 1 {name}", body.GetProperty("cli").GetString());
        Assert.Equal("exited", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    [Fact]
    public async Task A_refused_action_answers_400_with_the_engines_reason_in_words()
    {
        var name = await SleeperAsync();
        var response = await _client.DeleteAsync($"/api/containers/{name}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("The container is running, so it was not removed.", body.GetProperty("summary").GetString());

        var forced = await _client.DeleteAsync($"/api/containers/{name}?force=true");
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("inspect", name)).ExitCode);
    }

    [Fact]
    public async Task Prune_preview_lists_what_prune_then_removes()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keep = await SleeperAsync("--label", $"run={run}");
        var gone = LabContainers.UniqueName("api");
        _made.Add(gone);
        await LabContainers.CreateAsync(gone, "--label", $"run={run}");
        Assert.True(await EngineWait.UntilAsync(async () => (await ListAsync($"?label=run={run}")).GetProperty("count").GetInt32() == 2, TimeSpan.FromSeconds(2)));

        var preview = await _client.GetFromJsonAsync<JsonElement>($"/api/containers/prune?label=run={run}");
        Assert.Equal([gone], preview.GetProperty("willRemove").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"docker container prune -f --filter label=run={run}", preview.GetProperty("cli").GetString());

        var prune = await _client.PostAsJsonAsync("/api/containers/prune", new { label = $"run={run}" });
        Assert.Equal(HttpStatusCode.OK, prune.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("inspect", gone)).ExitCode);
        Assert.Equal("running", await DockerCommand.InspectAsync(keep, "{{.State.Status}}"));
    }

    [Fact]
    public async Task Images_list_the_lab_image_with_platform_and_tagging_validates()
    {
        var images = await _client.GetFromJsonAsync<JsonElement>("/api/images?search=quayside-lab/busybox");
        var busybox = images.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == LabContainers.BusyboxImage));
        Assert.Equal("linux/amd64", busybox.GetProperty("platform").GetString());
        Assert.Equal("docker images --digests", images.GetProperty("cli").GetString());

        var bad = await _client.PostAsJsonAsync($"/api/images/{Uri.EscapeDataString(LabContainers.BusyboxImage)}/tag", new { target = "NOT valid" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a valid image name", await bad.Content.ReadAsStringAsync());

        var target = $"quayside-lab/api-tag:{Guid.NewGuid():N}"[..40];
        try
        {
            var ok = await _client.PostAsJsonAsync($"/api/images/{Uri.EscapeDataString(LabContainers.BusyboxImage)}/tag", new { target });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(await DockerCommand.InspectAsync(LabContainers.BusyboxImage, "{{.Id}}"), await DockerCommand.InspectAsync(target, "{{.Id}}"));
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", target);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/containers", out _));
        Assert.True(paths.TryGetProperty("/api/images", out _));
        Assert.True(paths.TryGetProperty("/api/containers/{action}", out _));
    }

    [Fact]
    public async Task The_engine_status_says_connected_with_the_engine_version()
    {
        var status = await _client.GetFromJsonAsync<JsonElement>("/api/engine/status");
        Assert.Equal("unix:///var/run/docker.sock", status.GetProperty("address").GetString());
        Assert.Equal(await DockerCommand.OkAsync("version", "--format", "{{.Server.Version}}"), status.GetProperty("version").GetProperty("version").GetString());
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        await _app.DisposeAsync();
    }
}
