using System.Diagnostics;

namespace Quayside.TestSupport;

/// <summary>Runs the real docker CLI, the yardstick the tests compare Quayside against.</summary>
public static class DockerCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result EnsureSuccess(string what) => ExitCode == 0 ? this
            : throw new InvalidOperationException($"docker {what} failed ({ExitCode}): {Stderr.Trim()}");
    }

    /// <summary>Runs docker with the given arguments (no shell involved).</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return await RunProcessAsync(psi);
    }

    /// <summary>Runs a complete command line through /bin/sh, as a user pasting Quayside's CLI line would.</summary>
    public static async Task<Result> RunLineAsync(string commandLine)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(commandLine);
        return await RunProcessAsync(psi);
    }

    public static async Task<string> OkAsync(params string[] args) =>
        (await RunAsync(args)).EnsureSuccess(string.Join(' ', args)).Stdout.Trim();

    /// <summary>One field of <c>docker inspect</c>, e.g. "{{.State.Status}}".</summary>
    public static Task<string> InspectAsync(string target, string format) => OkAsync("inspect", "--format", format, target);

    private static async Task<Result> RunProcessAsync(ProcessStartInfo psi)
    {
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + psi.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
