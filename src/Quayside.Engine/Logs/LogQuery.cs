using System.Globalization;

namespace Quayside.Engine.Logs;

/// <summary>
/// What part of a container's log to read: the options of <c>docker logs</c>. Build it with <see cref="Parse"/>, which
/// validates what a person typed.
/// </summary>
public sealed record LogQuery
{
    public const int DefaultTail = 500;

    public bool Follow { get; init; }

    /// <summary>The last N lines; null for all of them.</summary>
    public int? Tail { get; init; } = DefaultTail;

    public LogTime? Since { get; init; }
    public LogTime? Until { get; init; }
    public bool Timestamps { get; init; }

    /// <summary>Validates the options as typed; <paramref name="problems"/> holds one sentence per wrong field.</summary>
    public static LogQuery Parse(bool follow, string? tail, string? since, string? until, bool timestamps, DateTimeOffset now, out List<string> problems)
    {
        problems = [];
        var query = new LogQuery { Follow = follow, Timestamps = timestamps };
        var t = tail?.Trim() ?? "";
        if (t.Length == 0)
            query = query with { Tail = DefaultTail };
        else if (t.Equals("all", StringComparison.OrdinalIgnoreCase))
            query = query with { Tail = null };
        else if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            query = query with { Tail = n };
        else
            problems.Add($"Tail '{t}' is not a number of lines: use a whole number like 500 (0 or more), or 'all'.");

        var s = LogTime.Parse(since, "Since", now, out var sinceError);
        var u = LogTime.Parse(until, "Until", now, out var untilError);
        if (sinceError is not null)
            problems.Add(sinceError);
        if (untilError is not null)
            problems.Add(untilError);
        if (s is not null && u is not null && s.At >= u.At)
            problems.Add($"Since ({s.Text}) must be earlier than until ({u.Text}).");
        if (s is not null && s.At > now)
            problems.Add($"Since ({s.Text}) is in the future: there are no log lines yet.");
        return query with { Since = s, Until = u };
    }

    /// <summary>The query string for <c>GET /containers/{id}/logs</c>.</summary>
    public string EnginePath(string containerId, bool timestamps)
    {
        return Connection.EngineRoutes.ContainerLogs(containerId, Follow, timestamps, Tail,
            Since is null ? null : LogTime.EngineValue(Since.At), Until is null ? null : LogTime.EngineValue(Until.At));
    }
}
