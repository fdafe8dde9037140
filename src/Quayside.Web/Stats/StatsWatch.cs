using Quayside.Engine.Stats;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Stats;

/// <summary>
/// A component's subscriptions to the shared stats collectors: <see cref="Watch"/> keeps exactly the given containers
/// subscribed, and every burst of samples (the engine sends one per container per second) becomes one call of onSamples.
/// </summary>
public sealed class StatsWatch(StatsHub hub, Func<Task> onSamples) : IDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, IDisposable> _subscriptions = [];
    private readonly RenderThrottle _throttle = new(Coalesce, onSamples);
    private bool _disposed;

    public StatsHub Hub => hub;

    public void Watch(IEnumerable<string> containerIds)
    {
        if (_disposed)
            return;
        var wanted = containerIds.ToHashSet();
        foreach (var gone in _subscriptions.Keys.Where(id => !wanted.Contains(id)).ToList())
        {
            _subscriptions[gone].Dispose();
            _subscriptions.Remove(gone);
        }
        foreach (var id in wanted.Where(id => !_subscriptions.ContainsKey(id)))
            _subscriptions[id] = hub.Subscribe(id, OnSample);
    }

    private void OnSample(StatsSample sample) => _throttle.Changed();

    public void Dispose()
    {
        _disposed = true;
        _throttle.Dispose();
        foreach (var s in _subscriptions.Values)
            s.Dispose();
        _subscriptions.Clear();
    }
}
