using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Containers;
using Quayside.TestSupport;
using static Quayside.Web.Tests.Containers.ContainersPageTests;
using ContainersPage = Quayside.Web.Containers.Containers;

namespace Quayside.Web.Tests.Containers;

/// <summary>The row of the container Quayside runs in is marked, and stopping it asks first.</summary>
public sealed class SelfContainerMarkTests : IAsyncLifetime
{
    private readonly PageTestContext _ctx = new();
    private readonly string _name = LabContainers.UniqueName("bunit-self");

    public async Task InitializeAsync() => Assert.True(await _ctx.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(10)));

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await _ctx.DisposeAsync();
    }

    [Fact]
    public async Task Quaysides_own_row_is_marked_and_stop_asks_with_the_warning_instead_of_stopping()
    {
        var id = await LabContainers.RunSleeperAsync(_name);
        _ctx.Bunit.Services.AddSingleton(new SelfContainer(id));
        var page = _ctx.Bunit.Render<ContainersPage>();
        await TriggerAsync(page, () => page.Find("[data-testid=search]").Input(_name));
        page.WaitForAssertion(() => Assert.Equal("running", Row(page, _name)?.GetAttribute("data-state")), TimeSpan.FromSeconds(5));
        Assert.Equal("this is Quayside", Row(page, _name)!.QuerySelector("[data-testid=self-badge]")?.TextContent);

        await TriggerAsync(page, () => Row(page, _name)!.QuerySelector("[data-testid=row-stop]")!.Click());
        var dialog = page.Find("[data-testid=confirm-dialog]");
        Assert.Contains("This is the Quayside container; stopping it ends this page.", dialog.TextContent);
        Assert.Equal($"docker stop -t 10 {_name}", dialog.QuerySelector("[data-testid=confirm-cli] .command")?.TextContent);
        Assert.Equal("running", await DockerCommand.InspectAsync(_name, "{{.State.Status}}"));
    }
}
