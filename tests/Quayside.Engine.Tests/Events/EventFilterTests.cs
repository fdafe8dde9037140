using Quayside.Engine.Events;
using Quayside.Engine.Model;

namespace Quayside.Engine.Tests.Events;

public class EventFilterTests
{
    [Fact]
    public void The_events_filter_matches_type_action_name_and_time()
    {
        var at = DateTimeOffset.UtcNow;
        var e = new EngineEvent
        {
            Type = "container", Action = "start", TimeNano = at.ToUnixTimeMilliseconds() * 1_000_000,
            Actor = new EventActor { Id = "abc123", Attributes = new Dictionary<string, string> { ["name"] = "web-1", ["image"] = "nginx" } },
        };
        Assert.True(new EventFilter { Types = new HashSet<string> { "container" }, Action = "start", Name = "web" }.Matches(e));
        Assert.True(new EventFilter { Name = "nginx" }.Matches(e));
        Assert.False(new EventFilter { Types = new HashSet<string> { "volume" } }.Matches(e));
        Assert.False(new EventFilter { Since = at.AddMinutes(1) }.Matches(e));
        Assert.Contains("before", new EventFilter { Since = at, Until = at.AddHours(-1) }.Validate());
    }

    [Fact]
    public void The_recent_events_window_keeps_only_the_newest()
    {
        var window = new RecentEvents(3);
        for (var i = 0; i < 5; i++)
            window.Add(new EngineEvent { Action = i.ToString() });
        Assert.Equal(["2", "3", "4"], window.Snapshot().Select(e => e.Action));
    }
}
