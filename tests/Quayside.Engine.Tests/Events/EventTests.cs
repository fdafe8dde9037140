using Quayside.Engine.Events;
using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Events;

/// <summary>Engine events on the real engine: the live feed the model raises and keeps, and a past range read back.</summary>
public class EventTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;

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

    [Fact]
    public async Task A_past_range_is_read_from_the_engine_and_filtered_like_the_live_feed()
    {
        var volume = LabContainers.UniqueName("hist");
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            await LabResources.RemoveVolumesAsync(volume);
            var filter = new EventFilter
            {
                Types = new HashSet<string> { "volume" }, Name = volume, Since = since, Until = DateTimeOffset.UtcNow,
            };
            var events = await EventHistory.ReadAsync(Model.Client, filter, 1000, CancellationToken.None);
            Assert.Equal(["create", "destroy"], events.Select(e => e.Action));
            Assert.All(events, e => Assert.Equal(volume, e.Actor.Id));
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(volume);
        }
    }
}
