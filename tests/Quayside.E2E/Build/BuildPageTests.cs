namespace Quayside.E2E.Build;

/// <summary>The build page, driven in Chromium.</summary>
public sealed class BuildPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private async Task OpenBuildPageAsync(string tag, string dockerfile)
    {
        await LoginAsync(Page, "/build");
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
}
