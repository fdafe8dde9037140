using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Transfer;

/// <summary>The transfer API through the real app on the real engine: builds, tars and files stream through the dashboard.</summary>
public sealed class TransferApiTests : IAsyncLifetime
{
    private const string TestLabels = "{\"quayside.test\":\"1\"}";
    private readonly QuaysideFactory _app = new();
    private readonly List<string> _images = [];
    private readonly List<string> _containers = [];
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _app.CreateLoggedInClientAsync();

    private string NewImage(string prefix) => Track(_images, $"qt-i9-api-{prefix}:{Guid.NewGuid().ToString("N")[..8]}");

    private static string Track(List<string> list, string name)
    {
        list.Add(name);
        return name;
    }

    private async Task<string> RunningAsync()
    {
        var name = Track(_containers, LabContainers.UniqueName("i9-api"));
        await LabContainers.RunSleeperAsync(name);
        await DockerCommand.OkAsync("exec", name, "mkdir", "-p", "/srv");
        // The API finds containers in the live model.
        Assert.True(await EngineWait.UntilAsync(async () =>
            (await _client.GetAsync($"/api/containers/{name}/files?path=/")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(5)));
        return name;
    }

    private static async Task<List<JsonElement>> LinesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-ndjson", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private Task<HttpResponseMessage> BuildAsync(string tag, string dockerfile, params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(dockerfile), "dockerfile" } };
        foreach (var (name, text) in files)
            form.Add(new StringContent(text), "files", name);
        return _client.PostAsync($"/api/images/build?t={Uri.EscapeDataString(tag)}&labels={Uri.EscapeDataString(TestLabels)}", form);
    }

