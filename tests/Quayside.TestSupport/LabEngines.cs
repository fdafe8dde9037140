using System.Diagnostics;
using Quayside.Engine.Connection;

namespace Quayside.TestSupport;

/// <summary>
/// The lab's extra engines started by scripts/lab-engines.sh (Debian 12 with docker.io, in containers): one over TCP
/// with TLS, one over SSH, one over plain TCP. <see cref="EnsureAsync"/> starts them once per test process.
/// </summary>
public static class LabEngines
{
    public const string TlsAddress = "tcp://127.0.0.1:23761";
    public const string SshAddress = "ssh://root@127.0.0.1:22221";
    public const string TcpAddress = "tcp://127.0.0.1:23751";
    public const string TlsContainer = "quayside-lab-tls";
    public const string SshContainer = "quayside-lab-ssh";
    public const string TcpContainer = "quayside-lab-tcp";

    private static readonly Lazy<Task> Started = new(StartAsync);

    public static string Directory => Path.Combine(Environment.GetEnvironmentVariable("QUAYSIDE_LAB_DIR") ?? "/var/lib/quayside-lab", "engines");

    public static string TlsFile(string name) => Path.Combine(Directory, "tls", name);

    public static string SshKeyFile => Path.Combine(Directory, "ssh", "id_ed25519");

    public static Task EnsureAsync() => Started.Value;

    public static TlsMaterial Tls(string client = "client", string ca = "ca") => new(
        File.ReadAllText(TlsFile($"{ca}.pem")), File.ReadAllText(TlsFile($"{client}-cert.pem")), File.ReadAllText(TlsFile($"{client}-key.pem")));

    public static EngineEndpoint TlsEndpoint(string client = "client", string ca = "ca") =>
        EngineEndpoint.Parse(TlsAddress) with { Tls = Tls(client, ca) };

    public static EngineEndpoint TcpEndpoint => EngineEndpoint.Parse(TcpAddress);

    /// <summary>The SSH engine with the lab key and the host key it presents pinned (the tests check that key against the node's own).</summary>
    public static async Task<EngineEndpoint> SshEndpointAsync(string? pinned = null) =>
        EngineEndpoint.Parse(SshAddress) with
        {
            Ssh = new SshMaterial(await File.ReadAllTextAsync(SshKeyFile), null, pinned ?? await SshDialer.ReadHostKeyAsync(EngineEndpoint.Parse(SshAddress), default)),
        };

    /// <summary>The SHA-256 fingerprints (base64, no padding, no "SHA256:") of the SSH node's host keys, as ssh-keygen prints them.</summary>
    public static async Task<IReadOnlyList<string>> HostKeyFingerprintsAsync()
    {
        var output = await DockerCommand.OkAsync("exec", SshContainer, "sh", "-c", "for k in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf $k; done");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[1])
            .Select(f => f["SHA256:".Length..])];
    }

    private static async Task StartAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "scripts", "lab-engines.sh");
        using var process = Process.Start(new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The first run on a machine builds the engines' image (debootstrap); past 35 minutes something is stuck.
        using var cap = new CancellationTokenSource(TimeSpan.FromMinutes(35));
        try
        {
            await process.WaitForExitAsync(cap.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/lab-engines.sh did not finish in 35 minutes:\n{await stdout}\n{await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/lab-engines.sh failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
