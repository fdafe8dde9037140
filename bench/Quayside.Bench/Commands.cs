using System.Diagnostics;

namespace Quayside.Bench;

/// <summary>The programs the benchmarks run: the docker CLI (to prepare containers, and as a baseline) and sh.</summary>
public static class Commands
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            psi.Environment[name] = value;
        using var process = Process.Start(psi) ?? throw new BenchException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>What <c>docker ARGS</c> prints; a failure ends the benchmark with the CLI's own message.</summary>
    public static async Task<string> DockerOutputAsync(string[] args, CancellationToken ct)
    {
        var (code, stdout, stderr) = await RunAsync("docker", args, ct);
        return code == 0 ? stdout : throw new BenchException($"docker {string.Join(' ', args.Take(3))} … failed ({code}): {stderr.Trim()}");
    }
}
