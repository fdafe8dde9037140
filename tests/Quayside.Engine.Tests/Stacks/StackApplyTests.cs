using Quayside.Engine.Stacks;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stacks;

/// <summary>Stacks applied, changed, gated and rolled back on the real engine with the real compose CLI (v1 here).</summary>
public class StackApplyTests(StackLab lab) : IClassFixture<StackLab>
{
    private StackOperations Stacks => lab.Stacks;

    [Fact]
    public async Task A_new_three_service_stack_comes_up_healthy_serving_its_page_with_two_workers_and_its_volume_written()
    {
        var name = LabStacks.UniqueName("shop");
        try
        {
            var lines = new List<string>();
            var outcome = await Stacks.CreateAsync(name, LabStacks.ThreeServices(), "", StackLab.By(), lines.Add);

            Assert.True(outcome.Ok, outcome.Message + "\n" + string.Join("\n", outcome.Output));
            Assert.Equal($"docker-compose -p {name} --project-directory {Path.GetDirectoryName(lab.ComposePath(name))} up -d --remove-orphans", outcome.Cli);
            Assert.Contains(lines, l => l.Contains($"Creating {name}_web_1", StringComparison.Ordinal));
            Assert.Equal(["store", "web", "worker"], outcome.Plan!.ChangedServices);
            Assert.Equal(1, outcome.Version!.Number);

            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Running == 4, TimeSpan.FromSeconds(5)), "4 containers not seen running");
            var stack = Stacks.Find(name)!;
            Assert.Equal(["store", "web", "worker"], stack.Services.Select(s => s.Name));
            Assert.Equal(2, stack.Services.Single(s => s.Name == "worker").Containers.Count);
            Assert.Contains($"{name}_data", stack.Volumes);
            Assert.Contains($"{name}_default", stack.Networks);
            Assert.Equal(StackFilesKind.Managed, Stacks.Locate(name).Kind);
            Assert.Equal("hello-from-web", await LabStacks.FetchAsync(await lab.WebPortAsync(name)));
            Assert.Equal("healthy", await DockerCommand.InspectAsync($"{name}_web_1", "{{.State.Health.Status}}"));
            var log = await DockerCommand.OkAsync("exec", $"{name}_store_1", "cat", "/data/log");
            Assert.NotEmpty(log);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task A_change_that_fails_its_health_check_is_rolled_back_and_the_previous_containers_are_back_and_healthy()
    {
        var name = LabStacks.UniqueName("gate");
        try
        {
            Assert.True((await Stacks.CreateAsync(name, LabStacks.ThreeServices(workers: 1), "", StackLab.By())).Ok);
            var port = await lab.WebPortAsync(name);

            var broken = LabStacks.ThreeServices(page: "broken-version", workers: 1, webHealth: "echo the health check of version 2 fails; exit 1");
            var outcome = await Stacks.ApplyAsync(name, new Dictionary<string, string> { [lab.ComposePath(name)] = broken }, StackLab.By());

            Assert.False(outcome.Ok);
            Assert.True(outcome.RolledBack, outcome.Message);
            Assert.Equal("web", outcome.Failure!.Service);
            Assert.Contains("is unhealthy: the health check of version 2 fails", outcome.Message);
            Assert.Contains("The previous version was put back and is healthy.", outcome.Message);
            Assert.Equal(LabStacks.ThreeServices(workers: 1), await File.ReadAllTextAsync(lab.ComposePath(name)));
            Assert.Equal("healthy", await DockerCommand.InspectAsync($"{name}_web_1", "{{.State.Health.Status}}"));
            var newPort = await lab.WebPortAsync(name);
            Assert.Equal("hello-from-web", await LabStacks.FetchAsync(newPort));

            var history = Stacks.History.List(name);
            Assert.Equal([StackChangeKind.AutoRollback, StackChangeKind.Apply, StackChangeKind.Apply], history.Select(v => v.Kind));
            Assert.False(history[1].Ok);
            Assert.True(history[0].Ok);
            Assert.Equal(1, history[0].From);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Rolling_back_to_version_1_from_the_history_applies_its_files_again_as_a_new_version()
    {
        var name = LabStacks.UniqueName("hist");
        try
        {
            Assert.True((await Stacks.CreateAsync(name, LabStacks.ThreeServices(workers: 1), "", StackLab.By("ann"))).Ok);
            var v2 = await Stacks.ApplyAsync(name, new Dictionary<string, string> { [lab.ComposePath(name)] = LabStacks.ThreeServices(page: "version-two", workers: 1) }, StackLab.By("bob"));
            Assert.True(v2.Ok, v2.Message);
            Assert.Equal("version-two", await LabStacks.FetchAsync(await lab.WebPortAsync(name)));
            Assert.Contains("-    command: [\"sh\", \"-c\", \"mkdir -p /www && echo hello-from-web", v2.Version!.Diff);
            Assert.Contains("+    command: [\"sh\", \"-c\", \"mkdir -p /www && echo version-two", v2.Version.Diff);
            Assert.Equal(["web"], v2.Plan!.ChangedServices);

            var back = await Stacks.RollbackAsync(name, 1, StackLab.By("cy"));

            Assert.True(back.Ok, back.Message);
            Assert.Equal(3, back.Version!.Number);
            Assert.Equal(StackChangeKind.Rollback, back.Version.Kind);
            Assert.Equal(1, back.Version.From);
            Assert.Equal("cy", back.Version.By);
            Assert.Equal(LabStacks.ThreeServices(workers: 1), await File.ReadAllTextAsync(lab.ComposePath(name)));
            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                try { return await LabStacks.FetchAsync(await lab.WebPortAsync(name)) == "hello-from-web"; }
                catch (HttpRequestException) { return false; }
            }, TimeSpan.FromSeconds(10)), "the page of version 1 is not served again");
            Assert.Equal(["cy", "bob", "ann"], Stacks.History.List(name).Select(v => v.By));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Scaling_a_service_2_to_4_to_1_leaves_that_many_containers_running()
    {
        var name = LabStacks.UniqueName("scale");
        try
        {
            Assert.True((await Stacks.CreateAsync(name, LabStacks.ThreeServices(), "", StackLab.By("t", gate: false))).Ok);
            foreach (var n in new[] { 4, 1 })
            {
                var outcome = await Stacks.RunActionAsync(name, "scale", "worker", n);
                Assert.True(outcome.Ok, outcome.Summary);
                Assert.EndsWith($"up -d --no-recreate --scale worker={n} worker", outcome.Cli);
                Assert.True(await EngineWait.UntilAsync(() => StackIndex.ContainersOf(lab.Model, name, "worker").Count(c => c.State == "running") == n
                    && StackIndex.ContainersOf(lab.Model, name, "worker").Count == n, TimeSpan.FromSeconds(5)), $"worker not at {n}");
                var ps = await DockerCommand.OkAsync("ps", "-q", "--filter", $"label=com.docker.compose.project={name}", "--filter", "label=com.docker.compose.service=worker");
                Assert.Equal(n, ps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            }
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Down_with_volumes_lists_what_it_removes_first_and_then_removes_exactly_that()
    {
        var name = LabStacks.UniqueName("down");
        try
        {
            Assert.True((await Stacks.CreateAsync(name, LabStacks.ThreeServices(workers: 1), "", StackLab.By("t", gate: false))).Ok);
            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Total == 3 && Stacks.Find(name)!.Volumes.Count == 1, TimeSpan.FromSeconds(5)));

            var stillRunning = await Assert.ThrowsAsync<StackRefusedException>(() => Stacks.DeleteAsync(name));
            Assert.Contains("still has 3 containers: take it down first", stillRunning.Message);
            var preview = Stacks.PreviewDown(name, volumes: true);
            Assert.Equal([$"{name}_store_1", $"{name}_web_1", $"{name}_worker_1"], preview.Containers.Order());
            Assert.Equal([$"{name}_default"], preview.Networks);
            Assert.Equal([$"{name}_data"], preview.Volumes);
            Assert.EndsWith("down --remove-orphans -v", preview.Cli);
            Assert.Empty(Stacks.PreviewDown(name, volumes: false).Volumes);

            var outcome = await Stacks.RunActionAsync(name, "down", volumes: true);

            Assert.True(outcome.Ok, outcome.Summary);
            Assert.Equal("", await DockerCommand.OkAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={name}"));
            Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", $"{name}_data")).ExitCode);
            Assert.NotEqual(0, (await DockerCommand.RunAsync("network", "inspect", $"{name}_default")).ExitCode);

            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Total == 0, TimeSpan.FromSeconds(5)));
            Assert.Contains(Stacks.List(), s => s.Name == name);
            var removed = await Stacks.DeleteAsync(name);
            Assert.Equal([lab.ComposePath(name)], removed);
            Assert.DoesNotContain(Stacks.List(), s => s.Name == name);
            Assert.Empty(Stacks.History.List(name));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }
}
