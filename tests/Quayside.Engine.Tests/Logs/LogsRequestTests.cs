using Quayside.Engine.Logs;

namespace Quayside.Engine.Tests.Logs;

/// <summary>The logs viewer's request: written by the page with ToQueryString, read and checked by the stream and the download with Parse.</summary>
public class LogsRequestTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static LogsRequest Request(string tail, string? since, string? until, bool follow, bool timestamps, params string[] containers)
    {
        var query = LogQuery.Parse(follow, tail, since, until, timestamps, Now, out var problems);
        Assert.Empty(problems);
        return new LogsRequest(containers, query);
    }

    public static TheoryData<LogsRequest> Requests => new()
    {
        Request("500", null, null, follow: false, timestamps: false, "web"),
        Request("all", "1h30m", null, follow: true, timestamps: true, "web", "db"),
        Request("0", "2024-04-30T10:00:00.5Z", "2024-04-30T14:00:00+02:00", follow: false, timestamps: true, "0123456789ab"),
        Request("20", "1714471200", "10m", follow: true, timestamps: false, "a b&c=d", "é/😀+%20"),
        Request("7", "2024-04-30", "2024-04-30 10:00", follow: true, timestamps: true, "x"),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Every_field_survives_the_query_string(LogsRequest sent)
    {
        var got = LogsRequest.Parse(sent.ToQueryString(), Now, out var problems);
        Assert.Empty(problems);
        Assert.Equal(sent.Containers, got.Containers);
        Assert.Equal(sent.Query, got.Query);
    }

    [Fact]
    public void Relative_times_travel_as_typed_and_count_back_from_when_the_server_reads_them()
    {
        var sent = Request("all", "10m", null, follow: true, timestamps: false, "web");
        Assert.Equal("c=web&tail=all&since=10m&follow=1", sent.ToQueryString());
        var later = Now.AddHours(1);
        Assert.Equal(later.AddMinutes(-10), LogsRequest.Parse(sent.ToQueryString(), later, out _).Query.Since!.At);
    }

    [Fact]
    public void A_hand_written_address_reads_the_same_and_repeated_or_blank_containers_are_dropped()
    {
        var got = LogsRequest.Parse("?c=web&c=&c=web&c=db&tail=all&timestamps=true&follow=on", Now, out var problems);
        Assert.Empty(problems);
        Assert.Equal(["web", "db"], got.Containers);
        Assert.Equal(new LogQuery { Tail = null, Follow = true, Timestamps = true }, got.Query);
        Assert.Equal(new LogQuery(), LogsRequest.Parse("c=web", Now, out _).Query);
    }

    [Fact]
    public void Bad_values_are_refused_one_sentence_each_saying_what_is_accepted()
    {
        LogsRequest.Parse("tail=lots&since=5q", Now, out var problems);
        Assert.Equal(
            ["No container chosen: pass one or more c=NAME or id.",
             "Tail 'lots' is not a number of lines: use a whole number like 500 (0 or more), or 'all'.",
             $"Since '5q' has an unknown unit: {LogTime.Accepted}."],
            problems);

        LogsRequest.Parse("c=web&tail=-3&until=yesterday", Now, out problems);
        Assert.Equal(
            ["Tail '-3' is not a number of lines: use a whole number like 500 (0 or more), or 'all'.",
             $"Until 'yesterday' is not a time: {LogTime.Accepted}."],
            problems);

        LogsRequest.Parse("c=web&since=1h&until=2h", Now, out problems);
        Assert.Equal("Since (1h) must be earlier than until (2h).", Assert.Single(problems));

        LogsRequest.Parse("c=web&since=2030-01-01", Now, out problems);
        Assert.Equal("Since (2030-01-01) is in the future: there are no log lines yet.", Assert.Single(problems));
    }
}
