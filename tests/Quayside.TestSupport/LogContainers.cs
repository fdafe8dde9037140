namespace Quayside.TestSupport;

/// <summary>Lab containers that write known log lines (for the logs viewer's tests and benchmark).</summary>
public static class LogContainers
{
    public const string LogsLabel = "quayside.test.logs";

    // A set-up wait, not a measure: writing megabytes through a busybox shell took over 20 s on 2 loaded cores.
    private static readonly TimeSpan SetUpPatience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// <c>docker run -d [-t]</c> a busybox shell running <paramref name="script"/>, then waits until <c>docker logs</c>
    /// shows <paramref name="lastLine"/>, so the test reads a log that is complete.
    /// </summary>
    public static async Task<string> RunAsync(string name, string script, string lastLine, bool tty = false, params string[] extraArgs)
    {
        string[] args = ["run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", "--label", $"{LogsLabel}=1", .. extraArgs];
        if (tty)
            args = [.. args, "-t"];
        var id = await DockerCommand.OkAsync([.. args, LabContainers.BusyboxImage, "sh", "-c", script]);
        var complete = await EngineWait.UntilAsync(async () =>
        {
            var logs = await DockerCommand.RunAsync("logs", name);
            return (logs.Stdout + logs.Stderr).Contains(lastLine, StringComparison.Ordinal);
        }, SetUpPatience);
        if (!complete)
            throw new InvalidOperationException($"container {name} did not log '{lastLine}' within {SetUpPatience.TotalSeconds} s");
        return id;
    }

    /// <summary>The size of the line <see cref="RunLongLineAsync"/> writes by default: 200 MB, as in the report that took the dashboard down.</summary>
    public const long LongLineBytes = 200_000_000;

    /// <summary>
    /// A container that writes one line of <paramref name="bytes"/> letters 'a' with no newline until its end, then the
    /// line "after", and exits. Returns once "after" is the last line of its log, read with <c>--tail 1</c> so the test
    /// process never holds the long line.
    /// </summary>
    public static async Task<string> RunLongLineAsync(string name, long bytes = LongLineBytes, bool tty = false)
    {
        string[] args = ["run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", "--label", $"{LogsLabel}=1"];
        if (tty)
            args = [.. args, "-t"];
        var id = await DockerCommand.OkAsync([.. args, LabContainers.BusyboxImage, "sh", "-c", $"head -c {bytes} /dev/zero | tr '\\0' a; echo; echo after"]);
        await DockerCommand.OkAsync("wait", name);
        var complete = await EngineWait.UntilAsync(async () =>
            (await DockerCommand.RunAsync("logs", "--tail", "1", name)).Stdout.Trim() == "after", TimeSpan.FromSeconds(60));
        if (!complete)
            throw new InvalidOperationException($"container {name} did not log 'after' within 60 s of its end");
        return id;
    }

    /// <summary>Writes out-1..out-N to stdout and err-1..err-N to stderr (alternating), then keeps running.</summary>
    public static Task<string> RunStdoutStderrAsync(string name, int pairs = 3) =>
        RunAsync(name, $"for i in $(seq 1 {pairs}); do echo out-$i; echo err-$i >&2; done; exec sleep 100000", $"err-{pairs}");
}
