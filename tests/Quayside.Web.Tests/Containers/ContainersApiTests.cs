namespace Quayside.Web.Tests.Containers;

public class ContainersApiTests : LoggedInTest
{
    private readonly List<string> _made = [];

    private async Task<string> SleeperAsync(params string[] args)
    {
        var name = LabContainers.UniqueName("api");
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name, args);
        return name;
    }

    private async Task<JsonElement> ListAsync(string query) =>
        await Client.GetFromJsonAsync<JsonElement>("/api/containers" + query);

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
        var response = await Client.GetAsync("/api/containers?name=(");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid regular expression", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stop_through_the_api_stops_the_container_and_returns_the_cli_line()
    {
        var name = await SleeperAsync();
        var response = await Client.PostAsJsonAsync("/api/containers/stop", new { targets = new[] { name }, timeout = 1 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"docker stop -t 1 {name}", body.GetProperty("cli").GetString());
        Assert.Equal("exited", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    [Fact]
    public async Task A_refused_action_answers_400_with_the_engines_reason_in_words()
    {
        var name = await SleeperAsync();
        var response = await Client.DeleteAsync($"/api/containers/{name}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("The container is running, so it was not removed.", body.GetProperty("summary").GetString());

        var forced = await Client.DeleteAsync($"/api/containers/{name}?force=true");
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

        var preview = await Client.GetFromJsonAsync<JsonElement>($"/api/containers/prune?label=run={run}");
        Assert.Equal([gone], preview.GetProperty("willRemove").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"docker container prune -f --filter label=run={run}", preview.GetProperty("cli").GetString());

        var prune = await Client.PostAsJsonAsync("/api/containers/prune", new { label = $"run={run}" });
        Assert.Equal(HttpStatusCode.OK, prune.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("inspect", gone)).ExitCode);
        Assert.Equal("running", await DockerCommand.InspectAsync(keep, "{{.State.Status}}"));
    }

    public override async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        await base.DisposeAsync();
    }
}
