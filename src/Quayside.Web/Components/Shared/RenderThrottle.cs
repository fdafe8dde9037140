namespace Quayside.Web.Components.Shared;

/// <summary>
/// Turns a burst of changes into at most one render per interval: the first change of a burst schedules a render one
/// interval later, and the changes until it runs ride along. The render reads the state when it runs, so the last change
/// is always shown; after <see cref="Dispose"/> nothing renders.
/// </summary>
/// <param name="render">Usually <c>() =&gt; InvokeAsync(StateHasChanged)</c>; called on a timer thread.</param>
public sealed class RenderThrottle(TimeSpan interval, Func<Task> render, TimeProvider? clock = null) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _pending, _disposed;

    /// <summary>Something changed: render within the interval.</summary>
    public void Changed() => Changed(interval);

    /// <summary>Something changed: render within <paramref name="delay"/> (zero for a change that must show at once, such as the end).</summary>
    public void Changed(TimeSpan delay)
    {
        lock (_gate)
        {
            if (_pending || _disposed)
                return;
            _pending = true;
            _timer ??= (clock ?? TimeProvider.System).CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            // Cleared before the render reads the state: a change from now on schedules the next render.
            _pending = false;
        }
        _ = RenderAsync();
    }

    // Async so that a render that throws at once faults its task (as before) rather than the timer's thread.
    private async Task RenderAsync() => await render();

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }
}
