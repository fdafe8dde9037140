using Quayside.Engine.Build;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Build;

public sealed class ImageBuildTests(ImageLabFixture lab) : IClassFixture<ImageLabFixture>
{
    [Fact]
    public async Task A_typed_dockerfile_builds_an_image_that_runs_and_the_cli_line_names_its_options()
    {
        var tag = lab.NewImage("typed");
        var lines = new List<string>();
        var result = await lab.Builder.BuildAsync(
            new BuildOptions { Tags = [tag], BuildArgs = new Dictionary<string, string> { ["WHO"] = "quayside" }, Labels = ImageLabFixture.TestLabels, TypedDockerfile = true },
            (tar, ct) => BuildContext.AddTextAsync(tar, "Dockerfile", $"FROM {LabContainers.BusyboxImage}\nARG WHO\nRUN echo hello $WHO > /greeting\nCMD [\"cat\", \"/greeting\"]\n", ct),
            line => { lines.Add(line.Text); return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Contains(lines, l => l.StartsWith("Step 3/5 : RUN echo hello $WHO", StringComparison.Ordinal));
        Assert.Equal(await DockerCommand.InspectAsync(tag, "{{.Id}}"), result.ImageId);
        Assert.Equal("hello quayside", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag));
        Assert.Equal($"docker build --force-rm -t {tag} -f - --build-arg WHO=quayside --label quayside.test=1 . < Dockerfile", result.Cli);
    }

    [Fact]
    public async Task An_uploaded_context_tar_is_passed_through_and_its_files_reach_the_image()
    {
        var tag = lab.NewImage("tar");
        using var context = ImageLabFixture.TarOf(
            ("Dockerfile", $"FROM {LabContainers.BusyboxImage}\nCOPY app/message.txt /message.txt\n"),
            ("app/message.txt", "from the tar\n"));
        var result = await lab.Builder.BuildAsync(
            new BuildOptions { Tags = [tag], Labels = ImageLabFixture.TestLabels, Context = BuildContextKind.Tar },
            (tar, ct) => BuildContext.CopyTarAsync(tar, context, null, ct), null, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("from the tar", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/message.txt"));
        Assert.EndsWith(" - < context.tar", result.Cli);
    }

    [Fact]
    public async Task A_zip_context_is_converted_to_tar_and_a_typed_dockerfile_replaces_its_own()
    {
        var tag = lab.NewImage("zip");
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("Dockerfile", "FROM scratch\nCOPY nothing /\n"), ("web/index.html", "<h1>zipped</h1>\n") })
            {
                await using var entry = await archive.CreateEntry(name).OpenAsync();
                await entry.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
            }
        }
        zip.Position = 0;
        var result = await lab.Builder.BuildAsync(
            new BuildOptions { Tags = [tag], Labels = ImageLabFixture.TestLabels, Context = BuildContextKind.Zip, TypedDockerfile = true },
            async (tar, ct) =>
            {
                await BuildContext.AddTextAsync(tar, "Dockerfile", $"FROM {LabContainers.BusyboxImage}\nCOPY web /web\n", ct);
                await BuildContext.CopyZipAsync(tar, zip, "Dockerfile", ct);
            }, null, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("<h1>zipped</h1>", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/web/index.html"));
    }

    [Fact]
    public async Task A_failing_run_step_is_reported_as_failed_with_its_output()
    {
        var tag = lab.NewImage("fail");
        var marker = "before-the-failure-" + Guid.NewGuid().ToString("N")[..8];
        var result = await lab.BuildAsync(tag, $"FROM {LabContainers.BusyboxImage}\nRUN echo {marker} && exit 3\nRUN echo never\n");

        Assert.False(result.Ok);
        Assert.Contains("returned a non-zero code: 3", result.Error);
        Assert.Contains(marker, result.Output);
        Assert.DoesNotContain("never\n", result.Output.Replace("echo never", ""));
        Assert.Null(result.ImageId);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("image", "inspect", tag)).ExitCode);
        // The failed step's container is removed too (--force-rm): nothing is left on the engine.
        var leftovers = await DockerCommand.OkAsync("ps", "-a", "--no-trunc", "--format", "{{.Command}}");
        Assert.DoesNotContain(marker, leftovers);
    }

    [Fact]
    public async Task Invalid_options_are_refused_in_words_before_the_engine_is_asked()
    {
        var result = await lab.Builder.BuildAsync(
            new BuildOptions { Tags = ["Bad Tag"], BuildArgs = new Dictionary<string, string> { ["1x"] = "" }, Platform = "amd64" },
            (_, _) => Task.CompletedTask, null, CancellationToken.None);
        Assert.False(result.Ok);
        Assert.Contains("'Bad Tag' is not a valid image name", result.Error);
        Assert.Contains("'1x' is not a valid build argument name", result.Error);
        Assert.Contains("'amd64' is not a valid platform: use os/arch", result.Error);
    }
}
