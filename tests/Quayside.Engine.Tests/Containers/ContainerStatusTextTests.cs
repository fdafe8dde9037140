using System.Text.Json;
using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Containers;

/// <summary>docker ps's STATUS wording at every boundary of the engine's own rules (go-units HumanDuration, moby State.String).</summary>
public class ContainerStatusTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-5_000, "Less than a second")] // the engine's clock a little ahead of ours
    [InlineData(0, "Less than a second")]
    [InlineData(999, "Less than a second")]
    [InlineData(1_000, "1 second")]
    [InlineData(1_999, "1 second")]
    [InlineData(2_000, "2 seconds")]
    [InlineData(59_999, "59 seconds")]
    [InlineData(60_000, "About a minute")]
    [InlineData(119_999, "About a minute")]
    [InlineData(120_000, "2 minutes")]
    [InlineData(3_599_999, "59 minutes")]
    public void Under_an_hour_counts_seconds_then_minutes_truncated(long milliseconds, string expected) =>
        Assert.Equal(expected, ContainerStatusText.HumanDuration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("1:00:00", "About an hour")]
    [InlineData("1:29:59", "About an hour")]
    [InlineData("1:30:00", "2 hours")] // hours round to the nearest
    [InlineData("3:29:00", "3 hours")]
    [InlineData("3:31:00", "4 hours")]
    [InlineData("1.00:00:00", "24 hours")]
    [InlineData("1.12:00:00", "36 hours")]
    [InlineData("1.23:29:59", "47 hours")]
    [InlineData("1.23:30:00", "2 days")]
    [InlineData("7.00:00:00", "7 days")]
    [InlineData("13.23:29:59", "13 days")]
    [InlineData("13.23:30:00", "2 weeks")]
    [InlineData("30.00:00:00", "4 weeks")]
    [InlineData("44.00:00:00", "6 weeks")]
    [InlineData("59.23:29:59", "8 weeks")]
    [InlineData("59.23:30:00", "2 months")]
    [InlineData("164.00:00:00", "5 months")]
    [InlineData("720.00:00:00", "24 months")]
    [InlineData("729.23:29:59", "24 months")]
    [InlineData("729.23:30:00", "1 years")] // the year count does not round, as the engine's does not: it says "1 years" here
    [InlineData("730.00:00:00", "2 years")]
    [InlineData("1155.00:00:00", "3 years")]
    public void From_an_hour_on_counts_hours_days_weeks_months_and_years(string duration, string expected) =>
        Assert.Equal(expected, ContainerStatusText.HumanDuration(TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("running", null, "Up 3 minutes")]
    [InlineData("running", "healthy", "Up 3 minutes (healthy)")]
    [InlineData("running", "unhealthy", "Up 3 minutes (unhealthy)")]
    [InlineData("running", "starting", "Up 3 minutes (health: starting)")]
    [InlineData("paused", "healthy", "Up 3 minutes (Paused)")]
    [InlineData("restarting", null, "Restarting (1) 2 minutes ago")]
    [InlineData("exited", "unhealthy", "Exited (1) 2 minutes ago")]
    [InlineData("created", null, "Created")]
    [InlineData("dead", null, "Dead")]
    [InlineData("removing", null, "Removal In Progress")]
    public void Each_state_reads_as_docker_ps_writes_it(string state, string? health, string expected)
    {
        var run = new ContainerRunState(Start, Start.AddMinutes(1), 1, health);
        Assert.Equal(expected, ContainerStatusText.Describe(state, run, Start.AddMinutes(3).AddSeconds(30)));
    }

    [Fact]
    public void Missing_times_read_as_the_engine_reads_them()
    {
        Assert.Equal("Up 292 years", ContainerStatusText.Describe("running", new ContainerRunState(null, null, 0, null), Start));
        Assert.Equal("", ContainerStatusText.Describe("exited", new ContainerRunState(Start, null, 0, null), Start));
        Assert.Equal("Created", ContainerStatusText.Describe("exited", new ContainerRunState(null, null, 0, null), Start));
    }

    [Fact]
    public void Uptime_moves_on_with_the_clock_and_not_with_the_engine()
    {
        var clock = new ManualClock(Start);
        var c = new ContainerSummary { State = "running", Status = "Up Less than a second", Run = new ContainerRunState(Start, null, 0, null) };
        var seen = new List<string>();
        foreach (var step in new[] { 0, 1, 1, 57, 1, 60, 3480, 1800 })
        {
            clock.Advance(TimeSpan.FromSeconds(step));
            seen.Add(c.StatusAt(clock.GetUtcNow()));
        }
        Assert.Equal(["Up Less than a second", "Up 1 second", "Up 2 seconds", "Up 59 seconds", "Up About a minute", "Up 2 minutes",
            "Up About an hour", "Up 2 hours"], seen);
        Assert.Equal("Up Less than a second", c.Status);
    }

    [Fact]
    public void Without_the_times_the_text_is_the_engines()
    {
        var c = new ContainerSummary { State = "exited", Status = "Exited (3) 5 seconds ago" };
        Assert.Equal("Exited (3) 5 seconds ago", c.StatusAt(Start));
        Assert.Equal(3, c.ExitCode);
        Assert.Equal("exited (3)", c.StateLabel);
    }

    [Fact]
    public void Exit_code_health_and_state_label_come_from_the_times_once_read()
    {
        var exited = new ContainerSummary { State = "exited", Status = "Exited (3) 5 seconds ago", Run = new ContainerRunState(Start, Start, 3, "unhealthy") };
        Assert.Equal((3, (string?)null, "exited (3)"), (exited.ExitCode, exited.Health, exited.StateLabel));
        var healthy = new ContainerSummary { State = "running", Status = "Up 1 second (health: starting)", Run = new ContainerRunState(Start, null, 0, "healthy") };
        Assert.Equal(((int?)null, "healthy", "running (healthy)"), (healthy.ExitCode, healthy.Health, healthy.StateLabel));
        var paused = healthy with { State = "paused" };
        Assert.Equal("paused", paused.StateLabel);
    }

    [Fact]
    public void The_engines_nanosecond_times_are_read_and_year_one_means_never()
    {
        const string json = """
            {"State":{"Status":"exited","StartedAt":"2026-11-27T12:00:00.123456789Z","FinishedAt":"0001-01-01T00:00:00Z","ExitCode":3,
              "Health":{"Status":"healthy","FailingStreak":0}}}
            """;
        var run = JsonSerializer.Deserialize<ContainerRunState.Inspected>(json, EngineClient.Json)!.ToRunState();
        Assert.InRange(run.StartedAt!.Value, Start.AddTicks(1_234_567), Start.AddTicks(1_234_568)); // .NET keeps 100 ns
        Assert.Null(run.FinishedAt);
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("healthy", run.Health);
    }
}
