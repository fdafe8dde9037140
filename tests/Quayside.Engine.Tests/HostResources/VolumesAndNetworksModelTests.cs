using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.HostResources;

public class VolumesAndNetworksModelTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;

    [Fact]
    public async Task A_volume_created_used_and_removed_from_the_cli_shows_within_a_second_each_with_its_users()
    {
        var volume = LabContainers.UniqueName("vol");
        var container = LabContainers.UniqueName("volc");
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            Assert.True(await EngineWait.UntilAsync(() => Model.Volumes.ContainsKey(volume), OneSecond), "volume create not seen within 1 s");
            Assert.Empty(Model.ContainersUsingVolume(volume));
            Assert.Equal("1", Model.Volumes[volume].LabelsOrEmpty[LabResources.Issue8Label]);

            await LabContainers.CreateAsync(container, "-v", $"{volume}:/data");
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(volume).Count == 1, OneSecond), "the container using the volume not seen within 1 s");
            Assert.Equal(container, Model.ContainersUsingVolume(volume)[0].Name);
            Assert.DoesNotContain(VolumeQuery.PruneCandidates(Model, LabResources.Issue8Label), v => v.Name == volume);

            await LabContainers.RemoveAsync(container);
            await DockerCommand.OkAsync("volume", "rm", volume);
            Assert.True(await EngineWait.UntilAsync(() => !Model.Volumes.ContainsKey(volume), OneSecond), "volume removal not seen within 1 s");
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task A_network_created_connected_and_removed_from_the_cli_shows_within_a_second_each()
    {
        var network = LabContainers.UniqueName("net");
        var container = LabContainers.UniqueName("netc");
        try
        {
            await LabResources.CreateNetworkAsync(network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is not null, OneSecond), "network create not seen within 1 s");
            Assert.False(Model.FindNetwork(network)!.IsPredefined);

            await LabContainers.RunSleeperAsync(container);
            await DockerCommand.OkAsync("network", "connect", network, container);
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersOnNetwork(network).Any(c => c.Name == container), OneSecond), "connect not seen within 1 s");
            Assert.True(NetworkQuery.HasActiveEndpoints(Model, Model.FindNetwork(network)!));

            await DockerCommand.OkAsync("network", "disconnect", network, container);
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersOnNetwork(network).Count == 0, OneSecond), "disconnect not seen within 1 s");

            await DockerCommand.OkAsync("network", "rm", network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is null, OneSecond), "network removal not seen within 1 s");
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveNetworksAsync(network);
        }
    }

    [Fact]
    public void The_predefined_networks_are_loaded_and_marked()
    {
        foreach (var name in new[] { "bridge", "host", "none" })
            Assert.True(Model.FindNetwork(name)?.IsPredefined, $"{name} is missing or not marked predefined");
    }

    [Fact]
    public async Task Every_engine_event_is_raised_and_kept_as_it_is_read()
    {
        var volume = LabContainers.UniqueName("evt");
        var seen = new List<EngineEvent>();
        void OnEvent(EngineEvent e)
        {
            lock (seen)
                seen.Add(e);
        }
        Model.EventReceived += OnEvent;
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            Assert.True(await EngineWait.UntilAsync(() => { lock (seen) return seen.Any(e => e.Type == "volume" && e.Action == "create" && e.Actor.Id == volume); }, OneSecond),
                "the volume create event was not raised within 1 s");
            Assert.Contains(Model.RecentEvents, e => e.Type == "volume" && e.Action == "create" && e.Actor.Id == volume);
            Assert.True(Model.RecentEvents.Count <= HostModel.RecentEventsKept);
        }
        finally
        {
            Model.EventReceived -= OnEvent;
            await LabResources.RemoveVolumesAsync(volume);
        }
    }
}

public class EventHistoryTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    [Fact]
    public async Task A_past_range_is_read_from_the_engine_and_filtered_like_the_live_feed()
    {
        var volume = LabContainers.UniqueName("hist");
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            await LabResources.RemoveVolumesAsync(volume);
            var filter = new Quayside.Engine.Events.EventFilter
            {
                Types = new HashSet<string> { "volume" }, Name = volume, Since = since, Until = DateTimeOffset.UtcNow,
            };
            var events = await Quayside.Engine.Events.EventHistory.ReadAsync(fixture.Model.Client, filter, 1000, CancellationToken.None);
            Assert.Equal(["create", "destroy"], events.Select(e => e.Action));
            Assert.All(events, e => Assert.Equal(volume, e.Actor.Id));
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(volume);
        }
    }
}
