using System.Globalization;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Logs;

/// <summary>
/// A since/until bound as a person types it: relative to now (<c>10m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c>), or absolute
/// (RFC 3339 such as <c>2024-05-01T12:00:00Z</c>, a date <c>2024-05-01</c>, or Unix seconds). Times without a zone are UTC.
/// </summary>
public sealed partial record LogTime(string Text, DateTimeOffset At, TimeSpan? Ago)
{
    private static readonly string[] AbsoluteFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    public const string Accepted = "use a relative time like 10m, 2h, 1d or 1h30m (s, m, h, d), or a date and time like 2024-05-01T12:00:00Z or 2024-05-01";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and what is accepted.</summary>
    public static LogTime? Parse(string? text, string field, DateTimeOffset now, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        if (RelativePattern().IsMatch(t))
        {
            var ago = TimeSpan.Zero;
            foreach (Match part in RelativePart().Matches(t))
            {
                if (!long.TryParse(part.Groups[1].Value, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
                {
                    error = $"{field} '{t}' is too far back: use at most 1000000 of a unit.";
                    return null;
                }
                ago += part.Groups[2].Value switch
                {
                    "s" => TimeSpan.FromSeconds(n),
                    "m" => TimeSpan.FromMinutes(n),
                    "h" => TimeSpan.FromHours(n),
                    _ => TimeSpan.FromDays(n),
                };
            }
            if (ago > now - DateTimeOffset.UnixEpoch)
                ago = now - DateTimeOffset.UnixEpoch;
            return new LogTime(t, now - ago, ago);
        }
        if (UnixPattern().IsMatch(t) && decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            return new LogTime(t, DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)), null);
        if (DateTimeOffset.TryParseExact(t, AbsoluteFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return new LogTime(t, at, null);
        }
        error = RelativeLike().IsMatch(t)
            ? $"{field} '{t}' has an unknown unit: {Accepted}."
            : $"{field} '{t}' is not a time: {Accepted}.";
        return null;
    }

    /// <summary>What the docker CLI accepts for the same bound (it knows no days: <c>1d</c> becomes <c>24h</c>).</summary>
    public string CliText
    {
        get
        {
            if (Ago is not { } ago || !Text.Contains('d'))
                return Text;
            var hours = (long)ago.TotalHours;
            var rest = ago - TimeSpan.FromHours(hours);
            return $"{hours}h" + (rest.Minutes > 0 ? $"{rest.Minutes}m" : "") + (rest.Seconds > 0 ? $"{rest.Seconds}s" : "");
        }
    }

    /// <summary>Unix seconds with nanoseconds, as the Engine API's since/until take them.</summary>
    public static string EngineValue(DateTimeOffset at)
    {
        var ticks = (at - DateTimeOffset.UnixEpoch).Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (ticks < 0)
            return "0";
        return $"{seconds}.{rest * 100:D9}";
    }

    [GeneratedRegex(@"^(\d+[smhd])+$")] private static partial Regex RelativePattern();
    [GeneratedRegex(@"(\d+)([smhd])")] private static partial Regex RelativePart();
    [GeneratedRegex(@"^\d{9,}(\.\d{1,9})?$")] private static partial Regex UnixPattern();
    [GeneratedRegex(@"^\d+[a-zA-Z]+$")] private static partial Regex RelativeLike();
}
