using Quayside.Engine.Cli;
using Quayside.Engine.Logs;

namespace Quayside.Engine.Tests.Logs;

public class LogQueryTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static LogQuery Parse(string? tail = "500", string? since = null, string? until = null, bool follow = false, bool timestamps = false) =>
        LogQuery.Parse(follow, tail, since, until, timestamps, Now, out _);

    private static List<string> Problems(string? tail = "500", string? since = null, string? until = null)
    {
        LogQuery.Parse(false, tail, since, until, false, Now, out var problems);
        return problems;
    }

    [Theory]
    [InlineData("10m", 10 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1d", 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("45s", 45)]
    public void Relative_times_count_back_from_now(string text, int seconds)
    {
        Assert.Equal(Now.AddSeconds(-seconds), Parse(since: text).Since!.At);
    }

    [Theory]
    [InlineData("2024-04-30T10:00:00Z", "2024-04-30T10:00:00+00:00")]
    [InlineData("2024-04-30T12:00:00+02:00", "2024-04-30T10:00:00+00:00")]
    [InlineData("2024-04-30T10:00:00.5Z", "2024-04-30T10:00:00.5000000+00:00")]
    [InlineData("2024-04-30", "2024-04-30T00:00:00+00:00")]
    [InlineData("2024-04-30T10:00:00", "2024-04-30T10:00:00+00:00")]
    [InlineData("1714471200", "2024-04-30T10:00:00+00:00")]
    public void Absolute_times_are_rfc3339_dates_or_unix_seconds_utc_when_no_zone(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Parse(since: text).Since!.At);
    }

    [Fact]
    public void Tail_is_a_number_or_all_and_500_when_empty()
    {
        Assert.Equal(500, Parse(tail: "").Tail);
        Assert.Null(Parse(tail: "all").Tail);
        Assert.Equal(20, Parse(tail: "20").Tail);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("1.5")]
    public void A_wrong_tail_says_what_is_accepted(string tail)
    {
        var problem = Assert.Single(Problems(tail: tail));
        Assert.Equal($"Tail '{tail}' is not a number of lines: use a whole number like 500 (0 or more), or 'all'.", problem);
    }

    [Fact]
    public void Wrong_times_say_which_field_what_is_wrong_and_what_is_accepted()
    {
        Assert.Equal($"Since '10x' has an unknown unit: {LogTime.Accepted}.", Assert.Single(Problems(since: "10x")));
        Assert.Equal($"Until 'yesterday' is not a time: {LogTime.Accepted}.", Assert.Single(Problems(until: "yesterday")));
        Assert.Equal("Since (1h) must be earlier than until (2h).", Assert.Single(Problems(since: "1h", until: "2h")));
        Assert.Equal("Since (2030-01-01) is in the future: there are no log lines yet.", Assert.Single(Problems(since: "2030-01-01")));
    }

    [Fact]
    public void The_engine_gets_unix_seconds_with_nanoseconds()
    {
        var q = Parse(tail: "all", since: "2024-04-30T10:00:00.25Z", follow: true);
        Assert.Equal("/containers/web/logs?stdout=1&stderr=1&follow=1&timestamps=1&tail=all&since=1714471200.250000000", q.EnginePath("web", timestamps: true));
    }

    [Fact]
    public void The_cli_line_has_the_options_in_docker_logs_order_and_days_as_hours()
    {
        Assert.Equal("docker logs --follow --tail 500 --since 10m --timestamps web", DockerCli.Logs("web", Parse(since: "10m", follow: true, timestamps: true)));
        Assert.Equal("docker logs --since 24h --until 2024-04-30T10:00:00Z web", DockerCli.Logs("web", Parse(tail: "all", since: "1d", until: "2024-04-30T10:00:00Z") with { Since = Parse(since: "1d").Since }));
        Assert.Equal("docker logs --since 36h30m web", DockerCli.Logs("web", Parse(tail: "all", since: "1d12h30m")));
        Assert.Equal("docker logs --tail 500 a & docker logs --tail 500 b & wait", DockerCli.Logs(["a", "b"], Parse()));
    }
}
