using Quayside.Engine.Cli;
using Quayside.Engine.Consoles;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Consoles;

public class ConsoleCliTests
{
    [Fact]
    public void The_exec_line_carries_user_working_dir_environment_and_the_command_words()
    {
        Assert.Equal("docker exec -it -u app -w /srv web /bin/sh", DockerCli.Exec("web", new ExecRequest("/bin/sh", "app", "/srv")));
        Assert.Equal("docker exec -it -e 'GREETING=hello world' web sh -c 'echo $GREETING'",
            DockerCli.Exec("web", new ExecRequest("sh -c 'echo $GREETING'", Env: ["GREETING=hello world"])));
    }

    [Fact]
    public void The_attach_line_names_the_detach_keys() =>
        Assert.Equal("docker attach --detach-keys ctrl-p,ctrl-q web", DockerCli.Attach("web"));

    [Theory]
    [InlineData("/bin/sh", new[] { "/bin/sh" })]
    [InlineData("  sh  -c 'echo a  b' ", new[] { "sh", "-c", "echo a  b" })]
    [InlineData("echo \"x \\\"y\\\"\" z\\ w", new[] { "echo", "x \"y\"", "z w" })]
    [InlineData("a''b \"\"", new[] { "ab", "" })]
    public void Typed_commands_split_like_a_shell_splits_them(string typed, string[] words) =>
        Assert.Equal(words, new ExecRequest(typed).Argv);

    [Theory]
    [InlineData("sh -c 'unclosed")]
    [InlineData("echo \"unclosed")]
    public void An_unclosed_quote_is_refused_in_words(string typed)
    {
        Assert.Null(new ExecRequest(typed).Argv);
        Assert.Contains("a quote is not closed", Assert.Single(new ExecRequest(typed).Validate()));
    }

    [Fact]
    public void Each_bad_field_says_what_is_accepted()
    {
        var problems = new ExecRequest("", "bad user!", "relative/dir", ["1X=y", "NOEQUALS"]).Validate();
        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Command: type a command"));
        Assert.Contains(problems, p => p.Contains("Accepted: a name or a number"));
        Assert.Contains(problems, p => p.Contains("is not an absolute path"));
        Assert.Equal(2, problems.Count(p => p.Contains("is not NAME=value")));
        Assert.Empty(new ExecRequest("/bin/sh", "1000:1000", "/srv", ["A_1=x=y", "B="]).Validate());
    }

    [Fact]
    public void The_environment_box_takes_one_entry_per_line() =>
        Assert.Equal(["A=1", "B=two words"], ExecRequest.ParseEnv("A=1\r\n\n  \nB=two words\n"));

    /// <summary>The copy line does to a container what the console's copy does: the same files appear in docker diff.</summary>
    [Fact]
    public async Task The_busybox_copy_line_run_by_a_shell_adds_the_same_files()
    {
        var name = LabContainers.UniqueName("cli-copy");
        try
        {
            await ConsoleLab.RunNoShellAsync(name);
            var line = DockerCli.CopyBusybox(name, BusyboxFiles.Locate(null).PathFor("amd64"));
            var result = await DockerCommand.RunLineAsync(line);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var diff = await DockerCommand.OkAsync("diff", name);
            Assert.Contains("A /.quayside/busybox", diff);
            Assert.Contains("A /.quayside/sh", diff);
            Assert.Equal("ok", await DockerCommand.OkAsync("exec", name, "/.quayside/sh", "-c", "echo ok"));
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }
}
