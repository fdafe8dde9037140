using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Logs;

public sealed class LogsViewerTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private ILocator Rows => Page.Locator("[data-testid=logs-row]");

    private ILocator RowWith(string text) => Rows.Filter(new() { HasText = text });

    private async Task OpenLogsAsync(string name)
    {
        await LoginAsync(Page, $"/containers/{name}/logs");
        await WaitForInteractiveAsync(Page, "[data-testid=logs-tail]");
    }

    private async Task<string> RunLogsAsync(string prefix, string script, string lastLine, bool tty = false)
    {
        var name = NewName(prefix);
        await LogContainers.RunAsync(name, script, lastLine, tty);
        return name;
    }

    [Fact]
    public async Task Stdout_and_stderr_lines_show_with_stderr_marked_and_the_cli_line()
    {
        var name = NewName("lv-streams");
        await LogContainers.RunStdoutStderrAsync(name);
        await OpenLogsAsync(name);

        await Expect(RowWith("err-2")).ToHaveAttributeAsync("data-stream", "stderr");
        await Expect(RowWith("out-2")).ToHaveAttributeAsync("data-stream", "stdout");
        await Expect(Rows).ToHaveCountAsync(6);
        await Expect(Page.Locator("[data-testid=logs-cli] .command")).ToHaveTextAsync($"docker logs --follow --tail 500 {name}");
        await Expect(Page.Locator("[data-testid=tab-logs]")).ToHaveClassAsync("active");

        // Timestamps on: each row starts with the engine's time; the CLI line gains --timestamps.
        await Page.Locator("[data-testid=logs-timestamps]").CheckAsync();
        await Expect(RowWith("out-1").Locator(".lv-ts")).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$"));
        await Expect(Page.Locator("[data-testid=logs-cli] .command")).ToHaveTextAsync($"docker logs --follow --tail 500 --timestamps {name}");
    }

    [Fact]
    public async Task A_tty_container_shows_its_lines()
    {
        var name = await RunLogsAsync("lv-tty", "echo tty-hello; echo tty-bye; exec sleep 100000", "tty-bye", tty: true);
        await OpenLogsAsync(name);
        await Expect(RowWith("tty-hello")).ToHaveCountAsync(1);
        await Expect(RowWith("tty-bye")).ToHaveCountAsync(1);
        await Expect(Rows).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Html_in_log_lines_is_shown_as_text_and_never_runs_while_ansi_colours_render()
    {
        const string script = "echo '<script>window.__pwned=1</script>'; echo '<img src=x onerror=\"window.__pwned=1\">'; "
            + "printf '\\033[31mred alert\\033[0m plain <b>bold?</b>\\n'; exec sleep 100000";
        var name = await RunLogsAsync("lv-xss", script, "red alert");
        await OpenLogsAsync(name);

        await Expect(RowWith("<script>window.__pwned=1</script>")).ToHaveCountAsync(1);
        await Expect(RowWith("<img src=x onerror=\"window.__pwned=1\">")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=logs-rows] img, [data-testid=logs-rows] script, [data-testid=logs-rows] b")).ToHaveCountAsync(0);
        var red = RowWith("red alert").Locator("span.ansi-fg1");
        await Expect(red).ToHaveTextAsync("red alert");
        await Expect(RowWith("red alert")).ToHaveTextAsync(new Regex(@"red alert plain <b>bold\?</b>$"));
        await Page.WaitForTimeoutAsync(300);
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"), "a log line ran script");
    }

    [Fact]
    public async Task Wrong_tail_and_since_are_explained_and_block_apply()
    {
        var name = await RunLogsAsync("lv-valid", "echo hi; exec sleep 100000", "hi");
        await OpenLogsAsync(name);
        await Page.Locator("[data-testid=logs-tail]").FillAsync("lots");
        await Page.Locator("[data-testid=logs-since]").FillAsync("5q");
        var errors = Page.Locator("[data-testid=logs-option-error]");
        await Expect(errors.Nth(0)).ToHaveTextAsync("Tail 'lots' is not a number of lines: use a whole number like 500 (0 or more), or 'all'.");
        await Expect(errors.Nth(1)).ToContainTextAsync("Since '5q' has an unknown unit: use a relative time like 10m, 2h, 1d");
        await Expect(Page.Locator("[data-testid=logs-apply]")).ToBeDisabledAsync();

        await Page.Locator("[data-testid=logs-tail]").FillAsync("all");
        await Page.Locator("[data-testid=logs-since]").FillAsync("1d");
        await Expect(errors).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=logs-cli] .command")).ToHaveTextAsync($"docker logs --follow --since 24h {name}");
        await Page.Locator("[data-testid=logs-apply]").ClickAsync();
        await Expect(RowWith("hi")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Tail_shows_the_last_lines_and_search_with_only_matching_keeps_the_matches_and_steps_through_them()
    {
        var name = await RunLogsAsync("lv-search", "for i in $(seq 1 300); do echo line-$i; done; exec sleep 100000", "line-300");
        await OpenLogsAsync(name);
        await Expect(Page.Locator("[data-testid=logs-status]")).ToHaveAttributeAsync("data-count", "300");

        await Page.Locator("[data-testid=logs-tail]").FillAsync("20");
        await Page.Locator("[data-testid=logs-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-status]")).ToHaveAttributeAsync("data-count", "20");
        await Expect(Rows.First).ToHaveTextAsync("line-281");

        await Page.Locator("[data-testid=logs-tail]").FillAsync("all");
        await Page.Locator("[data-testid=logs-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-status]")).ToHaveAttributeAsync("data-count", "300");
        await Page.Locator("[data-testid=logs-regex]").CheckAsync();
        await Page.Locator("[data-testid=logs-search]").FillAsync(@"^line-1\d$");
        await Expect(Page.Locator("[data-testid=logs-match-count]")).ToHaveTextAsync("10 matches");
        await Page.Locator("[data-testid=logs-only-matching]").CheckAsync();
        await Expect(Rows).ToHaveCountAsync(10);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"line-{i}"), await Rows.AllInnerTextsAsync());
        await Expect(Rows.First.Locator("mark.lv-hit")).ToHaveTextAsync("line-10");

        await Page.Locator("[data-testid=logs-next]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-match-count]")).ToHaveTextAsync("match 1 of 10");
        await Page.Locator("[data-testid=logs-next]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-match-count]")).ToHaveTextAsync("match 2 of 10");
        await Expect(Page.Locator(".lv-current")).ToHaveTextAsync("line-11");
        await Page.Locator("[data-testid=logs-prev]").ClickAsync();
        await Page.Locator("[data-testid=logs-prev]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-match-count]")).ToHaveTextAsync("match 10 of 10");

        // Only the filtered lines, made in the browser.
        var shown = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=logs-download-shown]").ClickAsync());
        Assert.Equal(string.Join("\n", Enumerable.Range(10, 10).Select(i => $"line-{i}")) + "\n", await File.ReadAllTextAsync(await shown.PathAsync()));
    }

    [Fact]
    public async Task Download_selected_range_returns_the_lines_from_the_server()
    {
        var name = await RunLogsAsync("lv-dl", "seq 1 1000; exec sleep 100000", "1000");
        await OpenLogsAsync(name);
        await Page.Locator("[data-testid=logs-tail]").FillAsync("all");
        await Page.Locator("[data-testid=logs-follow]").UncheckAsync();
        await Page.Locator("[data-testid=logs-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=logs-status]")).ToHaveTextAsync("1,000 lines loaded · end of log");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=logs-download-all]").ClickAsync());
        Assert.Equal($"{name}-logs.txt", download.SuggestedFilename);
        Assert.Equal(string.Join("\n", Enumerable.Range(1, 1000)) + "\n", await File.ReadAllTextAsync(await download.PathAsync()));
    }

    [Fact]
    public async Task Follow_shows_new_lines_as_they_are_written()
    {
        var name = await RunLogsAsync("lv-follow", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done", "tick-2");
        await OpenLogsAsync(name);
        await Expect(Rows.Filter(new() { HasTextRegex = new Regex("^tick-1$") })).ToHaveCountAsync(1);
        var before = int.Parse(await Page.Locator("[data-testid=logs-status]").GetAttributeAsync("data-count") ?? "0");
        // The newest line stays in view: a line written after the page opened appears at the bottom.
        await Expect(Rows.Last).ToHaveTextAsync(new Regex($"^tick-({before + 5}|{before + 6}|{before + 7})$"), new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Logs_of_selected_interleaves_two_containers_by_time_tagged_by_name()
    {
        var a = await RunLogsAsync("lv-ma", "echo alpha-1; sleep 0.5; echo alpha-3; exec sleep 100000", "alpha-3");
        var b = await RunLogsAsync("lv-mb", "echo bravo-2; exec sleep 100000", "bravo-2");
        // bravo-2 was written after alpha-3: write one more line to a so the order is truly interleaved.
        await DockerCommand.OkAsync("exec", a, "sh", "-c", "echo alpha-4 > /proc/1/fd/1");

        await LoginAsync();
        await OpenContainersAsync(search: "qt-lv-m");
        await Page.Locator($"input[aria-label=\"Select {a}\"]").CheckAsync();
        await Page.Locator($"input[aria-label=\"Select {b}\"]").CheckAsync();
        await Page.Locator("[data-testid=logs-of-selected]").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/logs");

        await Expect(Rows).ToHaveCountAsync(4);
        Assert.Equal(["alpha-1", "alpha-3", "bravo-2", "alpha-4"], (await Rows.Locator(".lv-text").AllInnerTextsAsync()).ToArray());
        Assert.Equal([a, a, b, a], (await Rows.Locator("[data-testid=logs-source]").AllInnerTextsAsync()).ToArray());
        await Expect(Page.Locator("[data-testid=logs-cli] .command")).ToHaveTextAsync(
            $"docker logs --follow --tail 500 {a} & docker logs --follow --tail 500 {b} & wait");
    }

    [Fact]
    public async Task A_burst_of_30000_lines_while_following_arrives_in_batches_and_only_visible_rows_are_in_the_page()
    {
        var name = await RunLogsAsync("lv-burst", "echo ready; while [ ! -f /go ]; do sleep 0.1; done; seq 1 30000; exec sleep 100000", "ready");
        var frames = 0;
        Page.WebSocket += (_, ws) =>
        {
            if (ws.Url.Contains("/ws/logs"))
                ws.FrameReceived += (_, _) => Interlocked.Increment(ref frames);
        };
        await OpenLogsAsync(name);
        await Expect(RowWith("ready")).ToHaveCountAsync(1);

        await DockerCommand.OkAsync("exec", name, "touch", "/go");
        await Expect(Page.Locator("[data-testid=logs-status]")).ToHaveAttributeAsync("data-count", "30001", new() { Timeout = 30_000 });
        await Expect(Rows.Last).ToHaveTextAsync("30000");
        Assert.True(frames < 300, $"{frames} WebSocket messages for 30000 lines: the lines were not batched");
        Assert.InRange(await Rows.CountAsync(), 1, 120);
    }

    [Fact]
    public async Task A_compose_project_shows_the_logs_of_its_containers_by_label()
    {
        var project = "qt-proj-" + Guid.NewGuid().ToString("N")[..8];
        string[] label = ["--label", $"com.docker.compose.project={project}"];
        var web = NewName("lv-pweb");
        var db = NewName("lv-pdb");
        await LogContainers.RunAsync(web, "echo web-up; exec sleep 100000", "web-up", false, label);
        await LogContainers.RunAsync(db, "echo db-up >&2; exec sleep 100000", "db-up", false, label);

        await LoginAsync();
        await Page.GotoAsync($"/logs?project={project}");
        await Expect(Page.Locator("[data-testid=merged-title]")).ToHaveTextAsync($"compose project {project}: 2 containers, interleaved by time");
        await Expect(Rows).ToHaveCountAsync(2);
        await Expect(RowWith("db-up").Locator("[data-testid=logs-source]")).ToHaveTextAsync(db);
        await Expect(RowWith("db-up")).ToHaveAttributeAsync("data-stream", "stderr");
        await Expect(RowWith("web-up").Locator("[data-testid=logs-source]")).ToHaveTextAsync(web);
    }
}
