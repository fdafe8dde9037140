namespace Quayside.E2E.ImageArchives;

/// <summary>Save from the images page, the load page and the container's commit tab, driven in Chromium.</summary>
public sealed class ImageArchivePagesTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
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

            await Page.GotoAsync("/image-archives");
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
}
