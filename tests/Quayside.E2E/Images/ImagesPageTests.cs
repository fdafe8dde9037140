using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Images;

public sealed class ImagesPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task Lab_image_shows_its_platform_and_counts_the_containers_that_use_it()
    {
        await RunSleeperAsync("img");
        var imageId = await DockerCommand.InspectAsync(LabContainers.BusyboxImage, "{{.Id}}");

        await LoginAsync(Page, "/images");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(LabContainers.BusyboxImage);

        var row = Page.Locator("tr[data-testid=image-row]").Filter(new()
        {
            Has = Page.Locator("td.tags div", new() { HasTextRegex = new Regex($"^{Regex.Escape(LabContainers.BusyboxImage)}$") }),
        });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-id", imageId);

        var headers = await Page.Locator("[data-testid=images-table] thead th").AllInnerTextsAsync();
        var platformColumn = headers.Select(h => h.Trim()).ToList().IndexOf("Platform") + 1;
        Assert.True(platformColumn > 0, "the images table has no Platform column: " + string.Join(" | ", headers));
        // The platform comes from a per-image inspect after the list: it may show "…" for a moment.
        await Expect(row.Locator($"td:nth-child({platformColumn})")).ToHaveTextAsync("linux/amd64", new() { Timeout = 10_000 });

        // The count equals what the engine says, and includes this test's container.
        var count = row.Locator("[data-testid=image-containers]");
        var shown = -1;
        var actual = -2;
        var agreed = await EngineWait.UntilAsync(async () =>
        {
            shown = int.Parse(await count.InnerTextAsync());
            actual = await ContainersUsingAsync(imageId);
            return shown == actual;
        }, TimeSpan.FromSeconds(10));
        Assert.True(agreed, $"the page counts {shown} containers using the image, the engine {actual}");
        Assert.True(shown >= 1, $"the page counts {shown} containers using the image, but this test runs one");
    }

    /// <summary>Containers (any state) whose image is exactly this one, as the engine reports them.</summary>
    private static async Task<int> ContainersUsingAsync(string imageId)
    {
        var ids = (await DockerCommand.OkAsync("ps", "-a", "-q", "--no-trunc"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
            return 0;
        var inspect = await DockerCommand.RunAsync(["inspect", "--format", "{{.Image}}", .. ids]);
        // A container removed between the two commands makes inspect fail for it only; the caller polls again.
        return inspect.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Count(i => i == imageId);
    }
}
