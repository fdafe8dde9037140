using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quayside.Engine.Containers;
using Quayside.TestSupport;
using Quayside.Web.Containers;
using Quayside.Web.Files;
using Quayside.Web.ImageArchives;
using Quayside.Web.Components.Shared;
using Quayside.Web.Tests;
using ContainersPage = Quayside.Web.Containers.Containers;

namespace Quayside.Web.Tests.Containers;

/// <summary>The uptime a person reads in the containers table and the container header moves on with the clock alone.</summary>
public class ContainerStatusTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);
    private readonly PageTestContext _ctx = new();
    private readonly ManualClock _time = new();
    private readonly StatusClock _clock;
    private readonly string _name = LabContainers.UniqueName("uptime");

    public ContainerStatusTests()
    {
        _clock = new StatusClock(_time, NullLogger<StatusClock>.Instance, TimeSpan.FromMilliseconds(50));
        _ctx.Bunit.Services.AddSingleton(_clock);
    }

    public async Task InitializeAsync()
    {
        Assert.True(await _ctx.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(10)));
        await LabContainers.RunSleeperAsync(_name);
        Assert.True(await EngineWait.UntilAsync(() => _ctx.Model.FindContainer(_name) is { State: "running", Run: not null }, Soon),
            "the model did not read the new container's start time");
        // The hand-moved clock stands still: set it to the container's start, so the steps below are exact.
        _time.Advance(_ctx.Model.FindContainer(_name)!.StartedAt!.Value - _time.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await _ctx.DisposeAsync();
    }

    [Fact]
    public async Task The_state_column_counts_up_from_seconds_to_minutes_to_hours_without_an_engine_event()
    {
        var page = _ctx.Bunit.Render<ContainersPage>();
        await ContainersPageTests.TriggerAsync(page, () => page.Find("[data-testid=search]").Input(_name));
        string Status() => ContainersPageTests.Row(page, _name)?.QuerySelector("[data-testid=status]")?.TextContent ?? "(no row)";
        page.WaitForAssertion(() => Assert.Equal("Up Less than a second", Status()), Soon);

        _time.Advance(TimeSpan.FromMinutes(3));
        page.WaitForAssertion(() => Assert.Equal("Up 3 minutes", Status()), Soon);
        Assert.Equal("Up 3 minutes", ContainersPageTests.Row(page, _name)!.QuerySelector("[data-testid=state]")!.GetAttribute("title"));
        _time.Advance(TimeSpan.FromHours(2));
        page.WaitForAssertion(() => Assert.Equal("Up 2 hours", Status()), Soon);

        // The engine, in real time, still says seconds: the text came from the clock, not from a new list.
        Assert.Matches("second", _ctx.Model.FindContainer(_name)!.Status);
    }

    [Fact]
    public void The_container_header_counts_up_too()
    {
        var page = _ctx.Bunit.Render<ContainerShell>(p => p
            .Add(s => s.Id, _name)
            .Add(s => s.Tab, "inspect")
            .Add(s => s.ChildContent, (RenderFragment<ContainerSummary>)(_ => _ => { })));
        string Status() => page.Find("[data-testid=container-status]").TextContent;
        page.WaitForAssertion(() => Assert.StartsWith("Up ", Status()), Soon);

        _time.Advance(TimeSpan.FromMinutes(61));
        page.WaitForAssertion(() => Assert.Equal("Up About an hour", Status()), Soon);
        Assert.Equal("Up About an hour", page.Find("[data-testid=container-state]").GetAttribute("title"));
    }

    [Fact]
    public async Task The_clock_ticks_only_while_a_status_is_on_screen()
    {
        Assert.False(_clock.IsTicking);
        var page = _ctx.Bunit.Render<ContainersPage>();
        await ContainersPageTests.TriggerAsync(page, () => page.Find("[data-testid=search]").Input(_name));
        page.WaitForAssertion(() => Assert.NotNull(ContainersPageTests.Row(page, _name)), Soon);
        Assert.True(_clock.IsTicking);
        Assert.True(_clock.SubscriberCount >= 1);

        await ContainersPageTests.TriggerAsync(page, () => page.Find("[data-testid=search]").Input("no-such-container-" + Guid.NewGuid()));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr[data-testid=container-row]")), Soon);
        Assert.Equal(0, _clock.SubscriberCount);
        Assert.False(_clock.IsTicking);

        await ContainersPageTests.TriggerAsync(page, () => page.Find("[data-testid=search]").Input(_name));
        page.WaitForAssertion(() => Assert.Equal(1, _clock.SubscriberCount), Soon);
        await _ctx.Bunit.DisposeComponentsAsync();
        Assert.Equal(0, _clock.SubscriberCount);
        Assert.False(_clock.IsTicking);
    }
}
