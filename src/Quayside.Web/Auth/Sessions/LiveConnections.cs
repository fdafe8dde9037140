using System.Collections.Concurrent;
using System.Security.Claims;

namespace Quayside.Web.Auth.Sessions;

/// <summary>
/// The long-lived requests of each session (the Blazor circuit's connection and the /ws streams). When a session ends
/// they are cut: at once on logout or revocation, and within <see cref="SweepEvery"/> when it expires. An open /ws
/// stream (a console, a followed log) counts as activity against the idle timeout; an open page does not, its clicks do.
/// </summary>
public sealed class LiveConnections : BackgroundService
{
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(20);
    /// <summary>Leaves a circuit time to deliver its "go to the login page" before its connection is cut.</summary>
    public static readonly TimeSpan CircuitGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<HttpContext, bool>> _bySession = new(StringComparer.Ordinal);
    private readonly SessionStore _sessions;
    private readonly TimeProvider _clock;

    public LiveConnections(SessionStore sessions, TimeProvider clock)
    {
        _sessions = sessions;
        _clock = clock;
        sessions.Ended += id => _ = CutAsync(id);
    }

    public static bool IsLive(PathString path) => path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/ws");

    /// <summary>Middleware: runs <paramref name="next"/> with the request registered under its session.</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        var id = context.User.FindFirstValue(SessionStore.ClaimType);
        if (id is null || !IsLive(context.Request.Path))
        {
            await next(context);
            return;
        }
        var open = _bySession.GetOrAdd(id, _ => new());
        open[context] = context.Request.Path.StartsWithSegments("/ws");
        try
        {
            await next(context);
        }
        finally
        {
            open.TryRemove(context, out _);
        }
    }

    public int CountFor(string sessionId) => _bySession.TryGetValue(sessionId, out var open) ? open.Count : 0;

    private async Task CutAsync(string sessionId)
    {
        if (!_bySession.TryRemove(sessionId, out var open))
            return;
        foreach (var (context, _) in open.Where(c => c.Value))
            context.Abort();
        if (open.Any(c => !c.Value))
            await Task.Delay(CircuitGrace, _clock);
        foreach (var (context, _) in open)
            context.Abort();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A session's entry goes when the session ends, never while a request may be joining it.
            foreach (var (id, open) in _bySession)
            {
                if (open.Values.Any(streams => streams) && _sessions.IsOpen(id))
                    _sessions.Touch(id);
            }
            await _sessions.SweepAsync(stoppingToken);
        }
    }
}
