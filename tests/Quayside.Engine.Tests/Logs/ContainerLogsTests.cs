using Quayside.Engine.Connection;
using Quayside.Engine.Logs;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Logs;

public sealed class ContainerLogsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly List<string> _made = [];
    private readonly EngineClient _engine = new(EngineEndpoint.FromEnvironment());
    private ContainerLogs Logs => new(_engine);

    private string Name(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        return name;
    }

    private static LogQuery Query(string tail = "all", bool timestamps = false) => LogQuery.Parse(false, tail, null, null, timestamps, Now, out _);

    private async Task<List<LogLine>> LinesAsync(LogTarget target, LogQuery query)
    {
        var lines = new List<LogLine>();
        await foreach (var batch in Logs.ReadLinesAsync(target, query, 0, CancellationToken.None))
            lines.AddRange(batch);
        return lines;
    }

    [Fact]
    public async Task Stdout_and_stderr_lines_come_back_told_apart_with_timestamps()
    {
        var name = Name("logs-streams");
        await LogContainers.RunStdoutStderrAsync(name);
        var target = await Logs.ResolveAsync(name, CancellationToken.None);
        Assert.Equal(name, target.Name);
        Assert.False(target.Tty);

        var lines = await LinesAsync(target, Query());
        Assert.Equal(["out-1", "out-2", "out-3"], lines.Where(l => l.Stream == LogStream.Stdout).Select(l => l.Text));
        Assert.Equal(["err-1", "err-2", "err-3"], lines.Where(l => l.Stream == LogStream.Stderr).Select(l => l.Text));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", l.Timestamp));
    }

    [Fact]
    public async Task A_tty_container_is_detected_and_its_raw_stream_read_as_lines()
    {
        var name = Name("logs-tty");
        await LogContainers.RunAsync(name, "echo tty-line-1; echo tty-line-2; exec sleep 100000", "tty-line-2", tty: true);
        var target = await Logs.ResolveAsync(name, CancellationToken.None);
        Assert.True(target.Tty);
        Assert.Equal(["tty-line-1", "tty-line-2"], (await LinesAsync(target, Query())).Select(l => l.Text));
    }

    [Fact]
    public async Task Tail_gives_the_last_lines_and_the_download_copy_equals_docker_logs()
    {
        var name = Name("logs-tail");
        await LogContainers.RunAsync(name, "seq 1 50; exec sleep 100000", "50");
        var target = await Logs.ResolveAsync(name, CancellationToken.None);
        Assert.Equal(["48", "49", "50"], (await LinesAsync(target, Query("3"))).Select(l => l.Text));

        using var copy = new MemoryStream();
        await Logs.CopyTextAsync(target, Query(), copy, CancellationToken.None);
        var cli = await DockerCommand.OkAsync("logs", name);
        Assert.Equal(cli, System.Text.Encoding.UTF8.GetString(copy.ToArray()).TrimEnd());
    }

    [Fact]
    public async Task Two_containers_merge_in_time_order()
    {
        var a = Name("logs-ma");
        var b = Name("logs-mb");
        await LogContainers.RunAsync(a, "echo a-1; sleep 0.3; echo a-2; exec sleep 100000", "a-2");
        await LogContainers.RunAsync(b, "echo b-1; exec sleep 100000", "b-1");
        var targets = new[] { await Logs.ResolveAsync(a, CancellationToken.None), await Logs.ResolveAsync(b, CancellationToken.None) };
        var merged = new List<LogLine>();
        await foreach (var line in Logs.MergeAsync(targets, Query(), CancellationToken.None))
            merged.Add(line);
        Assert.Equal(["a-1", "a-2", "b-1"], merged.Select(l => l.Text));
        Assert.Equal([0, 0, 1], merged.Select(l => l.Source));
        Assert.Equal(merged.Select(l => l.Timestamp).Order(StringComparer.Ordinal), merged.Select(l => l.Timestamp));
    }

    [Fact]
    public async Task The_merged_download_interleaves_lines_by_time_each_after_its_containers_name()
    {
        var a = Name("logs-dla");
        var b = Name("logs-dlb");
        await LogContainers.RunAsync(a, "echo a-1; sleep 0.3; echo a-2 >&2; sleep 0.3; echo; exec sleep 100000", "a-2");
        await LogContainers.RunAsync(b, "echo b-1; exec sleep 100000", "b-1");
        await Task.Delay(500);
        var targets = new[] { await Logs.ResolveAsync(a, CancellationToken.None), await Logs.ResolveAsync(b, CancellationToken.None) };

        using var plain = new MemoryStream();
        await Logs.CopyMergedTextAsync(targets, Query(), plain, CancellationToken.None);
        Assert.Equal($"{a} | a-1\n{a} | a-2\n{a} | \n{b} | b-1\n", System.Text.Encoding.UTF8.GetString(plain.ToArray()));

        using var stamped = new MemoryStream();
        await Logs.CopyMergedTextAsync(targets, Query(timestamps: true), stamped, CancellationToken.None);
        var lines = System.Text.Encoding.UTF8.GetString(stamped.ToArray()).Split('\n')[..^1];
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^qt-logs-dl[ab]-\w+ \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z ", l));
        Assert.Equal(["a-1", "a-2", "", "b-1"], lines.Select(l => l[(l.IndexOf('Z') + 2)..]));
    }

    [Fact]
    public async Task A_missing_container_is_an_engine_error()
    {
        var e = await Assert.ThrowsAsync<EngineApiException>(() => Logs.ResolveAsync("qt-no-such-" + Guid.NewGuid().ToString("N")[..6], CancellationToken.None));
        Assert.Contains("No such container", e.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        _engine.Dispose();
    }
}
