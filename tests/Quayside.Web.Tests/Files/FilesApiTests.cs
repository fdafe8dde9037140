using System.Formats.Tar;
using System.Text;

namespace Quayside.Web.Tests.Files;

public sealed class FilesApiTests : ImageLabApiTest
{
    [Fact]
    public async Task An_uploaded_file_is_read_by_exec_cat_and_a_downloaded_folder_lists_like_exec_ls()
    {
        var name = await RunningAsync();
        var upload = new ByteArrayContent(Encoding.UTF8.GetBytes("through the dashboard\n"));
        var response = await Client.PostAsync($"/api/containers/{name}/files/upload?path=/srv&name=up.txt", upload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("through the dashboard", await DockerCommand.OkAsync("exec", name, "cat", "/srv/up.txt"));

        await DockerCommand.OkAsync("exec", name, "sh", "-c", "mkdir -p /srv/sub && touch /srv/sub/deep");
        using var download = await Client.GetAsync($"/api/containers/{name}/files/download?path=/srv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var children = new SortedSet<string>(StringComparer.Ordinal);
        await using (var reader = new TarReader(await download.Content.ReadAsStreamAsync()))
            while (await reader.GetNextEntryAsync() is { } entry)
                if (entry.Name.TrimEnd('/').Split('/') is [_, var child])
                    children.Add(child);
        var ls = (await DockerCommand.OkAsync("exec", name, "ls", "-A", "/srv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ls.Order(StringComparer.Ordinal), children);

        var file = await Client.GetAsync($"/api/containers/{name}/files/download?path=/srv/up.txt");
        Assert.Equal("through the dashboard\n", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_path_is_404_no_such_file_and_a_missing_container_is_404_no_such_container()
    {
        var name = await RunningAsync();
        var path = await Client.GetAsync($"/api/containers/{name}/files?path=/not/here");
        Assert.Equal(HttpStatusCode.NotFound, path.StatusCode);
        Assert.Equal("No such file or folder: /not/here.", (await path.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problem").GetString());

        var container = await Client.GetAsync("/api/containers/qt-i9-never-made/files?path=/");
        Assert.Equal(HttpStatusCode.NotFound, container.StatusCode);
        Assert.StartsWith("There is no container 'qt-i9-never-made'", (await container.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Uploads_without_the_antiforgery_header_are_refused()
    {
        var name = await RunningAsync();
        var bare = App.CreateBrowserlikeClient();
        await QuaysideFactory.PostLoginAsync(bare, "admin", QuaysideFactory.Password);
        var response = await bare.PostAsync($"/api/containers/{name}/files/upload?path=/srv&name=x", new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/srv/x")).ExitCode);
    }
}
