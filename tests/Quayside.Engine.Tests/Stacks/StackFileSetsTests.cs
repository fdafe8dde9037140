using Quayside.Engine.Stacks;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stacks;

/// <summary>Projects of several compose files: named by -f when started, or by COMPOSE_FILE in the stack's .env.</summary>
public class StackFileSetsTests(StackLab lab) : IClassFixture<StackLab>
{
    private StackOperations Stacks => lab.Stacks;

    private const string Override = """
        services:
          app:
            environment: {LAYER: "override-v1"}

        """;

    [Fact]
    public async Task A_project_started_with_two_f_files_offers_both_and_reapplies_with_both()
    {
        var name = LabStacks.UniqueName("twof");
        var folder = Directory.CreateTempSubdirectory("quayside-twof-").FullName;
        var (base_, over) = (Path.Combine(folder, "base.yml"), Path.Combine(folder, "override.yml"));
        try
        {
            await File.WriteAllTextAsync(base_, LabStacks.OneSleeper());
            await File.WriteAllTextAsync(over, Override);
            var (code, output) = await LabStacks.ComposeAsync(folder, "-p", name, "-f", "base.yml", "-f", "override.yml", "up", "-d");
            Assert.True(code == 0, output);
            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Running == 1, TimeSpan.FromSeconds(5)));

            Assert.Equal([base_, over, Path.Combine(folder, ".env")], Stacks.Locate(name).EditableFiles);
            var outcome = await Stacks.ApplyAsync(name, new Dictionary<string, string> { [over] = Override.Replace("override-v1", "override-v2") }, StackLab.By());

            Assert.True(outcome.Ok, outcome.Message);
            Assert.Equal($"docker-compose -p {name} -f {base_} -f {over} up -d --remove-orphans", outcome.Cli);
            Assert.Equal("override-v2", await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $LAYER"));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_kept_stack_whose_env_names_compose_file_shows_and_runs_those_files()
    {
        var name = LabStacks.UniqueName("cfile");
        try
        {
            Assert.True((await Stacks.CreateAsync(name, LabStacks.OneSleeper(), "", StackLab.By("t", gate: false))).Ok);
            var folder = Path.GetDirectoryName(lab.ComposePath(name))!;
            await File.WriteAllTextAsync(Path.Combine(folder, "override.yaml"), Override);

            var outcome = await Stacks.ApplyAsync(name, new Dictionary<string, string> { [lab.EnvPath(name)] = "COMPOSE_FILE=compose.yaml:override.yaml\n" }, StackLab.By());

            Assert.True(outcome.Ok, outcome.Message);
            Assert.Equal("override-v1", await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $LAYER"));
            Assert.Equal([lab.ComposePath(name), Path.Combine(folder, "override.yaml"), lab.EnvPath(name)], Stacks.Locate(name).EditableFiles);
            var plan = await Stacks.PlanAsync(name, new Dictionary<string, string> { [Path.Combine(folder, "override.yaml")] = Override.Replace("override-v1", "override-v2") });
            Assert.True(plan.Valid, string.Join(" ", plan.Problems));
            Assert.Contains("LAYER: override-v2", plan.NewConfig);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }
}
