using Microsoft.Playwright;

namespace Quayside.E2E.Files;

/// <summary>The container's files tab, driven in Chromium.</summary>
public sealed class FilesPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
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
}