    [Fact]
    public async Task A_build_from_a_typed_dockerfile_and_uploaded_files_streams_its_steps_and_the_image_runs()
    {
        var tag = NewImage("build");
        var lines = await LinesAsync(await BuildAsync(tag,
            $"FROM {LabContainers.BusyboxImage}\nCOPY conf/app.conf /app.conf\nCMD [\"cat\", \"/app.conf\"]\n", ("conf/app.conf", "setting=1\n")));

        Assert.Contains(lines, l => l.TryGetProperty("text", out var t) && t.GetString()!.StartsWith("Step 2/4 : COPY conf/app.conf", StringComparison.Ordinal));
        var done = lines[^1];
        Assert.True(done.GetProperty("ok").GetBoolean(), done.ToString());
        Assert.Equal(await DockerCommand.InspectAsync(tag, "{{.Id}}"), done.GetProperty("imageId").GetString());
        Assert.Equal("setting=1", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag));
    }

    [Fact]
    public async Task A_failing_step_answers_200_but_the_verdict_says_failed_with_the_steps_output()
    {
        var tag = NewImage("fail");
        var lines = await LinesAsync(await BuildAsync(tag, $"FROM {LabContainers.BusyboxImage}\nRUN echo compiling... && false\n"));

        var done = lines[^1];
        Assert.False(done.GetProperty("ok").GetBoolean());
        Assert.Contains("returned a non-zero code: 1", done.GetProperty("error").GetString());
        Assert.Contains(lines, l => l.TryGetProperty("text", out var t) && t.GetString() == "compiling...\n");
        Assert.Contains(lines, l => l.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Save_downloads_a_tar_that_load_uploads_back_to_the_same_image_id()
    {
        var tag = NewImage("save");
        Assert.True((await LinesAsync(await BuildAsync(tag, $"FROM {LabContainers.BusyboxImage}\nRUN echo {Guid.NewGuid()} > /id\n")))[^1].GetProperty("ok").GetBoolean());
        var id = await DockerCommand.InspectAsync(tag, "{{.Id}}");
        var file = Path.GetTempFileName();
        try
        {
            using (var save = await _client.GetAsync($"/api/images/save?names={Uri.EscapeDataString(tag)}", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, save.StatusCode);
                Assert.Equal(tag.Replace(':', '_').Replace('/', '_') + ".tar", save.Content.Headers.ContentDisposition?.FileNameStar ?? save.Content.Headers.ContentDisposition?.FileName);
                await using var output = File.Create(file);
                await save.Content.CopyToAsync(output);
            }
            await DockerCommand.OkAsync("rmi", tag);

            await using var input = File.OpenRead(file);
            var load = new StreamContent(input);
            load.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
            var lines = await LinesAsync(await _client.PostAsync("/api/images/load", load));

            Assert.True(lines[^1].GetProperty("ok").GetBoolean(), lines[^1].ToString());
            Assert.Contains(lines, l => l.TryGetProperty("text", out var t) && t.GetString()!.Contains($"Loaded image: {tag}"));
            Assert.Equal(id, await DockerCommand.InspectAsync(tag, "{{.Id}}"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Saving_an_unknown_image_says_so_in_words()
    {
        var response = await _client.GetAsync("/api/images/save?names=qt-i9-no-such-image:1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("qt-i9-no-such-image", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_download_then_import_upload_makes_a_runnable_image()
    {
        var name = await RunningAsync();
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "echo exported > /srv/mark");
        var tag = NewImage("import");
        var file = Path.GetTempFileName();
        try
        {
            using (var export = await _client.GetAsync($"/api/containers/{name}/export", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, export.StatusCode);
                await using var output = File.Create(file);
                await export.Content.CopyToAsync(output);
            }
            await using var input = File.OpenRead(file);
            var lines = await LinesAsync(await _client.PostAsync(
                $"/api/images/import?reference={Uri.EscapeDataString(tag)}&changes={Uri.EscapeDataString("LABEL quayside.test=1")}", new StreamContent(input)));

            Assert.True(lines[^1].GetProperty("ok").GetBoolean(), lines[^1].ToString());
            Assert.Equal("exported", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/srv/mark"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_uploaded_file_is_read_by_exec_cat_and_a_downloaded_folder_lists_like_exec_ls()
    {
        var name = await RunningAsync();
        var upload = new ByteArrayContent(Encoding.UTF8.GetBytes("through the dashboard\n"));
        var response = await _client.PostAsync($"/api/containers/{name}/files/upload?path=/srv&name=up.txt", upload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("through the dashboard", await DockerCommand.OkAsync("exec", name, "cat", "/srv/up.txt"));

        await DockerCommand.OkAsync("exec", name, "sh", "-c", "mkdir -p /srv/sub && touch /srv/sub/deep");
        using var download = await _client.GetAsync($"/api/containers/{name}/files/download?path=/srv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var children = new SortedSet<string>(StringComparer.Ordinal);
        await using (var reader = new TarReader(await download.Content.ReadAsStreamAsync()))
            while (await reader.GetNextEntryAsync() is { } entry)
                if (entry.Name.TrimEnd('/').Split('/') is [_, var child])
                    children.Add(child);
        var ls = (await DockerCommand.OkAsync("exec", name, "ls", "-A", "/srv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ls.Order(StringComparer.Ordinal), children);

        var file = await _client.GetAsync($"/api/containers/{name}/files/download?path=/srv/up.txt");
        Assert.Equal("through the dashboard\n", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_path_is_404_no_such_file_and_a_missing_container_is_404_no_such_container()
    {
        var name = await RunningAsync();
        var path = await _client.GetAsync($"/api/containers/{name}/files?path=/not/here");
        Assert.Equal(HttpStatusCode.NotFound, path.StatusCode);
        Assert.Equal("No such file or folder: /not/here.", (await path.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problem").GetString());

        var container = await _client.GetAsync("/api/containers/qt-i9-never-made/files?path=/");
        Assert.Equal(HttpStatusCode.NotFound, container.StatusCode);
        Assert.StartsWith("There is no container 'qt-i9-never-made'", (await container.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Uploads_without_the_antiforgery_header_are_refused()
    {
        var name = await RunningAsync();
        var bare = _app.CreateBrowserlikeClient();
        await QuaysideFactory.PostLoginAsync(bare, "admin", QuaysideFactory.Password);
        var response = await bare.PostAsync($"/api/containers/{name}/files/upload?path=/srv&name=x", new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/srv/x")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _containers]);
        foreach (var image in _images)
            await DockerCommand.RunAsync("rmi", "-f", image);
        await _app.DisposeAsync();
    }
}
