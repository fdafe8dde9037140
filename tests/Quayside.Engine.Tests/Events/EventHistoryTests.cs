using Quayside.Engine.Events;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Events;

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
            var filter = new EventFilter
            {
                Types = new HashSet<string> { "volume" }, Name = volume, Since = since, Until = DateTimeOffset.UtcNow,
            };
            var events = await EventHistory.ReadAsync(fixture.Model.Client, filter, 1000, CancellationToken.None);
            Assert.Equal(["create", "destroy"], events.Select(e => e.Action));
            Assert.All(events, e => Assert.Equal(volume, e.Actor.Id));
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(volume);
        }
    }
}
