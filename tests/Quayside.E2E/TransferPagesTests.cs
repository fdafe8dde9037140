using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E;

/// <summary>The build page and the container file browser, driven in Chromium.</summary>
public sealed class TransferPagesTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output), IAsyncLifetime
{
    private readonly List<string> _images = [];

    private string NewImage(string prefix)
    {
        var tag = $"qt-i9-e2e-{prefix}:{Guid.NewGuid().ToString("N")[..8]}";
        _images.Add(tag);
        return tag;
    }

    private async Task OpenBuildPageAsync(string tag, string dockerfile)
    {
        await LoginAsync(Page, "/images/build");
        await WaitForInteractiveAsync(Page, "[data-testid=build-tags]");
        await Page.Locator("[data-testid=dockerfile]").FillAsync(dockerfile);
        await Page.Locator("[data-testid=build-tags]").FillAsync(tag);
        await Page.Locator("[data-testid=build-labels]").FillAsync("quayside.test=1");
    }

    [Fact]
    public async Task A_typed_dockerfile_builds_with_live_output_and_the_cli_line_and_the_image_runs()
    {
        var tag = NewImage("build");
        await OpenBuildPageAsync(tag, $"FROM {LabContainers.BusyboxImage}\nRUN echo built-in-the-browser > /proof\n");
        await Expect(Page.Locator("[data-testid=build-cli] .command"))
            .ToHaveTextAsync($"docker build --force-rm -t {tag} -f - --label quayside.test=1 . < Dockerfile");
        // The highlighter drew the instruction keywords.
        await Expect(Page.Locator("#dockerfile-highlight .df-keyword").First).ToHaveTextAsync("FROM");

        await FluentButton(Page.Locator("body"), "Build").ClickAsync();

        await Expect(Page.Locator("[data-testid=build-status]")).ToHaveAttributeAsync("data-state", "ok", new() { Timeout = 60_000 });
        await Expect(Page.Locator("[data-testid=build-output]")).ToContainTextAsync("Step 2/3 : RUN echo built-in-the-browser");
        Assert.Equal("built-in-the-browser", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/proof"));
    }

    [Fact]
    public async Task A_failing_step_shows_failed_with_its_output()
    {
        var tag = NewImage("fail");
        await OpenBuildPageAsync(tag, $"FROM {LabContainers.BusyboxImage}\nRUN echo about-to-fail && exit 7\n");
        await FluentButton(Page.Locator("body"), "Build").ClickAsync();

        var status = Page.Locator("[data-testid=build-status]");
        await Expect(status).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 60_000 });
        await Expect(status).ToContainTextAsync("returned a non-zero code: 7");
        await Expect(Page.Locator("[data-testid=build-output]")).ToContainTextAsync("about-to-fail");
        await Expect(Page.Locator("[data-testid=build-output] .error-line")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_files_tab_browses_views_and_uploads_into_a_running_container_and_delete_asks_first()
    {
        var name = await RunSleeperAsync("files");
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "mkdir -p /srv/app && echo 'port=80' > /srv/app/app.conf");

        await LoginAsync(Page, "/containers");
        await Page.GotoAsync($"/containers/{name}/files?path=/srv/app");
        await WaitForInteractiveAsync(Page, "[data-testid=files-refresh]");
        var row = Page.Locator("tr[data-testid=file-row][data-name=\"app.conf\"]");
        await Expect(row).ToContainTextAsync("-rw-r--r--");
        await Expect(Page.Locator("[data-testid=files-cli] .command")).ToHaveTextAsync($"docker cp {name}:/srv/app/. - | tar -tv");

        await row.Locator("[data-testid=file-open]").ClickAsync();
        await Expect(Page.Locator("[data-testid=text-editor]")).ToHaveValueAsync("port=80\n");
        await Page.Locator("[data-testid=text-editor]").FillAsync("port=8080\n");
        await FluentButton(Page.Locator("[data-testid=text-panel]"), "Save").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");
        Assert.Equal("port=8080", await DockerCommand.OkAsync("exec", name, "cat", "/srv/app/app.conf"));

        await Page.Locator("#files-input").SetInputFilesAsync(new FilePayload { Name = "dropped.txt", MimeType = "text/plain", Buffer = "from the browser\n"u8.ToArray() });
        await Expect(Page.Locator("tr[data-testid=file-row][data-name=\"dropped.txt\"]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        Assert.Equal("from the browser", await DockerCommand.OkAsync("exec", name, "cat", "/srv/app/dropped.txt"));

        await Page.Locator("tr[data-testid=file-row][data-name=\"dropped.txt\"] [data-testid=file-delete]").ClickAsync();
        await Expect(Page.Locator("[data-testid=confirm-items]")).ToHaveTextAsync("/srv/app/dropped.txt");
        Assert.Equal(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/srv/app/dropped.txt")).ExitCode);
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Page.Locator("tr[data-testid=file-row][data-name=\"dropped.txt\"]")).ToHaveCountAsync(0);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/srv/app/dropped.txt")).ExitCode);

        await Page.Locator("[data-testid=files-path]").FillAsync("/srv/nothing-here");
        await FluentButton(Page.Locator("body"), "Go").ClickAsync();
        await Expect(Page.Locator("[data-testid=files-problem]")).ToHaveTextAsync("No such file or folder: /srv/nothing-here.");
    }

    /// <summary>A small labelled image of this test's own, built by the CLI.</summary>
    private async Task<string> CliImageAsync(string prefix)
    {
        var tag = NewImage(prefix);
        var dir = Directory.CreateTempSubdirectory("qt-i9-e2e-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), $"FROM {LabContainers.BusyboxImage}\nRUN echo {Guid.NewGuid()} > /id\n");
            await DockerCommand.OkAsync("build", "-q", "-t", tag, "--label", "quayside.test=1", dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return tag;
    }

    [Fact]
    public async Task Save_selected_downloads_a_tar_that_the_load_page_loads_back_with_the_same_id()
    {
        var tag = await CliImageAsync("saveload");
        var id = await DockerCommand.InspectAsync(tag, "{{.Id}}");
        await LoginAsync(Page, "/images");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(tag);
        var row = Page.Locator($"tr[data-testid=image-row][data-id=\"{id}\"]");
        await row.Locator("input[type=checkbox]").CheckAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=save-selected]").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"qt-i9-e2e-{Guid.NewGuid():N}.tar");
        try
        {
            await download.SaveAsAsync(file);
            Assert.Equal(tag.Replace(':', '_') + ".tar", download.SuggestedFilename);
            await DockerCommand.OkAsync("rmi", tag);

            await Page.GotoAsync("/images/load");
            await WaitForInteractiveAsync(Page, "[data-testid=mode-load]");
            await Expect(Page.Locator("[data-testid=load-cli] .command")).ToHaveTextAsync("docker load -i images.tar");
            await Page.Locator("[data-testid=transfer-file]").SetInputFilesAsync(file);
            await FluentButton(Page.Locator("body"), "Load").ClickAsync();

            await Expect(Page.Locator("[data-testid=transfer-status]")).ToHaveAttributeAsync("data-state", "ok", new() { Timeout = 60_000 });
            await Expect(Page.Locator("[data-testid=transfer-output]")).ToContainTextAsync($"Loaded image: {tag}");
            Assert.Equal(id, await DockerCommand.InspectAsync(tag, "{{.Id}}"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_commit_tab_validates_changes_then_commits_the_containers_change()
    {
        var name = await RunSleeperAsync("commit");
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "echo from-the-commit-tab > /made");
        var tag = NewImage("commit");
        await LoginAsync(Page, "/containers");
        await Page.GotoAsync($"/containers/{name}/commit");
        await WaitForInteractiveAsync(Page, "[data-testid=commit-reference]");

        await Page.Locator("[data-testid=commit-reference]").FillAsync(tag);
        await Page.Locator("[data-testid=commit-changes]").FillAsync("RUN rm -rf /");
        await FluentButton(Page.Locator("body"), "Commit").ClickAsync();
        await Expect(Page.Locator("[data-testid=commit-changes-error]")).ToContainTextAsync("is not a change the engine accepts");

        await Page.Locator("[data-testid=commit-changes]").FillAsync("ENV FROM_TAB=1\nLABEL quayside.test=1");
        await Expect(Page.Locator("[data-testid=commit-cli] .command")).ToHaveTextAsync($"docker commit -c 'ENV FROM_TAB=1' -c 'LABEL quayside.test=1' {name} {tag}");
        await FluentButton(Page.Locator("body"), "Commit").ClickAsync();

        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 30_000 });
        Assert.Equal("from-the-commit-tab", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/made"));
        Assert.Contains("FROM_TAB=1", await DockerCommand.InspectAsync(tag, "{{.Config.Env}}"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        foreach (var image in _images)
            await DockerCommand.RunAsync("rmi", "-f", image);
    }
}
