namespace Quayside.E2E.Stacks;

/// <summary>A stack written from the New stack page, run, listed, then taken down with its volumes.</summary>
public sealed class NewStackTests(QuaysideApp app, ITestOutputHelper output) : StackBrowserTest(app, output)
{
    [Fact]
    public async Task A_stack_created_from_the_page_runs_is_listed_and_down_with_volumes_removes_what_it_listed()
    {
        var name = LabStacks.UniqueName("new");
        try
        {
            await LoginAsync(Page, "/stacks/new");
            await WaitForInteractiveAsync(Page, "[data-testid=new-name]");
            await Page.Locator("[data-testid=new-name]").FillAsync(name);
            await Page.GetByLabel("compose.yaml", new() { Exact = true }).FillAsync(LabStacks.ThreeServices(workers: 2));
            await Page.Locator("[data-testid=create-stack]").ClickAsync();

            await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/stacks/{name}", new() { Timeout = ComposeRun });
            await Expect(Page.Locator("[data-testid=stack-files]")).ToContainTextAsync($"Managed by Quayside in {Path.Combine(App.DataDirectory, "stacks", "local", name)}");
            await Expect(Page.Locator("tr[data-testid=service-row]")).ToHaveCountAsync(3, new() { Timeout = StateChange });
            await Expect(ServiceRow("web").Locator("[data-testid=service-status]")).ToHaveTextAsync("running 1 of 1");
            await Expect(ServiceRow("worker").Locator("[data-testid=service-status]")).ToHaveTextAsync("running 2 of 2");
            await Expect(ServiceRow("store").Locator("[data-testid=service-status]")).ToHaveTextAsync("running 1 of 1");
            Assert.Equal("hello-from-web", await LabStacks.FetchAsync(await InPlaceStack.WebPortAsync(name)));

            await Page.Locator("a[href='/stacks']").First.ClickAsync();
            await Expect(StackRow(name).Locator("[data-testid=stack-status]")).ToHaveTextAsync("running 4 of 4", new() { Timeout = StateChange });
            await StackRow(name).Locator("[data-testid=stack-link]").ClickAsync();
            await WaitForInteractiveAsync(Page, "[data-testid=tab-services]");

            await FluentButton(Page.Locator("main"), "Down with volumes").ClickAsync();
            var items = Page.Locator("[data-testid=confirm-items] li");
            await Expect(items).ToHaveCountAsync(6);
            foreach (var item in new[] { $"container {name}_web_1", $"container {name}_worker_1", $"container {name}_worker_2", $"container {name}_store_1", $"network {name}_default", $"volume {name}_data" })
                await Expect(items.Filter(new() { HasText = item })).ToHaveCountAsync(1);
            await Page.Locator("[data-testid=confirm-button]").ClickAsync();
            await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = ComposeRun });
            Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", $"{name}_data")).ExitCode);

            // Its files stay in the data folder, so the stack stays listed, down, ready for Up, until it is deleted.
            await Page.Locator("a[href='/stacks']").First.ClickAsync();
            await Expect(StackRow(name).Locator("[data-testid=stack-status]")).ToHaveTextAsync("down", new() { Timeout = StateChange });
            await StackRow(name).Locator("[data-testid=stack-link]").ClickAsync();
            await FluentButton(Page.Locator("main"), "Delete stack").ClickAsync();
            await Expect(Page.Locator("[data-testid=confirm-items] li").Filter(new() { HasText = "compose.yaml" })).ToHaveCountAsync(1);
            await Page.Locator("[data-testid=confirm-button]").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stacks$"), new() { Timeout = StateChange });
            await Expect(StackRow(name)).ToHaveCountAsync(0);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }
}
