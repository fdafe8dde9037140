using System.Globalization;
using Quayside.Engine.Cli;

namespace Quayside.Web.Components.Shared;

/// <summary>Engine values as a person reads them on the inspect pages.</summary>
public static class EngineText
{
    /// <summary>An engine timestamp (RFC 3339); null for the engine's "never" (year 1).</summary>
    public static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t : null;

    public static string Command(IReadOnlyList<string>? words) => words is null || words.Count == 0 ? "—" : ShellQuote.Join(words);

    public static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "—" : value;

    /// <summary>A duration in nanoseconds as docker's flags take it: "1s", "1m30s", "500ms"; "default" for 0.</summary>
    public static string Nanoseconds(long ns)
    {
        if (ns <= 0)
            return "default";
        var t = TimeSpan.FromTicks(ns / 100);
        if (t < TimeSpan.FromSeconds(1))
            return $"{t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        var text = (t.Hours + t.Days * 24 > 0 ? $"{t.Hours + t.Days * 24}h" : "") + (t.Minutes > 0 ? $"{t.Minutes}m" : "");
        var seconds = t.Seconds + t.Milliseconds / 1000.0;
        return seconds > 0 || text.Length == 0 ? text + seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s" : text;
    }
}
