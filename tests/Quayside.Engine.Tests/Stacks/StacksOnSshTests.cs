using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;
using Quayside.Engine.Stacks;
using Quayside.Engine.Tests.Hosts;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stacks;

/// <summary>
/// A project on an SSH host, started there from a folder of that machine: its files are read and edited in place over
/// SFTP, and compose runs here against the host, with relative paths meaning that machine's folder.
/// </summary>
public sealed class StacksOnSshTests(SshEngineModel lab) : IClassFixture<SshEngineModel>, IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("quayside-stacks-ssh-").FullName;
    private EngineHost _host = null!;
    private StackOperations _stacks = null!;

    public Task InitializeAsync()
    {
        _host = new EngineHost("lab-ssh", lab.Model);
        _stacks = new StackOperations(_host, new StackSettings(_data, new LabStacks.ReversingProtector()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _stacks.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static Task<string> OnNodeAsync(string script) => DockerCommand.OkAsync("exec", LabEngines.SshContainer, "sh", "-c", script);

    /// <summary>Starts a project on the SSH engine as if from its own folder: the same path here, compose pointed at the host, the local copy removed after.</summary>
    private async Task StartThereAsync(string name, string folder, string compose, string env)
    {
        await OnNodeAsync($"mkdir -p {folder} && cat > {folder}/compose.yaml <<'EOF'\n{compose}EOF\nprintf '%s' '{env}' > {folder}/.env");
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "compose.yaml"), compose);
            await File.WriteAllTextAsync(Path.Combine(folder, ".env"), env);
            await using var proxy = new EngineSocketProxy(lab.Model.Client.Endpoint);
            var psi = new System.Diagnostics.ProcessStartInfo("docker-compose", ["-p", name, "up", "-d"])
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            psi.Environment["DOCKER_HOST"] = proxy.DockerHost;
            using var process = System.Diagnostics.Process.Start(psi)!;
            var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_project_on_an_ssh_host_is_edited_in_place_over_sftp_and_reapplied_with_its_relative_paths_on_that_machine()
    {
        var name = LabStacks.UniqueName("ssh");
        var folder = $"/srv/{name}";
        var compose = LabStacks.OneSleeper("    environment: {GREETING: \"${GREETING}\"}\n    volumes: [\"./data:/data\"]");
        try
        {
            await StartThereAsync(name, folder, compose, "GREETING=hello-v1\n");
            Assert.True(await EngineWait.UntilAsync(() => _stacks.Find(name)?.Running == 1, TimeSpan.FromSeconds(10)), "the project on the SSH host is not listed");

            var location = _stacks.Locate(name);
            Assert.Equal(StackFilesKind.InPlace, location.Kind);
            Assert.False(location.Disk.IsLocal);
            Assert.Contains("over SFTP", location.Describe);
            var files = await _stacks.ReadFilesAsync(name);
            Assert.Equal(compose, files[$"{folder}/compose.yaml"]);
            Assert.Equal("GREETING=hello-v1\n", files[$"{folder}/.env"]);

            var outcome = await _stacks.ApplyAsync(name, new Dictionary<string, string> { [$"{folder}/.env"] = "GREETING=hello-v2\n" },
                new ApplyOptions("tester", true, new HealthGateOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30))));

            Assert.True(outcome.Ok, outcome.Message + "\n" + string.Join("\n", outcome.Output));
            Assert.Equal($"docker-compose -p {name} -f {folder}/compose.yaml up -d --remove-orphans", outcome.Cli);
            Assert.Equal(["app"], outcome.Plan!.ChangedServices);
            Assert.Equal("GREETING=hello-v2", (await OnNodeAsync($"cat {folder}/.env")).Trim());
            Assert.Equal("hello-v2", await LabEngineFixture.DockerOnAsync("ssh", "exec", $"{name}_app_1", "sh", "-c", "echo $GREETING"));
            Assert.Equal($"{folder}/data", await LabEngineFixture.DockerOnAsync("ssh", "inspect", "--format", "{{range .Mounts}}{{.Source}}{{end}}", $"{name}_app_1"));
            Assert.Equal($"{folder}/compose.yaml", await LabEngineFixture.DockerOnAsync("ssh", "inspect", "--format",
                "{{index .Config.Labels \"com.docker.compose.project.working_dir\"}}/compose.yaml", $"{name}_app_1"));
            Assert.DoesNotContain("hello-v2", outcome.Version!.Diff);
            Assert.Empty(await OnNodeAsync($"ls -A {folder} | grep quayside || true"));
        }
        finally
        {
            await LabEngineFixture.DockerOnAsync("ssh", "rm", "-f", $"{name}_app_1").ContinueWith(_ => { });
            await LabEngineFixture.DockerOnAsync("ssh", "network", "rm", $"{name}_default").ContinueWith(_ => { });
            await OnNodeAsync($"rm -rf {folder}");
        }
    }

    [Fact]
    public async Task An_env_file_that_links_out_of_the_project_on_the_ssh_host_is_refused()
    {
        var name = LabStacks.UniqueName("sshlink");
        var folder = $"/srv/{name}";
        try
        {
            await StartThereAsync(name, folder, LabStacks.OneSleeper(), "");
            await OnNodeAsync($"ln -s /etc/shadow {folder}/secrets.env");
            Assert.True(await EngineWait.UntilAsync(() => _stacks.Find(name)?.Running == 1, TimeSpan.FromSeconds(10)));

            var plan = await _stacks.PlanAsync(name, new Dictionary<string, string> { [$"{folder}/compose.yaml"] = LabStacks.OneSleeper("    env_file: secrets.env") });

            var problem = Assert.Single(plan.Problems);
            Assert.Contains("env_file 'secrets.env' is outside the project folder", problem.Message);
            Assert.Equal(7, problem.Line);
        }
        finally
        {
            await LabEngineFixture.DockerOnAsync("ssh", "rm", "-f", $"{name}_app_1").ContinueWith(_ => { });
            await LabEngineFixture.DockerOnAsync("ssh", "network", "rm", $"{name}_default").ContinueWith(_ => { });
            await OnNodeAsync($"rm -rf {folder}");
        }
    }
}

/// <summary>
/// A live model of the lab's SSH engine of its own, so these tests run beside the other lab-engine tests instead of
/// after them (compose over SSH is the slowest thing the suite does).
/// </summary>
public sealed class SshEngineModel : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public Engine.Model.HostModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await LabEngines.EnsureAsync();
        Model = new Engine.Model.HostModel(new EngineClient(await LabEngines.SshEndpointAsync()));
        _run = Model.RunAsync(_stop.Token);
        Assert.True(await Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(60)), $"The SSH lab engine did not load: {Model.Status.Problem}");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
            await _run;
        Model.Client.Dispose();
    }
}
