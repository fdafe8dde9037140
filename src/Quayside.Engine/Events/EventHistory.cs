using System.Text.Json;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Events;

/// <summary>Reads a past range of events from the engine (<c>GET /events?since=&amp;until=</c>), which ends the stream at until.</summary>
public static class EventHistory
{
    public static async Task<IReadOnlyList<EngineEvent>> ReadAsync(EngineClient client, EventFilter filter, int keep, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var until = filter.Until is { } u && u < now ? u : now;
        var since = filter.Since ?? until.AddHours(-1);
        // The engine takes whole seconds: round until up so the last partial second is read (the filter trims the rest).
        var untilSeconds = until.ToUnixTimeSeconds() + (until.ToUnixTimeMilliseconds() % 1000 == 0 ? 0 : 1);
        var query = EngineRoutes.Events(since.ToUnixTimeSeconds(), untilSeconds, filter.Types.Count > 0 ? EngineRoutes.Filter("type", [.. filter.Types]) : null);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        await using var stream = await client.OpenStreamAsync(query, cts.Token);
        using var reader = new StreamReader(stream);
        var kept = new Queue<EngineEvent>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || JsonSerializer.Deserialize<EngineEvent>(line, EngineClient.Json) is not { } e || !filter.Matches(e))
                continue;
            kept.Enqueue(e);
            if (kept.Count > keep)
                kept.Dequeue();
        }
        return [.. kept];
    }
}
