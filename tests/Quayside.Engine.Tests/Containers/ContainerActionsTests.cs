using Quayside.Engine.Containers;
using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Containers;

public class ContainerActionsTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>, IAsyncLifetime
{
    private readonly List<string> _made = [];
    private HostModel Model => fixture.Model;
    private ContainerActions Actions => new(fixture.Model);

    private async Task<string> SleeperAsync(string prefix, params string[] args)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name, args);
        Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name) is not null, TimeSpan.FromSeconds(2)));
        return name;
    }

    private static Task<string> StatusOf(string name) => DockerCommand.InspectAsync(name, "{{.State.Status}}");

    [Fact]
    public async Task Stop_start_pause_unpause_restart_do_what_docker_inspect_then_shows()
    {
        var name = await SleeperAsync("life");
        var stop = await Actions.StopAsync([name], 1);
        Assert.True(stop.Ok, stop.Summary);
        Assert.Equal($"docker stop -t 1 {name}", stop.Cli);
        Assert.Equal("exited", await StatusOf(name));

        Assert.True((await Actions.StartAsync([name])).Ok);
        Assert.Equal("running", await StatusOf(name));

        Assert.True((await Actions.PauseAsync([name])).Ok);
        Assert.Equal("paused", await StatusOf(name));

        Assert.True((await Actions.UnpauseAsync([name])).Ok);
        Assert.Equal("running", await StatusOf(name));

        var before = await DockerCommand.InspectAsync(name, "{{.State.StartedAt}}");
        Assert.True((await Actions.RestartAsync([name], 1)).Ok);
        Assert.NotEqual(before, await DockerCommand.InspectAsync(name, "{{.State.StartedAt}}"));
    }

    [Fact]
    public async Task Kill_sends_the_chosen_signal()
    {
        var name = await SleeperAsync("kill");
        var outcome = await Actions.KillAsync([name], "SIGKILL");
        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal($"docker kill -s SIGKILL {name}", outcome.Cli);
        Assert.Equal("137", await DockerCommand.InspectAsync(name, "{{.State.ExitCode}}"));
    }

    [Fact]
    public async Task An_unknown_signal_is_refused_before_reaching_the_engine()
    {
        var name = await SleeperAsync("badsig");
        var outcome = await Actions.KillAsync([name], "sig term");
        Assert.False(outcome.Ok);
        Assert.Contains("is not a signal name", outcome.Summary);
        Assert.Equal("running", await StatusOf(name));
    }

    [Fact]
    public async Task Removing_a_running_container_without_force_is_refused_in_words_and_with_force_works()
    {
        var name = await SleeperAsync("rm");
        var refused = await Actions.RemoveAsync([name], force: false, volumes: false);
        Assert.False(refused.Ok);
        Assert.Contains("The container is running, so it was not removed.", refused.Summary);
        Assert.Equal("running", await StatusOf(name));

        var removed = await Actions.RemoveAsync([name], force: true, volumes: true);
        Assert.True(removed.Ok, removed.Summary);
        Assert.Equal($"docker rm -f -v {name}", removed.Cli);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("inspect", name)).ExitCode);
    }

    [Fact]
    public async Task Rename_changes_the_name_and_refuses_a_bad_one()
    {
        var name = await SleeperAsync("ren");
        var newName = name + "-renamed";
        _made.Add(newName);
        var bad = await Actions.RenameAsync(name, "bad name");
        Assert.False(bad.Ok);
        Assert.Contains("not a valid container name", bad.Summary);

        var ok = await Actions.RenameAsync(name, newName);
        Assert.True(ok.Ok, ok.Summary);
        Assert.Equal($"docker rename {name} {newName}", ok.Cli);
        Assert.Equal("/" + newName, await DockerCommand.InspectAsync(newName, "{{.Name}}"));
    }

    [Fact]
    public async Task Acting_on_several_containers_reports_each_and_builds_one_line()
    {
        var a = await SleeperAsync("multi");
        var b = await SleeperAsync("multi");
        var outcome = await Actions.StopAsync([a, b, "qt-no-such-container"], 1);
        Assert.False(outcome.Ok);
        Assert.Equal($"docker stop -t 1 {a} {b} qt-no-such-container", outcome.Cli);
        Assert.Equal("1 of 3 failed.", outcome.Summary);
        Assert.Contains(outcome.Results, r => !r.Ok && r.Message.Contains("There is no container 'qt-no-such-container'"));
        Assert.Equal("exited", await StatusOf(a));
        Assert.Equal("exited", await StatusOf(b));
    }

    [Fact]
    public async Task Prune_removes_only_stopped_containers_with_the_label()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var running = await SleeperAsync("prune", "--label", $"prune-run={run}");
        var stopped = LabContainers.UniqueName("prune");
        _made.Add(stopped);
        await LabContainers.CreateAsync(stopped, "--label", $"prune-run={run}");

        var outcome = await Actions.PruneAsync($"prune-run={run}");
        Assert.True(outcome.Ok, outcome.Summary);
        Assert.StartsWith("Removed 1 stopped container", outcome.Summary);
        Assert.Equal($"docker container prune -f --filter label=prune-run={run}", outcome.Cli);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("inspect", stopped)).ExitCode);
        Assert.Equal("running", await StatusOf(running));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_action_runs_the_line_its_plan_showed()
    {
        var name = await SleeperAsync("plan");
        await PlanAssert.RunsAsShownAsync(Actions.PlanStop([name], 1), $"docker stop -t 1 {name}");
        await PlanAssert.RunsAsShownAsync(Actions.PlanStart([name]), $"docker start {name}");
        await PlanAssert.RunsAsShownAsync(Actions.PlanPause([name]), $"docker pause {name}");
        await PlanAssert.RunsAsShownAsync(Actions.PlanUnpause([name]), $"docker unpause {name}");
        await PlanAssert.RunsAsShownAsync(Actions.PlanRestart([name], 1), $"docker restart -t 1 {name}");
        _made.Add(name + "-b");
        await PlanAssert.RunsAsShownAsync(Actions.PlanRename(name, name + "-b"), $"docker rename {name} {name}-b");
        Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name + "-b")?.Name == name + "-b", TimeSpan.FromSeconds(10)));
        await PlanAssert.RunsAsShownAsync(Actions.PlanKill([name + "-b"], "SIGKILL"), $"docker kill -s SIGKILL {name}-b");
        Assert.Equal("137", await DockerCommand.InspectAsync(name + "-b", "{{.State.ExitCode}}"));
        await PlanAssert.RunsAsShownAsync(Actions.PlanRemove([name + "-b"], force: true, volumes: true), $"docker rm -f -v {name}-b");
    }

    [Fact]
    public async Task Bad_inputs_are_refused_once_by_the_plan_and_the_container_is_untouched()
    {
        var name = await SleeperAsync("planbad");
        await PlanAssert.RefusedOnceAsync(Actions.PlanKill([name], "sig term"),
            "'sig term' is not a signal name: use a name like SIGTERM, SIGKILL, HUP or a number 1-64.");
        await PlanAssert.RefusedOnceAsync(Actions.PlanStop([name], -1), "The stop timeout -1 is out of range: use 0 to 86400 seconds.");
        await PlanAssert.RefusedOnceAsync(Actions.PlanRename(name, "-x"),
            "'-x' is not a valid container name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters.");
        Assert.Equal("running", await StatusOf(name));
        Assert.Equal("/" + name, await DockerCommand.InspectAsync(name, "{{.Name}}"));
    }

    public Task DisposeAsync() => LabContainers.RemoveAsync([.. _made]);
}
