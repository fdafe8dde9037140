using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Errors;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Containers.Update;

/// <summary><c>docker update</c> on running containers of the real engine, checked with the real <c>docker inspect</c>.</summary>
public class ContainerUpdateTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>, IAsyncLifetime
{
    private const string Limits = "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.Memory}} " +
        "{{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.State.Status}}";

    private readonly List<string> _made = [];
    private ContainerUpdate Updater => new(fixture.Model);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => LabContainers.RemoveAsync([.. _made]);

    private async Task<string> SleeperAsync(string prefix, params string[] args)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name, args);
        return name;
    }

    [Fact]
    public async Task Restart_policy_memory_cpus_and_pids_limit_change_on_a_running_container_as_docker_inspect_shows()
    {
        var name = await SleeperAsync("upd");
        var target = await Updater.LoadAsync(name);
        Assert.Equal(("no", "", "", ""), (target.Current.RestartPolicy, target.Current.Memory, target.Current.Cpus, target.Current.PidsLimit));

        var wanted = target.Current.Clone();
        wanted.RestartPolicy = "on-failure";
        wanted.MaxRetries = "3";
        wanted.Memory = "64m";
        wanted.MemorySwap = "128m";
        wanted.Cpus = "0.5";
        wanted.PidsLimit = "50";
        var outcome = await Updater.UpdateAsync(target, wanted);

        Assert.True(outcome.Ok, outcome.Message);
        Assert.Equal($"docker update --restart on-failure:3 --memory 64m --memory-swap 128m --cpus 0.5 --pids-limit 50 {name}", outcome.Cli);
        Assert.Equal("on-failure:3 67108864 134217728 500000000 50 running", await DockerCommand.InspectAsync(name, Limits));
        // Applied to the running container's cgroup, not only recorded.
        Assert.Equal("67108864", await DockerCommand.OkAsync("exec", name, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    }

    [Fact]
    public async Task The_cli_line_pasted_into_a_shell_makes_the_same_change_on_another_container()
    {
        var ours = await SleeperAsync("upd-ours", "--memory", "32m", "--memory-swap", "64m", "--pids-limit", "40");
        var theirs = await SleeperAsync("upd-cli", "--memory", "32m", "--memory-swap", "64m", "--pids-limit", "40");
        var target = await Updater.LoadAsync(ours);
        var wanted = target.Current.Clone();
        wanted.RestartPolicy = "unless-stopped";
        wanted.Memory = "48m"; // below the 64m swap limit already set, yet sent with it
        wanted.Cpus = "1.25";
        wanted.CpuShares = "512";
        wanted.PidsLimit = ""; // unlimited

        var outcome = await Updater.UpdateAsync(target, wanted);
        Assert.True(outcome.Ok, outcome.Message);
        Assert.Equal($"docker update --restart unless-stopped --memory 48m --memory-swap 64m --cpus 1.25 --cpu-shares 512 --pids-limit -1 {ours}", outcome.Cli);
        (await DockerCommand.RunLineAsync(outcome.Cli.Replace(ours, theirs))).EnsureSuccess(outcome.Cli);

        const string all = Limits + " {{.HostConfig.CpuShares}}";
        var result = await DockerCommand.InspectAsync(ours, all);
        Assert.Equal(await DockerCommand.InspectAsync(theirs, all), result);
        Assert.StartsWith("unless-stopped:0 50331648 67108864 1250000000 ", result);
    }

    [Fact]
    public async Task The_form_is_prefilled_with_what_docker_inspect_shows_and_unchanged_sends_nothing()
    {
        var name = await SleeperAsync("upd-pre", "--restart", "on-failure:2", "--memory", "256m", "--memory-reservation", "128m",
            "--memory-swap", "-1", "--cpus", "1.5", "--cpu-shares", "512", "--cpuset-cpus", "0", "--cpuset-mems", "0", "--pids-limit", "77");
        var target = await Updater.LoadAsync(name);
        var now = target.Current;
        Assert.Equal(("on-failure", "2"), (now.RestartPolicy, now.MaxRetries));
        Assert.Equal(("256m", "128m", "-1"), (now.Memory, now.MemoryReservation, now.MemorySwap));
        Assert.Equal(("1.5", "512", "0", "0", "77"), (now.Cpus, now.CpuShares, now.CpusetCpus, now.CpusetMems, now.PidsLimit));
        Assert.Equal(name, target.Name);

        var same = now.Clone();
        same.Memory = "0.25g"; // the same bytes, written differently
        Assert.Empty(UpdateChanges.Between(now, same));
        Assert.Empty(UpdateRules.Validate(target, same));
        var outcome = await Updater.UpdateAsync(target, same);
        Assert.True(outcome.Ok);
        Assert.Equal($"docker update {name}", outcome.Cli);
        Assert.StartsWith("Nothing to update", outcome.Message);
    }

    [Fact]
    public async Task A_memory_limit_below_what_the_container_uses_is_refused_in_words_and_nothing_changes()
    {
        var name = await SleeperAsync("upd-usage", "--shm-size", "100m", "--memory", "200m", "--memory-swap", "400m");
        await DockerCommand.OkAsync("exec", name, "dd", "if=/dev/zero", "of=/dev/shm/fill", "bs=1M", "count=40");
        var target = await Updater.LoadAsync(name);
        var wanted = target.Current.Clone();
        wanted.Memory = "20m";
        wanted.MemorySwap = "40m";

        var outcome = await Updater.UpdateAsync(target, wanted);
        Assert.False(outcome.Ok);
        Assert.Matches(@"^The memory limit 20 MiB is below what the container uses now \(4\d(\.\d)? MiB\)\. Set a limit above its current use", outcome.FieldErrors[UpdateField.Memory]);
        Assert.Equal("209715200", await DockerCommand.InspectAsync(name, "{{.HostConfig.Memory}}"));
    }

    [Fact]
    public async Task The_engines_own_refusals_of_memory_and_swap_read_as_sentences_on_the_swap_field()
    {
        var name = await SleeperAsync("upd-swap");
        var client = fixture.Model.Client;
        var path = EngineRoutes.ContainerUpdate(name);

        // What the CLI's `docker update --memory 64m` sends to a container without limits: the engine wants swap with it.
        var alone = await Assert.ThrowsAsync<EngineApiException>(() => client.SendAsync(HttpMethod.Post, path, new { Memory = 64L << 20 }));
        var problem = EngineErrorTranslator.Translate(alone, client.Endpoint);
        Assert.Equal(("The new memory limit is above the container's memory + swap limit.", UpdateField.MemorySwap), (problem.Message, problem.Field));
        Assert.Contains("-1 for unlimited swap", problem.Advice);

        var below = await Assert.ThrowsAsync<EngineApiException>(() => client.SendAsync(HttpMethod.Post, path, new { Memory = 64L << 20, MemorySwap = 32L << 20 }));
        problem = EngineErrorTranslator.Translate(below, client.Endpoint);
        Assert.Equal(("Memory + swap is below the memory limit (it counts memory and swap together).", UpdateField.MemorySwap), (problem.Message, problem.Field));

        // The form never sends those: it says so next to the field first.
        var target = await Updater.LoadAsync(name);
        var wanted = target.Current.Clone();
        wanted.Memory = "64m";
        var refused = await Updater.UpdateAsync(target, wanted);
        Assert.False(refused.Ok);
        Assert.StartsWith("A new memory limit needs memory + swap set with it", refused.FieldErrors[UpdateField.MemorySwap]);
    }

    [Fact]
    public async Task Cpus_the_host_does_not_have_are_refused_in_words_on_their_field()
    {
        var name = await SleeperAsync("upd-cpuset");
        var target = await Updater.LoadAsync(name);
        var wanted = target.Current.Clone();
        wanted.CpusetCpus = "0-63";
        var outcome = await Updater.UpdateAsync(target, wanted);
        Assert.False(outcome.Ok);
        Assert.Matches(@"^The CPUs 0-63 are not all on this host: it has CPUs 0(-\d+)?\. List only those\.$", outcome.FieldErrors[UpdateField.CpusetCpus]);
        Assert.Equal($"docker update --cpuset-cpus 0-63 {name}", outcome.Cli);
    }

    [Fact]
    public async Task A_stopped_container_takes_the_new_limits_and_has_them_when_started()
    {
        var name = await SleeperAsync("upd-stopped");
        await DockerCommand.OkAsync("stop", "-t", "0", name);
        var target = await Updater.LoadAsync(name);
        var wanted = target.Current.Clone();
        wanted.PidsLimit = "64";
        wanted.RestartPolicy = "always";
        var outcome = await Updater.UpdateAsync(target, wanted);
        Assert.True(outcome.Ok, outcome.Message);
        Assert.EndsWith("The limits apply when it starts.", outcome.Message);

        await DockerCommand.OkAsync("start", name);
        Assert.Equal("always:0 0 0 0 64 running", await DockerCommand.InspectAsync(name, Limits));
        Assert.Equal("64", await DockerCommand.OkAsync("exec", name, "cat", "/sys/fs/cgroup/pids/pids.max"));
    }
}
