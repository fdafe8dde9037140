using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quayside.Engine.CreateContainer;

/// <summary>Durations as the docker CLI reads them (Go syntax: 30s, 1m30s, 500ms, 1h), in nanoseconds for the engine.</summary>
public static partial class GoDuration
{
    public const string Accepted = "a number with a unit ms, s, m or h, e.g. 30s, 1m30s, 500ms";

    private static readonly Dictionary<string, decimal> Nanos = new()
    {
        ["ns"] = 1, ["us"] = 1_000, ["µs"] = 1_000, ["ms"] = 1_000_000, ["s"] = 1_000_000_000, ["m"] = 60_000_000_000m, ["h"] = 3_600_000_000_000m,
    };

    public static long? ParseNanos(string? text)
    {
        var t = text?.Trim() ?? "";
        if (!Whole().IsMatch(t))
            return null;
        decimal total = 0;
        foreach (Match part in Part().Matches(t))
            total += decimal.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture) * Nanos[part.Groups[2].Value];
        return total > long.MaxValue ? null : (long)total;
    }

    /// <summary>Go's own spelling of a duration, e.g. 90 s as "1m30s".</summary>
    public static string Format(long nanos)
    {
        if (nanos == 0)
            return "0s";
        if (nanos % 1_000_000_000 != 0)
            return nanos % 1_000_000 == 0 ? $"{nanos / 1_000_000}ms" : $"{nanos}ns";
        var seconds = nanos / 1_000_000_000;
        var s = new StringBuilder();
        if (seconds >= 3600)
            s.Append(seconds / 3600).Append('h');
        if (seconds >= 60)
            s.Append(seconds / 60 % 60).Append('m');
        s.Append(seconds % 60).Append('s');
        return s.ToString();
    }

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$")] private static partial Regex Whole();
    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")] private static partial Regex Part();
}
