using System.Diagnostics;
using Quayside.Engine.Stacks;

namespace Quayside.TestSupport;

/// <summary>Compose projects for the stacks tests, made and removed with the real compose CLI; everything carries quayside.test.</summary>
public static class LabStacks
{
    public const string Image = "quayside-lab/busybox:latest";

    public static string UniqueName(string prefix) => $"qt-{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// The three-service stack: <c>web</c> (busybox httpd answering <paramref name="page"/>, with a health check and a
    /// published port), <c>worker</c> (<paramref name="workers"/> sleepers), <c>store</c> (writes to the named volume data).
    /// </summary>
    public static string ThreeServices(string page = "hello-from-web", int workers = 2, string webHealth = "wget -q -O- http://127.0.0.1/ || exit 1") => $$"""
        services:
          web:
            image: {{Image}}
            init: true
            command: ["sh", "-c", "mkdir -p /www && echo {{page}} > /www/index.html && exec httpd -f -p 80 -h /www"]
            ports: ["127.0.0.1::80"]
            healthcheck: {test: ["CMD-SHELL", "{{webHealth}}"], interval: 1s, timeout: 2s, retries: 2}
            labels: {quayside.test: "1"}
          worker:
            image: {{Image}}
            init: true
            command: ["sleep", "100000"]
            scale: {{workers}}
            labels: {quayside.test: "1"}
          store:
            image: {{Image}}
            init: true
            command: ["sh", "-c", "date >> /data/log && exec sleep 100000"]
            volumes: ["data:/data"]
            labels: {quayside.test: "1"}
        volumes:
          data:
            labels: {quayside.test: "1"}
        networks:
          default:
            labels: {quayside.test: "1"}

        """;

    /// <summary>A one-service stack whose only container runs busybox sleep; <paramref name="serviceLines"/> go at the end of its service (line 7 on).</summary>
    public static string OneSleeper(string serviceLines = "") => $$"""
        services:
          app:
            image: {{Image}}
            init: true
            command: ["sleep", "100000"]
            labels: {quayside.test: "1"}
        {{serviceLines}}
        networks:
          default:
            labels: {quayside.test: "1"}

        """.Replace("\n\n", "\n");

    /// <summary>Runs docker-compose (v1, the CLI tested here) in a folder, as a user would.</summary>
    public static async Task<(int ExitCode, string Output)> ComposeAsync(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Removes a project's containers, networks and volumes, whoever made it, by its labels.</summary>
    public static async Task RemoveAsync(string project)
    {
        var filter = $"label={ComposeLabels.Project}={project}";
        var ids = (await DockerCommand.RunAsync("ps", "-aq", "--filter", filter)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
            await DockerCommand.RunAsync(["rm", "-f", "-v", .. ids]);
        foreach (var kind in new[] { "network", "volume" })
        {
            var names = (await DockerCommand.RunAsync(kind, "ls", "-q", "--filter", filter)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length > 0)
                await DockerCommand.RunAsync([kind, "rm", .. names]);
        }
    }

    /// <summary>A stand-in for Data Protection in the engine tests: reversible, and never the plain text.</summary>
    public sealed class ReversingProtector : ISecretProtector
    {
        public string Protect(string plain) => "p:" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(new string(plain.Reverse().ToArray())));

        public string Unprotect(string protectedText) =>
            new(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(protectedText[2..])).Reverse().ToArray());
    }

    /// <summary>The page a published port of a container answers, fetched from this machine.</summary>
    public static async Task<string> FetchAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return (await http.GetStringAsync($"http://127.0.0.1:{port}/")).Trim();
    }
}
