using System.Text.Json;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Inspect;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Inspect;

public sealed class InspectorTests : IAsyncLifetime
{
    private readonly EngineClient _client = new(EngineEndpoint.FromEnvironment());
    private readonly List<string> _made = [];
    private Inspector Inspector => new(_client);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        _client.Dispose();
    }

    private async Task<string> SleeperAsync(string prefix, params string[] args)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name, args);
        return name;
    }

    [Fact]
    public async Task Raw_json_is_what_docker_inspect_prints()
    {
        var name = await SleeperAsync("insp-raw", "--label", "tier=<b>front</b>");
        var inspected = await Inspector.ContainerAsync(name);

        using var cli = JsonDocument.Parse(await DockerCommand.OkAsync("inspect", name));
        var fromCli = cli.RootElement[0];
        Assert.Equal(fromCli.GetProperty("Id").GetString(), inspected.Raw.GetProperty("Id").GetString());
        Assert.Equal(fromCli.GetProperty("Id").GetString(), inspected.Details.Id);
        Assert.Equal(
            fromCli.EnumerateObject().Select(p => p.Name).Order(),
            inspected.Raw.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("<b>front</b>", inspected.Details.Config.Labels!["tier"]);
        Assert.Equal("/" + name, inspected.Details.Name);
        Assert.Equal(["sleep", "100000"], inspected.Details.Config.Cmd);
    }

    [Fact]
    public async Task A_failing_health_check_reads_as_unhealthy_with_its_output()
    {
        var name = await SleeperAsync("insp-health",
            "--health-cmd", "echo probe-said-no; exit 3", "--health-interval", "1s", "--health-retries", "1", "--health-timeout", "2s");
        ContainerDetails? details = null;
        Assert.True(await EngineWait.UntilAsync(async () =>
        {
            details = (await Inspector.ContainerAsync(name)).Details;
            return details.State.Health?.Status == "unhealthy";
        }, TimeSpan.FromSeconds(20)), $"health stayed {details?.State.Health?.Status}");
        var last = details!.State.Health!.Log!.Last();
        Assert.Equal(3, last.ExitCode);
        Assert.Contains("probe-said-no", last.Output);
    }

    [Fact]
    public async Task Top_shows_a_process_started_inside_and_diff_shows_a_file_created_inside()
    {
        var name = await SleeperAsync("insp-topdiff");
        await DockerCommand.OkAsync("exec", "-d", name, "sleep", "4242");
        await DockerCommand.OkAsync("exec", name, "touch", "/made-by-the-test");

        ContainerProcesses? top = null;
        Assert.True(await EngineWait.UntilAsync(async () =>
        {
            top = await Inspector.ProcessesAsync(name);
            return top.Processes.Any(p => p.Any(cell => cell.Contains("sleep 4242")));
        }, TimeSpan.FromSeconds(5)));
        Assert.Contains("PID", top!.Titles);

        var changes = await Inspector.ChangesAsync(name);
        Assert.Contains(changes, c => c.Path == "/made-by-the-test" && c.Kind == ChangeKind.Added);
        var cliDiff = await DockerCommand.RunLineAsync(DockerCli.Diff(name));
        Assert.Contains("A /made-by-the-test", cliDiff.Stdout);
    }

    [Fact]
    public async Task A_container_without_changes_has_an_empty_diff()
    {
        var name = LabContainers.UniqueName("insp-nodiff");
        _made.Add(name);
        await LabContainers.CreateAsync(name);
        Assert.Empty(await Inspector.ChangesAsync(name));
    }

    [Fact]
    public async Task The_arm64_lab_image_reads_as_arm64_with_its_history()
    {
        var image = await Inspector.ImageAsync("quayside-lab/busybox-arm64:latest");
        Assert.Equal("arm64", image.Details.Architecture);
        Assert.Equal("linux", image.Details.Os);
        Assert.True(Emulation.NeedsEmulation(image.Details.Architecture, "amd64"));
        Assert.NotEmpty(image.Details.RootFS.Layers!);

        var history = await Inspector.HistoryAsync("quayside-lab/busybox-arm64:latest");
        Assert.Contains(history, h => h.CreatedBy.Contains("COPY", StringComparison.Ordinal) && !h.IsEmptyLayer);
        var cli = await DockerCommand.RunLineAsync(DockerCli.History("quayside-lab/busybox-arm64:latest"));
        Assert.Equal(history.Count, cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void This_host_has_an_emulator_registered_for_arm64()
    {
        // scripts/test-env.sh installs qemu-user-static and binfmt-support for the arm64 lab image.
        Assert.Equal("qemu-aarch64", Emulation.RegisteredEmulator("arm64"));
        Assert.Null(Emulation.RegisteredEmulator("arm64", Path.Combine(Path.GetTempPath(), "no-binfmt-here")));
    }

    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("api_token", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("SSH_KEY", true)]
    [InlineData("PATH", false)]
    [InlineData("HOME", false)]
    public void Secret_looking_names_are_recognised(string name, bool secret) => Assert.Equal(secret, SecretValues.LooksSecret(name));

    [Fact]
    public void Env_entries_split_at_the_first_equals_sign() =>
        Assert.Equal(("URL", "a=b=c"), SecretValues.Split("URL=a=b=c"));
}
