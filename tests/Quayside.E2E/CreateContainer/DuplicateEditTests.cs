using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.CreateContainer;

/// <summary>Duplicate/Edit of an existing container: the form pre-filled from it, Create next to it, and Replace.</summary>
public sealed class DuplicateEditTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private ILocator Field(string testId) => Page.Locator($"[data-testid={testId}]");

    private async Task OpenDuplicateAsync(string name)
    {
        await Page.GotoAsync($"/containers/{name}/duplicate");
        await WaitForInteractiveAsync(Page, "[data-testid=image]");
    }

    private async Task ReplaceAsync(string name, bool expectOk)
    {
        await FluentButton(Page.Locator("section.actions"), $"Replace {name}").ClickAsync();
        await Expect(Page.Locator("[data-testid=confirm-items]")).ToHaveTextAsync(name);
        await Expect(Page.Locator("[data-testid=confirm-cli] .command")).ToContainTextAsync($"docker stop {name} && docker rm {name} && docker run -d --name {name}");
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Field("create-outcome")).ToHaveAttributeAsync("data-ok", expectOk ? "true" : "false", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Replace_applies_the_edit_under_the_same_name_and_a_failing_edit_restores_the_old_one()
    {
        var name = NewName("edit");
        // Its sleep ignores SIGTERM: the stop signal makes the first Replace's docker stop end it at once instead of after 10 s
        // (not --init, which the copy would keep, and then the failing command would fail inside the container, not at start).
        await LabContainers.RunSleeperAsync(name, "--stop-signal", "SIGKILL", "-e", "MODE=old", "--memory", "256m");
        await LoginAsync();
        await OpenDuplicateAsync(name);

        await Expect(Field("name")).ToHaveValueAsync(name);
        await Expect(Field("image")).ToHaveValueAsync(LabContainers.BusyboxImage);
        await Expect(Field("command")).ToHaveValueAsync("sleep 100000");
        await Expect(Field("memory")).ToHaveValueAsync("256m");
        await Expect(Field("env-key-0")).ToHaveValueAsync("MODE");
        await Expect(Field("env-value-0")).ToHaveValueAsync("old");

        await Field("env-value-0").FillAsync("new");
        await ReplaceAsync(name, expectOk: true);
        await Expect(Field("create-outcome")).ToContainTextAsync($"Replaced {name}");
        Assert.Equal("running", await StatusOfAsync(name));
        Assert.Contains("MODE=new", await DockerCommand.InspectAsync(name, "{{json .Config.Env}}"));
        var replacedId = await DockerCommand.InspectAsync(name, "{{.Id}}");

        await OpenDuplicateAsync(name);
        await Expect(Field("env-value-0")).ToHaveValueAsync("new");
        await Field("command").FillAsync("no-such-program --serve");
        await ReplaceAsync(name, expectOk: false);
        await Expect(Field("error-command")).ToContainTextAsync("The command 'no-such-program' does not exist in the image.");
        await Expect(Field("create-outcome")).ToContainTextAsync($"The old container {name} was restored and started again");
        await Expect(Field("command")).ToHaveValueAsync("no-such-program --serve");
        Assert.Equal($"{replacedId} running", await DockerCommand.InspectAsync(name, "{{.Id}} {{.State.Status}}"));
        Assert.Contains("MODE=new", await DockerCommand.InspectAsync(name, "{{json .Config.Env}}"));
        Assert.Equal("", await DockerCommand.OkAsync("ps", "-a", "-q", "--filter", $"name={name}-replaced"));
    }

    [Fact]
    public async Task Duplicate_creates_a_second_container_with_the_same_configuration()
    {
        var name = NewName("orig");
        var copy = NewName("copy");
        await LabContainers.RunSleeperAsync(name, "--restart", "unless-stopped", "--label", "team=blue");
        await LoginAsync();
        await OpenDuplicateAsync(name);
        await Expect(Field("tab-duplicate")).ToHaveClassAsync("active");
        await Expect(Field("restart")).ToHaveValueAsync("unless-stopped");
        await Field("name").FillAsync(copy);
        await FluentButton(Page.Locator("section.actions"), "Create and start").ClickAsync();
        await Expect(Field("create-outcome")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 30_000 });

        Assert.Equal("running unless-stopped blue", await DockerCommand.InspectAsync(copy, "{{.State.Status}} {{.HostConfig.RestartPolicy.Name}} {{index .Config.Labels \"team\"}}"));
        Assert.Equal("running", await StatusOfAsync(name));
    }
}
