namespace Quayside.Engine.Containers;

/// <summary>
/// <c>docker ps</c>'s STATUS wording, made here from the state and its times so it stays current without asking the engine.
/// Follows the engine's own rules (moby <c>container/state.go</c> <c>State.String</c>, go-units <c>HumanDuration</c>).
/// </summary>
public static class ContainerStatusText
{
    /// <summary>The status text at <paramref name="now"/>, for a container in <paramref name="state"/> (the list's word).</summary>
    public static string Describe(string state, ContainerRunState run, DateTimeOffset now) => state switch
    {
        "paused" => $"Up {HumanDuration(Since(run.StartedAt, now))} (Paused)",
        "restarting" => $"Restarting ({run.ExitCode}) {HumanDuration(Since(run.FinishedAt, now))} ago",
        "running" when run.Health is { } health => $"Up {HumanDuration(Since(run.StartedAt, now))} ({HealthText(health)})",
        "running" => $"Up {HumanDuration(Since(run.StartedAt, now))}",
        "removing" => "Removal In Progress",
        "dead" => "Dead",
        "created" => "Created",
        _ when run.StartedAt is null => "Created",
        _ when run.FinishedAt is { } finished => $"Exited ({run.ExitCode}) {HumanDuration(now - finished)} ago",
        _ => "",
    };

    /// <summary>How long, in the engine's words: "Less than a second", "1 second", "About a minute", "3 hours", "2 weeks".</summary>
    public static string HumanDuration(TimeSpan d)
    {
        // Each unit truncates as Go's int() does, except hours, which round to the nearest.
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1)
            return "Less than a second";
        if (seconds == 1)
            return "1 second";
        if (seconds < 60)
            return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1)
            return "About a minute";
        if (minutes < 60)
            return $"{minutes} minutes";
        var hours = (long)(d.TotalHours + 0.5);
        if (hours == 1)
            return "About an hour";
        if (hours < 48)
            return $"{hours} hours";
        if (hours < 24 * 7 * 2)
            return $"{hours / 24} days";
        if (hours < 24 * 30 * 2)
            return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2)
            return $"{hours / 24 / 30} months";
        return $"{(long)d.TotalHours / 24 / 365} years";
    }

    // Since "never" (the engine's year 1) is as long as a Go duration gets, about 292 years, as the engine says too.
    private static TimeSpan Since(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? now - t : GoMaxDuration;

    private static readonly TimeSpan GoMaxDuration = TimeSpan.FromTicks(long.MaxValue / 100);

    private static string HealthText(string health) => health == "starting" ? "health: starting" : health;
}
