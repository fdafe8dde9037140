using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.CreateContainer;

/// <summary>An image missing from the engine is pulled first (from the lab registry), with its progress shown.</summary>
public sealed class CreateWithPullTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task A_missing_image_is_pulled_with_progress_then_the_container_is_created()
    {
        var image = await LabRegistry.CopyTagAsync(LabRegistry.Open, LabRegistry.Busybox, LabRegistry.MultiArchTag, LabRegistry.UniqueTag("create"));
        var name = NewName("pulled");
        try
        {
            await LoginAsync(Page, "/containers/new");
            await WaitForInteractiveAsync(Page, "[data-testid=image]");
            await Page.Locator("[data-testid=image]").FillAsync(image);
            await Page.Locator("[data-testid=name]").FillAsync(name);
            await Page.Locator("[data-testid=command]").FillAsync("sleep 100000");
            await Page.Locator("[data-testid=add-label]").ClickAsync();
            await Page.Locator("[data-testid=label-key-0]").FillAsync(LabContainers.TestLabel);
            await Page.Locator("[data-testid=label-value-0]").FillAsync("1");
            await FluentButton(Page.Locator("section.actions"), "Create and start").ClickAsync();

            await Expect(Page.Locator("[data-testid=run-form] [data-testid=pull-progress]")).ToBeVisibleAsync();
            await Expect(Page.Locator("[data-testid=pull-cli] .command")).ToHaveTextAsync($"docker pull {image}");
            await Expect(Page.Locator("[data-testid=create-outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 60_000 });
            await Expect(Page.Locator("[data-testid=run-form] [data-testid=pull-progress]")).ToHaveAttributeAsync("data-state", "succeeded");
            Assert.Equal("running", await StatusOfAsync(name));
            Assert.Equal(image, await DockerCommand.InspectAsync(name, "{{.Config.Image}}"));
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
            await LabRegistry.RemoveImageAsync(image);
        }
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_is_reported_on_the_image_field()
    {
        var image = $"{LabRegistry.Open}/lab/not-there:{LabRegistry.UniqueTag("none")}";
        await LoginAsync(Page, "/containers/new");
        await WaitForInteractiveAsync(Page, "[data-testid=image]");
        await Page.Locator("[data-testid=image]").FillAsync(image);
        await FluentButton(Page.Locator("section.actions"), "Create and start").ClickAsync();
        await Expect(Page.Locator("[data-testid=error-image]")).ToContainTextAsync($"The image '{image}' is not on this engine and could not be pulled", new() { Timeout = 30_000 });
        await Expect(Page.Locator("[data-testid=image]")).ToHaveValueAsync(image);
    }
}
