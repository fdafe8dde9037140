using System.Diagnostics;
using Quayside.Engine.Containers;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Containers.Wait;

/// <summary><c>docker wait</c> on the real engine: it ends with the container, with the code docker inspect records.</summary>
public class ContainerWaitTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>, IAsyncLifetime
{
    private readonly List<string> _made = [];
    private ContainerWait Waiter => new(fixture.Model);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => LabContainers.RemoveAsync([.. _made]);

    /// <summary>A running container whose main process exits with 42 on SIGTERM (docker stop).</summary>
    private async Task<string> ExitsWith42OnStopAsync(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        await DockerCommand.OkAsync("run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage,
            "sh", "-c", "trap 'exit 42' TERM; sleep 100000 & wait");
        Assert.True(await EngineWait.UntilAsync(() => fixture.Model.FindContainer(name) is not null, TimeSpan.FromSeconds(5)));
        return name;
    }

    [Fact]
    public async Task Wait_ends_when_the_container_is_stopped_with_the_exit_code_docker_inspect_records()
    {
        var name = await ExitsWith42OnStopAsync("wait-stop");
        var wait = Waiter.WaitAsync(name, CancellationToken.None);
        await Task.Delay(1500);
        Assert.False(wait.IsCompleted, "the wait ended while the container still ran");

        await DockerCommand.OkAsync("stop", "-t", "10", name);
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Null(result.Problem);
        Assert.Equal(42, result.ExitCode);
        Assert.Equal("42", await DockerCommand.InspectAsync(name, "{{.State.ExitCode}}"));
        Assert.Equal($"docker wait {name}", result.Cli);
    }

    [Fact]
    public async Task A_killed_container_ends_the_wait_with_137_well_past_the_engines_default_timeout()
    {
        var name = await ExitsWith42OnStopAsync("wait-kill");
        var wait = Waiter.WaitAsync(name, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(32)); // longer than a plain engine call may take (30 s)
        Assert.False(wait.IsCompleted, "the wait gave up before the container ended");

        await DockerCommand.OkAsync("kill", name);
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((137L, (string?)null), (result.ExitCode, result.Problem));
    }

    [Fact]
    public async Task Cancelling_the_wait_ends_it_at_once_and_leaves_the_container_running()
    {
        var name = await ExitsWith42OnStopAsync("wait-cancel");
        using var cts = new CancellationTokenSource();
        var wait = Waiter.WaitAsync(name, cts.Token);
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelling took {clock.Elapsed}");
        Assert.Equal("running", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    [Fact]
    public async Task Waiting_for_a_container_that_does_not_exist_says_so_in_words()
    {
        var result = await Waiter.WaitAsync("qt-no-such-container-for-wait", CancellationToken.None);
        Assert.Null(result.ExitCode);
        Assert.Equal("There is no container 'qt-no-such-container-for-wait'. It may have been removed already.", result.Problem);
        Assert.Equal("docker wait qt-no-such-container-for-wait", result.Cli);
    }
}
