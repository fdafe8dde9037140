using Quayside.Engine.Stacks;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stacks;

/// <summary>Peers' real advisories, tried against Quayside's stacks, and compose's errors shown with their lines.</summary>
public class StackSecurityTests(StackLab lab) : IClassFixture<StackLab>
{
    private StackOperations Stacks => lab.Stacks;

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/etc")]
    [InlineData("Upper")]
    [InlineData(".hidden")]
    public async Task A_stack_name_that_could_leave_the_stacks_folder_is_refused_and_nothing_is_written(string name)
    {
        var refused = await Assert.ThrowsAsync<StackRefusedException>(() => Stacks.CreateAsync(name, LabStacks.OneSleeper(), "", StackLab.By()));
        Assert.Contains("lower-case letters, digits", refused.Message);
        Assert.False(Directory.Exists(Path.Combine(lab.DataRoot, "local")) && Directory.EnumerateFileSystemEntries(Path.Combine(lab.DataRoot, "local"))
            .Any(e => !Path.GetFileName(e).StartsWith("qt-", StringComparison.Ordinal) && Path.GetFileName(e) != ".history"));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(lab.DataRoot, "local", name, "compose.yaml"))));
    }

    [Fact]
    public async Task A_file_path_that_is_not_one_of_the_stacks_own_files_is_refused_before_anything_is_written()
    {
        var name = LabStacks.UniqueName("path");
        try
        {
            lab.Kept(name, LabStacks.OneSleeper());
            var outside = Path.Combine(lab.DataRoot, "local", name, "..", "..", "pwned.yaml");

            var refused = await Assert.ThrowsAsync<StackRefusedException>(() =>
                Stacks.ApplyAsync(name, new Dictionary<string, string> { [outside] = "x" }, StackLab.By()));

            Assert.Contains("is not a file of this stack", refused.Message);
            Assert.False(File.Exists(Path.GetFullPath(outside)));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Theory]
    [InlineData("    env_file: ../../../../../../etc/passwd", 7, "env_file '../../../../../../etc/passwd' is outside the project folder")]
    [InlineData("    env_file: [ok.env, /etc/passwd]", 7, "env_file '/etc/passwd' is outside the project folder")]
    [InlineData("    env_file:\n      - path: /etc/shadow", 8, "env_file '/etc/shadow' is outside the project folder")]
    [InlineData("    env_file: ${HOME}/.env", 7, "uses a variable")]
    [InlineData("    extends: {file: /etc/compose.yaml, service: x}", 7, "extends.file '/etc/compose.yaml' is outside the project folder")]
    public async Task An_env_file_or_extends_that_reads_outside_the_project_is_refused_with_its_line_and_compose_never_runs(string line, int lineNumber, string expected)
    {
        var name = LabStacks.UniqueName("envesc");
        try
        {
            lab.Kept(name, LabStacks.OneSleeper());
            await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(lab.ComposePath(name))!, "ok.env"), "A=1\n");
            var text = LabStacks.OneSleeper(line);

            var plan = await Stacks.PlanAsync(name, new Dictionary<string, string> { [lab.ComposePath(name)] = text });

            var problem = Assert.Single(plan.Problems);
            Assert.Contains(expected, problem.Message);
            Assert.Equal(lineNumber, problem.Line);
            Assert.Empty(plan.NewConfig);
            var outcome = await Stacks.ApplyAsync(name, new Dictionary<string, string> { [lab.ComposePath(name)] = text }, StackLab.By());
            Assert.False(outcome.Ok);
            Assert.Null(outcome.Version);
            Assert.DoesNotContain("root:x:0:0", outcome.Message + string.Join("", outcome.Output));
            Assert.Equal(LabStacks.OneSleeper(), await File.ReadAllTextAsync(lab.ComposePath(name)));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task An_include_of_a_file_outside_the_project_through_a_symbolic_link_is_refused()
    {
        var name = LabStacks.UniqueName("incl");
        try
        {
            lab.Kept(name, LabStacks.OneSleeper());
            var folder = Path.GetDirectoryName(lab.ComposePath(name))!;
            File.CreateSymbolicLink(Path.Combine(folder, "innocent.yaml"), "/etc/passwd");
            var text = "include:\n  - innocent.yaml\n" + LabStacks.OneSleeper();

            var plan = await Stacks.PlanAsync(name, new Dictionary<string, string> { [lab.ComposePath(name)] = text });

            var problem = Assert.Single(plan.Problems);
            Assert.Equal(2, problem.Line);
            Assert.Contains("include 'innocent.yaml' is outside the project folder", problem.Message);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Values_from_env_and_env_file_are_masked_in_the_diff_the_history_the_output_and_the_log()
    {
        var name = LabStacks.UniqueName("mask");
        const string secret = "hunter2-correct-horse";
        const string fileSecret = "s3cr3t-from-env-file";
        try
        {
            var compose = LabStacks.OneSleeper("    environment: {PASSWORD: \"${PASSWORD}\"}\n    env_file: app.env");
            var folder = lab.Stacks.Locator.ManagedFolder(name);
            Assert.True((await Stacks.CreateAsync(name, LabStacks.OneSleeper(), "", StackLab.By("t", gate: false))).Ok);
            await File.WriteAllTextAsync(Path.Combine(folder, "app.env"), $"TOKEN={fileSecret}\n");
            var lines = new List<string>();

            var outcome = await Stacks.ApplyAsync(name, new Dictionary<string, string>
            {
                [lab.ComposePath(name)] = compose,
                [lab.EnvPath(name)] = $"# the database\nPASSWORD={secret}\n",
            }, StackLab.By("t", gate: false), lines.Add);

            Assert.True(outcome.Ok, outcome.Message);
            Assert.Equal(secret, await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $PASSWORD"));
            Assert.Equal(fileSecret, await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $TOKEN"));
            var envDiff = outcome.Plan!.Files.Single(f => f.Path == lab.EnvPath(name)).Diff;
            Assert.Contains(envDiff.Hunks.SelectMany(h => h.Lines), l => l.Text == "PASSWORD=" + SecretMask.Mask && l.Kind == DiffKind.Added);
            Assert.Contains(envDiff.Hunks.SelectMany(h => h.Lines), l => l.Text == "# the database");
            Assert.Contains("PASSWORD: " + SecretMask.Mask, outcome.Plan.NewConfig);
            Assert.Contains("TOKEN: " + SecretMask.Mask, outcome.Plan.NewConfig);
            var everything = string.Join("\n", [outcome.Version!.Diff, outcome.Version.Config, outcome.Message, .. outcome.Output, .. lines,
                .. Directory.EnumerateFiles(Path.Combine(lab.DataRoot, "local", ".history", name)).Select(File.ReadAllText),
                await Stacks.EffectiveConfigAsync(name)]);
            Assert.DoesNotContain(secret, everything);
            Assert.DoesNotContain(fileSecret, everything);
            Assert.Contains("PASSWORD=" + SecretMask.Mask, outcome.Version.Diff);
            Assert.Equal($"# the database\nPASSWORD={secret}\n", Stacks.History.Files(outcome.Version)[lab.EnvPath(name)]);
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Compose_errors_are_shown_with_the_line_they_are_on_and_nothing_is_written()
    {
        var name = LabStacks.UniqueName("err");
        try
        {
            lab.Kept(name, LabStacks.OneSleeper());
            var path = lab.ComposePath(name);

            var syntax = await Stacks.PlanAsync(name, new Dictionary<string, string> { [path] = "services:\n  app:\n    image: x\n   ports: [1]\n" });
            var schema = await Stacks.PlanAsync(name, new Dictionary<string, string> { [path] = "services:\n  app:\n    image: x\n    prots: [\"80\"]\n" });

            var s = Assert.Single(syntax.Problems);
            Assert.Equal(4, s.Line);
            Assert.Equal(path, s.File);
            Assert.DoesNotContain(".quayside-check", s.Message);
            var p = Assert.Single(schema.Problems);
            Assert.Equal(4, p.Line);
            Assert.Contains("Unsupported config option for services.app: 'prots'", p.Message);
            Assert.Equal(LabStacks.OneSleeper(), await File.ReadAllTextAsync(path));
            Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, ".quayside-*"));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }
}
