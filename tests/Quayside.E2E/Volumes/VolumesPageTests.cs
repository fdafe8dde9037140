namespace Quayside.E2E.Volumes;

public sealed class VolumesPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task A_volume_created_from_the_page_shows_the_container_run_on_it_from_the_cli()
    {
        var volume = NewVolume("pagevol");
        var container = NewName("onvol");

        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=create-open]").ClickAsync();
        await Page.Locator("[data-testid=create-name]").FillAsync(volume);
        await Page.Locator("[data-testid=create-labels]").FillAsync(LabLabelLines);
        await Expect(Page.Locator("[data-testid=create-cli] .command")).ToContainTextAsync($"docker volume create --label {LabContainers.TestLabel}=1");
        await Page.Locator("[data-testid=create-save]").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");
        var volumeRow = Page.Locator($"tr[data-testid=volume-row][data-name=\"{volume}\"]");
        await Expect(volumeRow).ToHaveCountAsync(1, new() { Timeout = StateChange });
        await Expect(volumeRow.Locator("[data-testid=unused]")).ToBeVisibleAsync();
        await Expect(volumeRow.Locator("[data-testid=volume-refcount]")).ToHaveTextAsync("0");
        Assert.Equal("1", await DockerCommand.OkAsync("volume", "inspect", "--format", $"{{{{index .Labels \"{LabResources.Issue8Label}\"}}}}", volume));

        await LabContainers.RunSleeperAsync(container, "-v", $"{volume}:/data");
        await Expect(volumeRow.Locator("[data-testid=volume-refcount]")).ToHaveTextAsync("1", new() { Timeout = StateChange });
        await Expect(volumeRow.Locator("[data-testid=volume-containers] a")).ToHaveTextAsync(container);
        await Expect(volumeRow.Locator("[data-testid=unused]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Removing_a_volume_in_use_is_refused_in_words()
    {
        var volume = NewVolume("busyvol");
        await LabResources.CreateVolumeAsync(volume);
        await RunSleeperAsync("holder", "-v", $"{volume}:/d");

        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(volume);
        await Page.Locator($"tr[data-testid=volume-row][data-name=\"{volume}\"] [data-testid=row-remove]").ClickAsync();
        await Expect(Page.Locator("[data-testid=confirm-items]")).ToContainTextAsync(volume);
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "false");
        await Expect(Page.Locator("[data-testid=outcome]")).ToContainTextAsync($"The volume '{volume}' is in use by container");
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker volume rm {volume}");
    }

    [Fact]
    public async Task A_volume_prune_scoped_by_label_lists_first_then_removes_exactly_that_and_reports_the_space()
    {
        var label = LabResources.UniqueLabel();
        var unused = NewVolume("pruneme");
        var kept = NewVolume("keepme");
        await LabResources.CreateVolumeAsync(unused, "--label", label);
        await LabResources.CreateVolumeAsync(kept, "--label", label);
        await RunSleeperAsync("keeper", "-v", $"{kept}:/d");

        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=prune-label]");
        await Page.Locator("[data-testid=prune-label]").FillAsync(label);
        await Expect(Page.Locator($"tr[data-testid=volume-row][data-name=\"{kept}\"] [data-testid=volume-refcount]")).ToHaveTextAsync("1", new() { Timeout = StateChange });
        await Page.Locator("[data-testid=prune]").ClickAsync();

        var items = Page.Locator("[data-testid=confirm-items] li");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.First).ToContainTextAsync(unused);
        await Expect(Page.Locator("[data-testid=confirm-cli] .command")).ToHaveTextAsync($"docker volume prune -f --filter label={label}");
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();

        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 30_000 });
        await Expect(Page.Locator("[data-testid=outcome]")).ToContainTextAsync($"Removed 1 volume: {unused}; reclaimed");
        Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", unused)).ExitCode);
        Assert.Equal(0, (await DockerCommand.RunAsync("volume", "inspect", kept)).ExitCode);
        await Expect(Page.Locator($"tr[data-testid=volume-row][data-name=\"{unused}\"]")).ToHaveCountAsync(0, new() { Timeout = StateChange });
    }

    [Fact]
    public async Task A_bad_prune_label_is_refused_with_what_is_wrong_before_reaching_the_engine()
    {
        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=prune-label]");
        await Page.Locator("[data-testid=prune-label]").FillAsync("has space");
        await Expect(Page.Locator("[data-testid=prune-label-error]")).ToContainTextAsync("is not a label filter");
        await Page.Locator("[data-testid=prune]").ClickAsync();
        await Expect(Page.Locator("[data-testid=confirm-dialog]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "false");
    }
}
