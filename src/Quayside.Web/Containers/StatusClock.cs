namespace Quayside.Web.Containers;

/// <summary>
/// The app-wide tick that keeps texts made from times current ("Up 3 minutes" becomes "Up 4 minutes") without asking the
/// engine: one timer for every browser, running only while something subscribes.
/// </summary>
public sealed class StatusClock(TimeProvider time, ILogger<StatusClock> log, TimeSpan? interval = null)
{
    /// <summary>docker ps's wording moves on each second under a minute.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _interval = interval ?? DefaultInterval;
    private readonly Lock _gate = new();
    private readonly List<Action> _subscribers = [];
    private ITimer? _timer;

    public DateTimeOffset Now => time.GetUtcNow();

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
                return _subscribers.Count;
        }
    }

    public bool IsTicking
    {
        get
        {
            lock (_gate)
                return _timer is not null;
        }
    }

    /// <summary>Calls <paramref name="onTick"/> (on a timer thread) at each tick until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Action onTick)
    {
        lock (_gate)
        {
            _subscribers.Add(onTick);
            _timer ??= time.CreateTimer(_ => Tick(), null, _interval, _interval);
        }
        return new Subscription(this, onTick);
    }

    private void Unsubscribe(Action onTick)
    {
        ITimer? stopped = null;
        lock (_gate)
        {
            _subscribers.Remove(onTick);
            if (_subscribers.Count == 0)
                (stopped, _timer) = (_timer, null);
        }
        stopped?.Dispose();
    }

    private void Tick()
    {
        Action[] subscribers;
        lock (_gate)
            subscribers = [.. _subscribers];
        foreach (var onTick in subscribers)
        {
            try
            {
                onTick();
            }
            catch (Exception e)
            {
                log.LogError(e, "A status clock subscriber failed");
            }
        }
    }

    private sealed class Subscription(StatusClock clock, Action onTick) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                clock.Unsubscribe(onTick);
        }
    }
}
