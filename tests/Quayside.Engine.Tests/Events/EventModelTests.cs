using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Events;

public class EventModelTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
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
            Assert.True(await EngineWait.UntilAsync(() => { lock (seen) return seen.Any(e => e.Type == "volume" && e.Action == "create" && e.Actor.Id == volume); }, TimeSpan.FromSeconds(1)),
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
