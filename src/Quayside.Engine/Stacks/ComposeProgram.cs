using System.Diagnostics;

namespace Quayside.Engine.Stacks;

/// <summary>Which compose CLI runs stacks: <c>docker compose</c> (v2 plugin) when installed, else <c>docker-compose</c> (v1).</summary>
public sealed record ComposeProgram(IReadOnlyList<string> Command, string Version)
{
    public bool IsV2 => Command.Count == 2;

    private static readonly Lazy<ComposeProgram?> Found = new(Find);

    /// <summary>The compose CLI on this machine, looked for once; null when there is none.</summary>
    public static ComposeProgram? Installed => Found.Value;

    /// <summary>What to say when no compose CLI is installed.</summary>
    public const string Missing = "No compose CLI is installed where Quayside runs: install the docker compose plugin (v2) " +
        "or docker-compose (v1, Debian's package docker-compose), then restart Quayside.";

    private static ComposeProgram? Find()
    {
        if (Ask(["docker", "compose", "version", "--short"]) is { } v2)
            return new ComposeProgram(["docker", "compose"], v2);
        if (Ask(["docker-compose", "version", "--short"]) is { } v1)
            return new ComposeProgram(["docker-compose"], v1);
        return null;
    }

    private static string? Ask(string[] words)
    {
        try
        {
            var start = new ProcessStartInfo(words[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var w in words[1..])
                start.ArgumentList.Add(w);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(15_000))
            {
                process.Kill(true);
                return null;
            }
            return process.ExitCode == 0 && output.Trim().Length > 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
