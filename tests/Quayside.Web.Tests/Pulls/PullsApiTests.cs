using System.Net;
using System.Net.Http.Json;
using Quayside.TestSupport;
using Quayside.Web.Pulls;

namespace Quayside.Web.Tests.Pulls;

public sealed class PullsApiTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private string? _pulled;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_pull_started_by_the_api_streams_its_progress_as_server_sent_events()
    {
        _pulled = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("sse"));
        var client = await _app.CreateLoggedInClientAsync();
        var started = await client.PostAsJsonAsync("/api/pulls", new PullRequest(_pulled, "linux/amd64"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await started.Content.ReadFromJsonAsync<PullJobDto>())!;
        Assert.Equal($"docker pull --platform linux/amd64 {_pulled}", job.Cli);

        var events = await client.GetStringAsync($"/api/pulls/{job.Id}/events");
        var last = events.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("event: progress\ndata: ", last);
        Assert.Contains("\"state\":\"succeeded\"", last);
        Assert.Contains("\"digest\":\"sha256:", last);
    }

    [Fact]
    public async Task A_bad_reference_is_refused_with_what_is_accepted()
    {
        var client = await _app.CreateLoggedInClientAsync();
        var refused = await client.PostAsJsonAsync("/api/pulls", new PullRequest("UPPER/case", null));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a valid image name", (await refused.Content.ReadFromJsonAsync<PullJobDto>())!.Error);
    }

    [Fact]
    public async Task Starting_a_pull_needs_the_antiforgery_header()
    {
        var client = _app.CreateBrowserlikeClient();
        await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        var refused = await client.PostAsJsonAsync("/api/pulls", new PullRequest("busybox", null));
        Assert.NotEqual(HttpStatusCode.Accepted, refused.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_pulled is not null)
            await LabRegistry.RemoveImageAsync(_pulled);
        await _app.DisposeAsync();
    }
}
