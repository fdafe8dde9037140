namespace Quayside.Web.Auth;

/// <summary>
/// Limits password guesses per client address and per account. An attempt is counted when it begins, before the
/// password is hashed, so a burst of concurrent guesses cannot all be evaluated. A key that reaches its limit is
/// refused for <see cref="FirstBlock"/> from its next attempt, doubling each time it reaches it again (up to <see cref="LongestBlock"/>).
/// A successful login takes back its own attempt and clears the account's count. Idle entries are dropped.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public static readonly Limit PerAddress = new(5, TimeSpan.FromMinutes(1));
    public static readonly Limit PerAccount = new(10, TimeSpan.FromMinutes(5));
    public static readonly TimeSpan FirstBlock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestBlock = TimeSpan.FromHours(1);
    /// <summary>An entry with no attempt for this long, and no block in force, is forgotten (with its back-off).</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(2);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public sealed record Limit(int Attempts, TimeSpan Window);

    /// <summary>One counted attempt; hand it back to <see cref="Succeeded"/> when the password was right.</summary>
    public sealed record Attempt(string AddressKey, string AccountKey, DateTimeOffset At);

    /// <summary>Counts an attempt, or refuses it with the time to wait.</summary>
    public Attempt? TryBegin(string address, string account, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        var addressKey = "a:" + address;
        var name = account.Trim().ToLowerInvariant();
        var accountKey = "u:" + (name.Length > 128 ? name[..128] : name); // a name is at most a line; a guess may be megabytes
        lock (_lock)
        {
            Sweep(now);
            var byAddress = Get(addressKey);
            var byAccount = Get(accountKey);
            retryAfter = Max(byAddress.Refusal(now, PerAddress), byAccount.Refusal(now, PerAccount));
            if (retryAfter > TimeSpan.Zero)
                return null;
            byAddress.Count(now);
            byAccount.Count(now);
            return new Attempt(addressKey, accountKey, now);
        }
    }

    public void Succeeded(Attempt attempt)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(attempt.AddressKey, out var byAddress))
                byAddress.Forget(attempt.At);
            _entries.Remove(attempt.AccountKey);
        }
    }

    /// <summary>How many addresses and accounts are remembered (for the eviction test).</summary>
    public int Tracked
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    private Entry Get(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            _entries[key] = entry = new Entry();
        return entry;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(1))
            return;
        _lastSweep = now;
        foreach (var (key, entry) in _entries.ToList())
        {
            if (entry.IdleSince(now) >= ForgetAfter)
                _entries.Remove(key);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Entry
    {
        private readonly Queue<DateTimeOffset> _attempts = new();
        private int _strikes;
        private DateTimeOffset _blockedUntil;
        private DateTimeOffset _last;

        /// <summary>The time left to wait; reaching the limit starts a block, longer with each strike.</summary>
        public TimeSpan Refusal(DateTimeOffset now, Limit limit)
        {
            while (_attempts.Count > 0 && _attempts.Peek() <= now - limit.Window)
                _attempts.Dequeue();
            if (_blockedUntil > now)
                return _blockedUntil - now;
            if (_attempts.Count < limit.Attempts)
                return TimeSpan.Zero;
            var block = FirstBlock * Math.Pow(2, Math.Min(_strikes, 10));
            _blockedUntil = now + (block > LongestBlock ? LongestBlock : block);
            _strikes++;
            _attempts.Clear();
            return _blockedUntil - now;
        }

        public void Count(DateTimeOffset now)
        {
            _attempts.Enqueue(now);
            _last = now;
        }

        public void Forget(DateTimeOffset at)
        {
            var kept = _attempts.ToList();
            if (!kept.Remove(at))
                return;
            _attempts.Clear();
            foreach (var t in kept)
                _attempts.Enqueue(t);
        }

        public TimeSpan IdleSince(DateTimeOffset now) => _blockedUntil > now ? TimeSpan.Zero : now - (_blockedUntil > _last ? _blockedUntil : _last);
    }
}
