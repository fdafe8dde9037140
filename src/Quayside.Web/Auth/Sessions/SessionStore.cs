using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Quayside.Web.Data;
using Quayside.Web.Hosting;

namespace Quayside.Web.Auth.Sessions;

/// <summary>
/// Every login as a row in SQLite, mirrored in memory so that checking it on each request costs a dictionary look-up.
/// A session ends on logout, on revocation, <see cref="QuaysideSettings.SessionLifetime"/> after login, or after
/// <see cref="QuaysideSettings.SessionIdle"/> without activity; <see cref="Ended"/> then tells the live connections.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, QuaysideSettings settings, TimeProvider clock, ILogger<SessionStore> log)
{
    public const string ClaimType = "quayside:sid";
    private static readonly TimeSpan PersistEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Live> _sessions = new(StringComparer.Ordinal);

    /// <summary>Raised with a session's id when it ends, whatever the reason.</summary>
    public event Action<string>? Ended;

    private sealed class Live(UserSession row)
    {
        public UserSession Row { get; } = row;
        public DateTime PersistedSeenUtc { get; set; } = row.LastSeenUtc;
    }

    /// <summary>Makes the table (for a database made by an older version) and reads every session.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuaysideDb>();
        await db.Database.ExecuteSqlRawAsync(UserSession.CreateTableSql, ct);
        foreach (var row in await db.Sessions.AsNoTracking().ToListAsync(ct))
            _sessions[row.Id] = new Live(row);
        await SweepAsync(ct);
    }

    public async Task<UserSession> CreateAsync(string userName, string? address, string? userAgent, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new UserSession
        {
            Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            UserName = userName, CreatedUtc = now, LastSeenUtc = now,
            Address = address, UserAgent = userAgent is { Length: > 300 } ua ? ua[..300] : userAgent,
        };
        await WithDbAsync(db =>
        {
            db.Sessions.Add(row);
            return db.SaveChangesAsync(ct);
        });
        _sessions[row.Id] = new Live(row);
        return row;
    }

    /// <summary>True when the session exists and has not expired; records the activity. An expired one is ended.</summary>
    public async Task<bool> ValidateAsync(string id, CancellationToken ct)
    {
        if (!_sessions.TryGetValue(id, out var live))
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (IsExpired(live.Row, now))
        {
            await EndAsync(id, CancellationToken.None);
            return false;
        }
        live.Row.LastSeenUtc = now;
        if (now - live.PersistedSeenUtc >= PersistEvery)
        {
            live.PersistedSeenUtc = now;
            await WithDbAsync(db => db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), ct));
        }
        return true;
    }

    /// <summary>Whether the session is still open, without counting it as activity.</summary>
    public bool IsOpen(string id) => _sessions.TryGetValue(id, out var live) && !IsExpired(live.Row, clock.GetUtcNow().UtcDateTime);

    /// <summary>Counts activity that is not a request (a click in the circuit, an open console) against the idle timeout.</summary>
    public void Touch(string id)
    {
        if (_sessions.TryGetValue(id, out var live))
            live.Row.LastSeenUtc = clock.GetUtcNow().UtcDateTime;
    }

    public IReadOnlyList<UserSession> For(string userName) =>
        _sessions.Values.Select(l => l.Row).Where(s => s.UserName == userName).OrderByDescending(s => s.LastSeenUtc).ToList();

    /// <summary>Ends one of <paramref name="userName"/>'s sessions; false when it is not theirs or already gone.</summary>
    public async Task<bool> RevokeAsync(string id, string userName, CancellationToken ct)
    {
        if (!_sessions.TryGetValue(id, out var live) || live.Row.UserName != userName)
            return false;
        await EndAsync(id, ct);
        return true;
    }

    /// <summary>Ends every session of <paramref name="userName"/> ("log out everywhere"); returns how many.</summary>
    public async Task<int> RevokeAllAsync(string userName, CancellationToken ct)
    {
        var ids = For(userName).Select(s => s.Id).ToList();
        foreach (var id in ids)
            await EndAsync(id, ct);
        return ids.Count;
    }

    public async Task EndAsync(string id, CancellationToken ct)
    {
        if (!_sessions.TryRemove(id, out _))
            return;
        await WithDbAsync(db => db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct));
        try
        {
            Ended?.Invoke(id);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A listener failed while a session ended.");
        }
    }

    /// <summary>Ends the sessions that expired; the periodic sweep makes open connections of idle sessions end too.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var live in _sessions.Values.Where(l => IsExpired(l.Row, now)).ToList())
            await EndAsync(live.Row.Id, ct);
    }

    private bool IsExpired(UserSession s, DateTime now) => now - s.CreatedUtc >= settings.SessionLifetime || now - s.LastSeenUtc >= settings.SessionIdle;

    private async Task WithDbAsync(Func<QuaysideDb, Task> work)
    {
        using var scope = scopes.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<QuaysideDb>());
    }
}
