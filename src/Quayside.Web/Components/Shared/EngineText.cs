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

    public static string Nanoseconds(long ns) => ns <= 0 ? "default" : TimeSpan.FromTicks(ns / 100).ToString("g", CultureInfo.InvariantCulture);
}
