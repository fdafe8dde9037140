using Quayside.Web.Components.Shared;

namespace Quayside.Web.Tests.Shared;

/// <summary>The one throttle of the live components, on a clock whose timers fire only when the test moves it.</summary>
public sealed class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private readonly ManualTimers _clock = new();
    private readonly List<int> _rendered = [];
    private int _state;

    private RenderThrottle Throttle() => new(Interval, () =>
    {
        _rendered.Add(_state);
        return Task.CompletedTask;
    }, _clock);

    private void Change(RenderThrottle throttle, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _state++;
            throttle.Changed();
        }
    }

    [Fact]
    public void A_burst_of_changes_is_one_render_an_interval_later_showing_the_last_state()
    {
        using var throttle = Throttle();
        Change(throttle, 100);
        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_rendered);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([100], _rendered);
        _clock.Advance(Interval * 10);
        Assert.Equal([100], _rendered);
    }

    [Fact]
    public void Changes_that_go_on_render_at_most_once_per_interval_and_the_last_one_always()
    {
        using var throttle = Throttle();
        var step = TimeSpan.FromMilliseconds(10);
        for (var t = TimeSpan.Zero; t < Interval * 5; t += step)
        {
            Change(throttle, 3);
            _clock.Advance(step);
        }
        Assert.Equal(5, _rendered.Count); // 75 steps, 225 changes
        Assert.Equal(_state, _rendered[^1]);
        _clock.Advance(Interval);
        Assert.Equal(5, _rendered.Count);
    }

    [Fact]
    public void A_change_with_no_delay_renders_at_once_and_the_pending_one_is_not_doubled()
    {
        using var throttle = Throttle();
        _state = 1;
        throttle.Changed(TimeSpan.Zero);
        _clock.Advance(TimeSpan.Zero);
        Assert.Equal([1], _rendered);
        _state = 2;
        throttle.Changed();
        _state = 3;
        throttle.Changed(TimeSpan.Zero); // a render is already on its way: this change rides along
        _clock.Advance(Interval);
        Assert.Equal([1, 3], _rendered);
    }

    [Fact]
    public void After_dispose_nothing_renders_not_even_the_pending_change()
    {
        var throttle = Throttle();
        Change(throttle, 5);
        throttle.Dispose();
        _clock.Advance(Interval * 2);
        Change(throttle, 5);
        _clock.Advance(Interval * 2);
        Assert.Empty(_rendered);
    }

    [Fact]
    public void A_render_that_throws_does_not_stop_the_next_ones()
    {
        var calls = 0;
        using var throttle = new RenderThrottle(Interval, () =>
        {
            calls++;
            throw new InvalidOperationException("the circuit is gone");
        }, _clock);
        throttle.Changed();
        _clock.Advance(Interval);
        throttle.Changed();
        _clock.Advance(Interval);
        Assert.Equal(2, calls);
    }

    /// <summary>A clock whose one-shot timers fire, on the test's thread, when <see cref="Advance"/> passes their due time.</summary>
    private sealed class ManualTimers : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => _now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, () => callback(state));
            timer.Change(dueTime, period);
            _timers.Add(timer);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            _now += by;
            foreach (var timer in _timers.ToList())
                timer.FireIfDue();
        }

        private sealed class ManualTimer(ManualTimers clock, Action fire) : ITimer
        {
            private DateTimeOffset? _due;

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                return true;
            }

            public void FireIfDue()
            {
                if (_due is not { } due || due > clock._now)
                    return;
                _due = null;
                fire();
            }

            public void Dispose() => _due = null;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
