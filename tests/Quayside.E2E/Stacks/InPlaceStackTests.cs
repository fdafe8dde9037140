namespace Quayside.E2E.Stacks;

/// <summary>A project started by docker-compose outside Quayside: listed, edited in place, applied, scaled.</summary>
public sealed partial class InPlaceStackTests(QuaysideApp app, InPlaceStack stack, ITestOutputHelper output)
    : StackBrowserTest(app, output), IClassFixture<InPlaceStack>
{
    [Fact]
    public async Task A_project_started_by_docker_compose_is_listed_in_place_edited_reviewed_applied_and_kept_in_the_history()
    {
        await LoginAsync(Page, "/stacks");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Expect(StackRow(stack.Name).Locator("[data-testid=stack-files]")).ToHaveTextAsync($"In place: {stack.File}", new() { Timeout = StateChange });
        await StackRow(stack.Name).Locator("[data-testid=stack-link]").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/stacks/{stack.Name}");
        await WaitForInteractiveAsync(Page, "[data-testid=tab-files]");
        await ShowTabAsync("files");

        var before = await File.ReadAllTextAsync(stack.File);
        await Expect(FileText(stack.File)).ToHaveValueAsync(before);
        await FileText(stack.File).FillAsync(before.Replace(InPlaceStack.Page, "edited-from-the-page", StringComparison.Ordinal));
        await Page.Locator("[data-testid=review]").ClickAsync();

        var fileDiff = Page.Locator("[data-testid=diff-view]").Filter(new() { Has = Page.Locator("[data-testid=diff-title]", new() { HasText = stack.File }) });
        await Expect(fileDiff.Locator("[data-testid=diff-counts]")).ToHaveTextAsync("1 added, 1 removed", new() { Timeout = 30_000 });
        await Expect(fileDiff.Locator("[data-testid=diff-line][data-kind=removed]")).ToContainTextAsync($"echo {InPlaceStack.Page} >");
        await Expect(fileDiff.Locator("[data-testid=diff-line][data-kind=added]")).ToContainTextAsync("echo edited-from-the-page >");
        Assert.Equal(before, await File.ReadAllTextAsync(stack.File));

        await Page.Locator("[data-testid=settle]").FillAsync("2");
        await Page.Locator("[data-testid=apply]").ClickAsync();
        var result = Page.Locator("[data-testid=apply-result]");
        await Expect(result).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = ComposeRun });
        await Expect(result).ToContainTextAsync("Applied");
        Assert.Equal("edited-from-the-page", await LabStacks.FetchAsync(await InPlaceStack.WebPortAsync(stack.Name)));
        Assert.Contains("echo edited-from-the-page >", await File.ReadAllTextAsync(stack.File));

        await ShowTabAsync("history");
        var versions = Page.Locator("tr[data-testid=version-row]");
        await Expect(versions).ToHaveCountAsync(2);
        await Expect(versions.Nth(0)).ToHaveAttributeAsync("data-version", "2");
        await Expect(versions.Nth(0)).ToContainTextAsync("apply");
        await Expect(versions.Nth(1)).ToHaveAttributeAsync("data-version", "1");
        await Expect(versions.Nth(1)).ToContainTextAsync("files as found");
    }

    [Fact]
    public async Task Scaling_a_service_from_its_row_shows_the_new_count_and_the_compose_line_it_ran()
    {
        await OpenStackAsync(stack.Name);
        var worker = ServiceRow("worker");
        await Expect(worker.Locator("[data-testid=service-status]")).ToHaveTextAsync("running 2 of 2", new() { Timeout = StateChange });

        await ScaleAsync(worker, 4);
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = ComposeRun });
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("--scale worker=4 worker$"));
        await Expect(worker.Locator("[data-testid=service-status]")).ToHaveTextAsync("running 4 of 4", new() { Timeout = StateChange });

        await ScaleAsync(worker, 1);
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("--scale worker=1 worker$"), new() { Timeout = ComposeRun });
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(worker.Locator("[data-testid=service-status]")).ToHaveTextAsync("running 1 of 1", new() { Timeout = StateChange });
        await Expect(worker.Locator("[data-testid=service-container]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_compose_file_that_is_not_yaml_is_refused_with_its_line_and_nothing_is_written()
    {
        await OpenStackAsync(stack.Name, "files");
        var before = await File.ReadAllTextAsync(stack.File);
        await Expect(FileText(stack.File)).ToHaveValueAsync(before);
        var lines = before.Split('\n');
        Assert.Equal("    init: true", lines[3]);
        lines[3] = "   init: true";
        await FileText(stack.File).FillAsync(string.Join('\n', lines));
        await Page.Locator("[data-testid=validate]").ClickAsync();

        var editor = Page.Locator($"[data-testid=file-editor][data-path=\"{stack.File}\"]");
        await Expect(editor.Locator("[data-testid=yaml-problem]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(editor.Locator("[data-testid=yaml-problem]")).ToContainTextAsync("Line 4:");
        await Expect(editor.Locator("[data-testid=yaml-problem-line]")).ToHaveAttributeAsync("data-line", "4");
        await Expect(FileText(stack.File)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("[data-testid=apply]")).ToHaveCountAsync(0);
        Assert.Equal(before, await File.ReadAllTextAsync(stack.File));
    }

    private static async Task ScaleAsync(Microsoft.Playwright.ILocator row, int count)
    {
        var input = row.Locator("[data-testid=scale-input]");
        await input.FillAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await input.DispatchEventAsync("change");
        await row.Locator("[data-testid=service-scale]").ClickAsync();
    }
}
