using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Auth;

public sealed class AccountTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly Regex LoginUrl = new(@"/login(\?|$)");

    [Fact]
    public async Task Unauthenticated_visit_lands_on_login_wrong_password_is_refused_right_password_opens_containers()
    {
        await Page.GotoAsync("/containers");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=login-error]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("h1", new() { HasTextString = "Containers" })).ToHaveCountAsync(0);

        await Page.Locator("#userName").FillAsync(QuaysideApp.UserName);
        await Page.Locator("#password").FillAsync(App.Password + "-wrong");
        await Page.Locator("button[type=submit]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.Locator("[data-testid=login-error]")).ToHaveTextAsync("Wrong user name or password.");

        await Page.Locator("#userName").FillAsync(QuaysideApp.UserName);
        await Page.Locator("#password").FillAsync(App.Password);
        await Page.Locator("button[type=submit]").ClickAsync();
        // The page asked for first is where the login leads.
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/containers");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Containers");
        await Expect(Page.Locator("[data-testid=containers-table]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=user-name]")).ToHaveTextAsync(QuaysideApp.UserName);
        await Expect(Page.Locator("[data-testid=login-error]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Logout_returns_to_login_and_containers_then_redirects_to_login_again()
    {
        await LoginAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Expect(Page.Locator("[data-testid=user-name]")).ToHaveTextAsync(QuaysideApp.UserName);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await Expect(Page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "quayside.session");

        await Page.GotoAsync("/containers");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=containers-table]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Images_page_also_needs_a_login()
    {
        var response = await Page.GotoAsync("/images");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=images-table]")).ToHaveCountAsync(0);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"the login page answered {response.Status}");
    }
}
