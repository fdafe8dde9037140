using Quayside.Engine.Cli;
using Quayside.Engine.Networks;

namespace Quayside.Engine.Tests.Networks;

public class NetworkRulesTests
{
    [Fact]
    public void A_network_form_lists_every_problem_in_words()
    {
        var problems = new NetworkSpec { Name = "", Gateway = "10.0.0.1", IpRange = "x" }.Validate();
        Assert.Contains("A network name is required.", problems);
        Assert.Contains(problems, p => p.Contains("'x' is not a valid IP range"));
        Assert.Contains(problems, p => p.Contains("needs a subnet"));
    }

    [Fact]
    public void Connect_lines_carry_aliases_and_the_fixed_ip()
    {
        Assert.Equal("docker network connect --alias db --alias cache --ip 10.1.0.5 net web",
            DockerCli.NetworkConnect("net", "web", ["db", "cache"], "10.1.0.5"));
        Assert.Equal("docker network connect --ip6 fd00::5 net web", DockerCli.NetworkConnect("net", "web", [], "fd00::5"));
    }
}
