using Quayside.Engine.Connection;

namespace Quayside.Engine.Stats;

/// <summary>
/// One <see cref="StatsCollector"/> per container for all viewers: the first subscription starts it, and it stops
/// <see cref="IdleTimeout"/> after the last one is disposed (each stats stream costs the daemon CPU).
/// </summary>
public sealed class StatsHub(EngineClient client, TimeSpan? idleTimeout = null) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(15);

    private readonly object _lock = new();
    private readonly Dictionary<string, Entry> _entries = [];
    private bool _disposed;

    public TimeSpan IdleTimeout { get; } = idleTimeout ?? DefaultIdleTimeout;

    /// <summary>How many containers have a collector now.</summary>
    public int CollectorCount
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    public bool IsCollecting(string containerId)
    {
        lock (_lock)
            return _entries.ContainsKey(containerId);
    }

    /// <summary>The collector's samples so far (empty when nobody watches the container).</summary>
    public IReadOnlyList<StatsSample> Samples(string containerId)
    {
        lock (_lock)
            return _entries.TryGetValue(containerId, out var e) ? e.Collector.Samples : [];
    }

    public StatsSample? Latest(string containerId)
    {
        lock (_lock)
            return _entries.TryGetValue(containerId, out var e) ? e.Collector.Latest : null;
    }

    public string? Problem(string containerId)
    {
        lock (_lock)
            return _entries.TryGetValue(containerId, out var e) ? e.Collector.Problem : null;
    }

    /// <summary>Starts watching a container (by full id); dispose the result to stop. <paramref name="onSample"/> runs on a background thread.</summary>
    public IDisposable Subscribe(string containerId, Action<StatsSample>? onSample = null)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(containerId, out var entry))
            {
                entry = new Entry(new StatsCollector(client, containerId));
                _entries[containerId] = entry;
            }
            entry.Viewers++;
            entry.IdleSince = null;
            if (onSample is not null)
                entry.Collector.Sampled += onSample;
            return new Subscription(this, entry, onSample);
        }
    }

    private void Release(Entry entry, Action<StatsSample>? onSample)
    {
        lock (_lock)
        {
            if (onSample is not null)
                entry.Collector.Sampled -= onSample;
            if (--entry.Viewers > 0 || _disposed)
                return;
            var idleSince = entry.IdleSince = new object();
            _ = StopWhenStillIdleAsync(entry, idleSince);
        }
    }

    private async Task StopWhenStillIdleAsync(Entry entry, object idleSince)
    {
        await Task.Delay(IdleTimeout);
        lock (_lock)
        {
            // A viewer that came and went meanwhile started a newer idle period; that one decides.
            if (entry.Viewers > 0 || !ReferenceEquals(entry.IdleSince, idleSince) || _disposed)
                return;
            _entries.Remove(entry.Collector.ContainerId);
        }
        await entry.Collector.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        List<Entry> entries;
        lock (_lock)
        {
            _disposed = true;
            entries = [.. _entries.Values];
            _entries.Clear();
        }
        foreach (var e in entries)
            await e.Collector.DisposeAsync();
    }

    private sealed class Entry(StatsCollector collector)
    {
        public StatsCollector Collector { get; } = collector;
        public int Viewers { get; set; }
        public object? IdleSince { get; set; }
    }

    private sealed class Subscription(StatsHub hub, Entry entry, Action<StatsSample>? onSample) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                hub.Release(entry, onSample);
        }
    }
}
