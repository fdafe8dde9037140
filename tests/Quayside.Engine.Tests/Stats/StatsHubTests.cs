using Quayside.Engine.Connection;
using Quayside.Engine.Stats;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stats;

public sealed class StatsHubTests : IAsyncLifetime
{
    private readonly EngineClient _client = new(EngineEndpoint.FromEnvironment());
    private readonly List<string> _made = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        _client.Dispose();
    }

    private async Task<string> RunAsync(string prefix, string[] args, params string[] command)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        return await DockerCommand.OkAsync(["run", "-d", "--init", "--name", name, "--label", $"{LabContainers.TestLabel}=1", .. args, LabContainers.BusyboxImage, .. command]);
    }

    [Fact]
    public async Task A_busy_container_shows_cpu_and_memory()
    {
        var id = await RunAsync("stats-busy", ["--cpus", "0.5"], "sh", "-c", "while :; do :; done");
        await using var hub = new StatsHub(_client);
        using var viewer = hub.Subscribe(id);

        Assert.True(await EngineWait.UntilAsync(() => hub.Samples(id).Count(s => s.CpuPercent is not null) >= 3, TimeSpan.FromSeconds(10)),
            hub.Problem(id) ?? "fewer than 2 readings with a CPU figure");
        var latest = hub.Latest(id)!;
        // Limited to half a CPU; a shared, busy host may give it less, but never nothing.
        Assert.InRange(hub.Samples(id).Max(s => s.CpuPercent ?? 0), 5, 100);
        Assert.True(latest.MemoryUsage > 0);
        Assert.True(latest.MemoryLimit > 0);
        Assert.True(latest.Pids >= 2); // docker-init and sh
    }

    [Fact]
    public async Task Viewers_share_one_collector_that_stops_after_the_last_leaves()
    {
        var id = await RunAsync("stats-idle", [], "sleep", "100000");
        var idle = TimeSpan.FromMilliseconds(600);
        await using var hub = new StatsHub(_client, idle);
        var seenByFirst = 0;
        var first = hub.Subscribe(id, _ => Interlocked.Increment(ref seenByFirst));
        var second = hub.Subscribe(id);
        Assert.Equal(1, hub.CollectorCount);
        Assert.True(await EngineWait.UntilAsync(() => Volatile.Read(ref seenByFirst) > 0, TimeSpan.FromSeconds(5)), hub.Problem(id));

        first.Dispose();
        await Task.Delay(idle * 2);
        Assert.True(hub.IsCollecting(id), "one viewer is still there");

        second.Dispose();
        Assert.True(hub.IsCollecting(id), "kept for the idle time, so a quick return does not restart the stream");
        Assert.True(await EngineWait.UntilAsync(() => !hub.IsCollecting(id), idle + TimeSpan.FromSeconds(2)));
        Assert.Equal(0, hub.CollectorCount);
        Assert.Empty(hub.Samples(id));

        var before = Volatile.Read(ref seenByFirst);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(before, Volatile.Read(ref seenByFirst));
    }

    [Fact]
    public async Task A_viewer_returning_within_the_idle_time_keeps_the_same_collector()
    {
        var id = await RunAsync("stats-back", [], "sleep", "100000");
        await using var hub = new StatsHub(_client, TimeSpan.FromMilliseconds(800));
        hub.Subscribe(id).Dispose();
        await Task.Delay(300);
        using var again = hub.Subscribe(id);
        await Task.Delay(1200);
        Assert.True(hub.IsCollecting(id), "the earlier idle period must not stop a collector that has a viewer again");
    }
}
