using System.Globalization;

namespace Quayside.Engine.Containers;

/// <summary>
/// What <c>docker ps</c>'s status text is made of and the list lacks, from <c>GET /containers/{id}/json</c>'s <c>State</c>:
/// when the container last started and finished (null while never), its last exit code and its health status word
/// ("starting", "healthy", "unhealthy"; null without a health check).
/// </summary>
public sealed record ContainerRunState(DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int ExitCode, string? Health)
{
    /// <summary>The engine's own answer, as <c>GET /containers/{id}/json</c> sends it.</summary>
    public sealed record Inspected(InspectedState State)
    {
        public ContainerRunState ToRunState() => new(Time(State.StartedAt), Time(State.FinishedAt), State.ExitCode, State.Health?.Status);
    }

    public sealed record InspectedState(string Status, string? StartedAt, string? FinishedAt, int ExitCode, InspectedHealth? Health);

    public sealed record InspectedHealth(string Status);

    // The engine sends year 1 for "never".
    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t : null;
}
