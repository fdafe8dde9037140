using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Navigation;

public sealed class PhoneMenuTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly string[] Sections =
        ["Overview", "Containers", "Images", "Pull/Search", "Volumes", "Networks", "Disk usage", "Events", "Versions"];

    [Fact]
    public async Task On_a_phone_the_menu_reaches_every_section_and_closes_after_the_choice()
    {
        var phone = await App.Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await NewPageAsync(phone);
        await LoginAsync(page, "/");
        var menu = page.Locator("[data-testid=menu-button]");
        var nav = page.Locator("nav[aria-label=Sections]");

        await Expect(menu).ToBeVisibleAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(nav).ToBeHiddenAsync();
        await menu.TapAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        foreach (var section in Sections)
        {
            var link = nav.GetByRole(AriaRole.Link, new() { Name = section, Exact = true });
            await Expect(link).ToBeVisibleAsync();
            var box = await link.BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"{section} is outside the phone's width ({box.X}..{box.X + box.Width})");
        }
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= 390"), "the open menu makes the page scroll sideways");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }).TapAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/events");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Events");
        await Expect(nav).ToBeHiddenAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await phone.CloseAsync();
    }

    [Fact]
    public async Task On_a_wide_window_every_section_is_in_the_bar_without_a_menu()
    {
        await LoginAsync(Page, "/");
        await Expect(Page.Locator("[data-testid=menu-button]")).ToBeHiddenAsync();
        foreach (var section in Sections)
            await Expect(Page.Locator("nav[aria-label=Sections]").GetByRole(AriaRole.Link, new() { Name = section, Exact = true })).ToBeVisibleAsync();
    }
}
