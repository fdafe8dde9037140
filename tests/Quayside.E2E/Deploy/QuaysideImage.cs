using System.Diagnostics;
using System.Text;
using Quayside.TestSupport;

namespace Quayside.E2E.Deploy;

/// <summary>
/// The Quayside image built once from deploy/Dockerfile, with the lab's stand-ins for Microsoft's sdk and
/// runtime-deps images (scripts/lab-dotnet-base.sh) as the two build arguments; and a way to run deploy/run-in-docker.sh.
/// </summary>
public sealed class QuaysideImage : IAsyncLifetime
{
    /// <summary>QUAYSIDE_E2E_IMAGE sets another tag, so test runs from two checkouts at once do not build over each other's image.</summary>
    public static readonly string Tag = Environment.GetEnvironmentVariable("QUAYSIDE_E2E_IMAGE") is { Length: > 0 } tag ? tag : "quayside-lab/quayside:e2e";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The lab reaches a Debian mirror but not GitHub: the image gets Debian's docker-compose (v1) instead of the
    /// default, Docker's compose v2 release binary (deploy/Dockerfile, COMPOSE_SOURCE).
    /// </summary>
    public const string ComposeSource = "apt";

    public string Root { get; } = QuaysideApp.RepoRoot();
    public string SdkImage { get; private set; } = "";
    public string BaseImage { get; private set; } = "";
    public string Version { get; private set; } = "";

    /// <summary>Prints the last log lines of a deployment made by run-in-docker.sh, then removes its container, volume and network.</summary>
    public static async Task RemoveDeploymentAsync(string name, Xunit.Abstractions.ITestOutputHelper output)
    {
        var logs = await DockerCommand.RunAsync("logs", "--tail", "40", name);
        if (logs.ExitCode == 0)
            output.WriteLine($"container {name}, last log lines:\n{logs.Stdout}{logs.Stderr}");
        await LabContainers.RemoveAsync(name);
        await DockerCommand.RunAsync("volume", "rm", name + "-data");
        await DockerCommand.RunAsync("network", "rm", name + "-net");
    }

    /// <summary>The host socket's owner and mode before any test ran ("uid:gid mode").</summary>
    public string SocketBefore { get; private set; } = "";

    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static QuaysideImage? _built;

    /// <summary>Builds once per test run, however many test classes take this fixture.</summary>
    public async Task InitializeAsync()
    {
        await BuildGate.WaitAsync();
        try
        {
            if (_built is null)
            {
                await BuildAsync();
                _built = this;
            }
            (SocketBefore, SdkImage, BaseImage, Version) = (_built.SocketBefore, _built.SdkImage, _built.BaseImage, _built.Version);
        }
        finally
        {
            BuildGate.Release();
        }
    }

    private async Task BuildAsync()
    {
        SocketBefore = await SocketOwnerAndModeAsync();
        var bases = await RunAsync(Path.Combine(Root, "scripts", "lab-dotnet-base.sh"), [], new Dictionary<string, string>(), BuildTimeout);
        var tags = bases.EnsureSuccess("lab-dotnet-base.sh").Stdout.Trim().Split(' ');
        (BaseImage, SdkImage) = (tags[0], tags[1]);
        await RunAsync(Path.Combine(Root, "scripts", "fetch-busybox.sh"), [], new Dictionary<string, string>(), BuildTimeout);
        // The same version label run-in-docker.sh gives when it builds (-u), so its rebuild finds every layer cached.
        var describe = await RunAsync("git", ["-C", Root, "describe", "--tags", "--always", "--dirty"], new Dictionary<string, string>(), BuildTimeout);
        Version = describe.ExitCode == 0 && describe.Stdout.Trim().Length > 0 ? describe.Stdout.Trim() : "0.1.0-dev";
        var build = await RunAsync("docker",
            ["build", "-q", "-f", Path.Combine(Root, "deploy", "Dockerfile"), "--build-arg", "SDK_IMAGE=" + SdkImage,
             "--build-arg", "BASE_IMAGE=" + BaseImage, "--build-arg", "COMPOSE_SOURCE=" + ComposeSource, "--build-arg", "VERSION=" + Version, "--label", $"{LabContainers.TestLabel}=1", "-t", Tag, Root],
            new Dictionary<string, string>(), BuildTimeout);
        build.EnsureSuccess("build -f deploy/Dockerfile");
    }

    public Task DisposeAsync() => Task.CompletedTask; // the image stays as a cache, like the other lab images

    /// <summary>Environment for run-in-docker.sh: a container and volume of the test's own, labelled as test things.</summary>
    public Dictionary<string, string> ScriptEnvironment(string name, string? adminPassword) => new()
    {
        ["QUAYSIDE_NAME"] = name,
        ["QUAYSIDE_VOLUME"] = name + "-data",
        ["QUAYSIDE_LABELS"] = $"{LabContainers.TestLabel}=1",
        ["QUAYSIDE_SDK_IMAGE"] = SdkImage,
        ["QUAYSIDE_BASE_IMAGE"] = BaseImage,
        ["QUAYSIDE_COMPOSE_SOURCE"] = ComposeSource,
        ["QUAYSIDE_ADMIN_PASSWORD"] = adminPassword ?? "",
    };

    public Task<DockerCommand.Result> RunScriptAsync(IReadOnlyDictionary<string, string> env, params string[] args) =>
        RunAsync(Path.Combine(Root, "deploy", "run-in-docker.sh"), args, env, BuildTimeout);

    public static async Task<string> SocketOwnerAndModeAsync() =>
        (await DockerCommand.RunLineAsync("stat -L -c '%u:%g %a' /var/run/docker.sock")).EnsureSuccess("stat").Stdout.Trim();

    private static async Task<DockerCommand.Result> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env)
            psi.Environment[k] = v;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return new DockerCommand.Result(process.ExitCode, await stdout, await stderr);
    }
}
