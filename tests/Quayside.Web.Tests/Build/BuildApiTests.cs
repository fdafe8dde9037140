namespace Quayside.Web.Tests.Build;

public sealed class BuildApiTests : ImageLabApiTest
{
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
}
