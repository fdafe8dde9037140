using System.Net.Http.Headers;

namespace Quayside.Web.Tests.ImageArchives;

public sealed class ImageArchivesApiTests : ImageLabApiTest
{
    [Fact]
    public async Task Save_downloads_a_tar_that_load_uploads_back_to_the_same_image_id()
    {
        var tag = NewImage("save");
        Assert.True((await LinesAsync(await BuildAsync(tag, $"FROM {LabContainers.BusyboxImage}\nRUN echo {Guid.NewGuid()} > /id\n")))[^1].GetProperty("ok").GetBoolean());
        var id = await DockerCommand.InspectAsync(tag, "{{.Id}}");
        var file = Path.GetTempFileName();
        try
        {
            using (var save = await Client.GetAsync($"/api/images/save?names={Uri.EscapeDataString(tag)}", HttpCompletionOption.ResponseHeadersRead))
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
            var lines = await LinesAsync(await Client.PostAsync("/api/images/load", load));

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
        var response = await Client.GetAsync("/api/images/save?names=qt-i9-no-such-image:1");
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
            using (var export = await Client.GetAsync($"/api/containers/{name}/export", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, export.StatusCode);
                await using var output = File.Create(file);
                await export.Content.CopyToAsync(output);
            }
            await using var input = File.OpenRead(file);
            var lines = await LinesAsync(await Client.PostAsync(
                $"/api/images/import?reference={Uri.EscapeDataString(tag)}&changes={Uri.EscapeDataString("LABEL quayside.test=1")}", new StreamContent(input)));

            Assert.True(lines[^1].GetProperty("ok").GetBoolean(), lines[^1].ToString());
            Assert.Equal("exported", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/srv/mark"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
