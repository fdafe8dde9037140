using Quayside.Engine.Stacks;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stacks;

/// <summary>Projects started outside Quayside, by docker-compose in a folder of their own, found and managed where they are.</summary>
public class StackAdoptTests(StackLab lab) : IClassFixture<StackLab>
{
    private StackOperations Stacks => lab.Stacks;

    [Fact]
    public async Task A_project_made_by_docker_compose_in_a_subfolder_is_listed_with_its_files_edited_in_place_and_reapplied_with_a_diff()
    {
        var name = LabStacks.UniqueName("cli");
        var folder = Directory.CreateTempSubdirectory("quayside-adopt-").FullName;
        var sub = Path.Combine(folder, "deep", "project-folder-not-named-like-the-project");
        Directory.CreateDirectory(sub);
        var file = Path.Combine(sub, "docker-compose.yml");
        try
        {
            await File.WriteAllTextAsync(file, LabStacks.ThreeServices(workers: 1));
            var (code, output) = await LabStacks.ComposeAsync(sub, "-p", name, "up", "-d");
            Assert.True(code == 0, output);

            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Total == 3, TimeSpan.FromSeconds(5)), "the project made by docker-compose is not listed");
            var stack = Stacks.List().Single(s => s.Name == name);
            Assert.Equal(sub, stack.WorkingDir);
            Assert.Equal([file], stack.ConfigFiles);
            Assert.Equal("1.29.2", stack.ComposeVersion);
            var location = Stacks.Locate(name);
            Assert.Equal(StackFilesKind.InPlace, location.Kind);
            Assert.Equal([file, Path.Combine(sub, ".env")], location.EditableFiles);

            var edited = LabStacks.ThreeServices(page: "edited-in-place", workers: 1);
            var plan = await Stacks.PlanAsync(name, new Dictionary<string, string> { [file] = edited });
            Assert.True(plan.Valid, string.Join(" ", plan.Problems));
            var fileDiff = plan.Files.Single(f => f.Path == file).Diff;
            Assert.Equal(1, fileDiff.Added);
            Assert.Equal(1, fileDiff.Removed);
            Assert.Equal(["web"], plan.ChangedServices);
            Assert.Contains(plan.Config!.Hunks.SelectMany(h => h.Lines), l => l.Kind == Quayside.Engine.Stacks.DiffKind.Added && l.Text.Contains("edited-in-place"));
            Assert.Equal(LabStacks.ThreeServices(workers: 1), await File.ReadAllTextAsync(file));

            var outcome = await Stacks.ApplyAsync(name, new Dictionary<string, string> { [file] = edited }, StackLab.By());

            Assert.True(outcome.Ok, outcome.Message);
            Assert.Equal($"docker-compose -p {name} -f {file} up -d --remove-orphans", outcome.Cli);
            Assert.Equal(edited, await File.ReadAllTextAsync(file));
            Assert.Equal("edited-in-place", await LabStacks.FetchAsync(await lab.WebPortAsync(name)));
            Assert.False(Directory.Exists(lab.Stacks.Locator.ManagedFolder(name)), "an adopted project was copied into the data folder");
            Assert.Empty(Directory.EnumerateFiles(sub, ".quayside-*"));
            var history = Stacks.History.List(name);
            Assert.Equal([StackChangeKind.Apply, StackChangeKind.Found], history.Select(v => v.Kind));
            Assert.Equal(LabStacks.ThreeServices(workers: 1), Stacks.History.Files(history[1])[file]);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_project_whose_files_are_gone_shows_its_configuration_rebuilt_read_only_and_can_be_taken_over()
    {
        var name = LabStacks.UniqueName("gone");
        var folder = Directory.CreateTempSubdirectory("quayside-gone-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "compose.yaml"), LabStacks.OneSleeper());
            var (code, output) = await LabStacks.ComposeAsync(folder, "-p", name, "up", "-d");
            Assert.True(code == 0, output);
            Directory.Delete(folder, recursive: true);
            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Running == 1, TimeSpan.FromSeconds(5)));

            var location = Stacks.Locate(name);
            Assert.Equal(StackFilesKind.Unreachable, location.Kind);
            Assert.Contains("cannot be read here", location.Reason);
            var pull = await Stacks.RunActionAsync(name, "pull");
            Assert.False(pull.Ok);
            Assert.Contains("Take the stack over first", pull.Summary);
            var config = await Stacks.EffectiveConfigAsync(name);
            Assert.Contains("app:", config);
            Assert.Contains(LabStacks.Image, config);

            var managed = await Stacks.TakeOverAsync(name, "tester");

            Assert.Equal(StackFilesKind.Managed, Stacks.Locate(name).Kind);
            Assert.Equal(config, await File.ReadAllTextAsync(managed.ComposeFiles[0]));
            var up = await Stacks.RunActionAsync(name, "up");
            Assert.True(up.Ok, up.Summary);
            Assert.EndsWith($"-p {name} --project-directory {managed.Directory} up -d --remove-orphans", up.Cli);
            Assert.True(await EngineWait.UntilAsync(() => Stacks.Find(name)?.Running == 1, TimeSpan.FromSeconds(10)), "the taken-over project does not run");
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
