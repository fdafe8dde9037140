using Quayside.Engine.Actions;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;

namespace Quayside.Engine.Tests.Actions;

public class InputRulesTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("web_1.blue-2")]
    public void Valid_container_names_pass(string name) => Assert.Null(InputRules.ContainerName(name));

    [Theory]
    [InlineData("", "required")]
    [InlineData("-web", "starting with a letter or digit")]
    [InlineData("a", "at least 2")]
    [InlineData("we b", "not a valid container name")]
    public void Invalid_container_names_say_what_is_accepted(string name, string expected) =>
        Assert.Contains(expected, InputRules.ContainerName(name));

    [Theory]
    [InlineData("SIGTERM", true)]
    [InlineData("HUP", true)]
    [InlineData("9", true)]
    [InlineData("65", false)]
    [InlineData("sig term", false)]
    public void Signals(string signal, bool valid) => Assert.Equal(valid, InputRules.Signal(signal) is null);

    [Theory]
    [InlineData("busybox", true)]
    [InlineData("localhost:5000/lab/busybox:1.35", true)]
    [InlineData("my-org/app_x:v1.0-rc1", true)]
    [InlineData("Upper/case", false)]
    [InlineData("name:bad tag", false)]
    [InlineData("", false)]
    public void Image_references(string reference, bool valid) => Assert.Equal(valid, InputRules.ImageReference(reference) is null);

    [Fact]
    public void Tag_splits_at_the_tag_colon_not_the_registry_port()
    {
        Assert.Equal(("localhost:5000/app", "latest"), ImageActions.SplitTag("localhost:5000/app"));
        Assert.Equal(("localhost:5000/app", "1.0"), ImageActions.SplitTag("localhost:5000/app:1.0"));
    }

    [Fact]
    public void Filter_validation_names_the_problem()
    {
        var problems = new ContainerFilter { States = ["sleeping"], Name = "(", Labels = ["=x"] }.Validate();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'sleeping' is not a container state"));
        Assert.Contains(problems, p => p.Contains("not a valid regular expression"));
        Assert.Contains(problems, p => p.Contains("needs a key"));
    }

    [Theory]
    [InlineData("Up 3 minutes (healthy)", "running", "healthy", null, "running (healthy)")]
    [InlineData("Up 1 second (health: starting)", "running", "starting", null, "running (starting)")]
    [InlineData("Exited (137) 2 hours ago", "exited", null, 137, "exited (137)")]
    [InlineData("Created", "created", null, null, "created")]
    public void State_labels_read_health_and_exit_code(string status, string state, string? health, int? exit, string label)
    {
        var c = new ContainerSummary { Status = status, State = state };
        Assert.Equal(health, c.Health);
        Assert.Equal(exit, c.ExitCode);
        Assert.Equal(label, c.StateLabel);
    }

    [Theory]
    [InlineData("172.30.0.0/16", true)]
    [InlineData("fd00:1::/64", true)]
    [InlineData("172.30.0.0", false)]
    [InlineData("172.30.0.0/33", false)]
    [InlineData("abc/8", false)]
    public void Subnets_must_be_cidr(string value, bool ok) => Assert.Equal(ok, InputRules.Cidr(value, "subnet") is null);

    [Fact]
    public void Label_lines_become_pairs_and_a_bad_line_says_what_is_accepted()
    {
        var (pairs, problem) = InputRules.KeyValueLines("a=1\n\n b = two words \nflag", "label");
        Assert.Null(problem);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "two words", ["flag"] = "" }, pairs);
        Assert.Contains("one KEY=VALUE per line", InputRules.KeyValueLines("=x", "label").Problem);
    }
}
