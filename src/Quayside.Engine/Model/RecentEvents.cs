namespace Quayside.Engine.Model;

/// <summary>A bounded, thread-safe window of the newest engine events.</summary>
public sealed class RecentEvents(int capacity)
{
    private readonly Queue<EngineEvent> _events = new();

    public int Capacity => capacity;

    public void Add(EngineEvent e)
    {
        lock (_events)
        {
            _events.Enqueue(e);
            while (_events.Count > capacity)
                _events.Dequeue();
        }
    }

    public IReadOnlyList<EngineEvent> Snapshot()
    {
        lock (_events)
            return [.. _events];
    }
}
