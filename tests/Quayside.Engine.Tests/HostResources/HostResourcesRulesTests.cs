using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Errors;
using Quayside.Engine.Events;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;

namespace Quayside.Engine.Tests.HostResources;

public class HostResourcesRulesTests
{
    [Theory]
    [InlineData("172.30.0.0/16", true)]
    [InlineData("fd00:1::/64", true)]
    [InlineData("172.30.0.0", false)]
    [InlineData("172.30.0.0/33", false)]
    [InlineData("abc/8", false)]
    public void Subnets_must_be_cidr(string value, bool ok) => Assert.Equal(ok, InputRules.Cidr(value, "subnet") is null);

    [Fact]
    public void A_network_form_lists_every_problem_in_words()
    {
        var problems = new NetworkSpec { Name = "", Gateway = "10.0.0.1", IpRange = "x" }.Validate();
        Assert.Contains("A network name is required.", problems);
        Assert.Contains(problems, p => p.Contains("'x' is not a valid IP range"));
        Assert.Contains(problems, p => p.Contains("needs a subnet"));
    }

    [Fact]
    public void Label_lines_become_pairs_and_a_bad_line_says_what_is_accepted()
    {
        var (pairs, problem) = InputRules.KeyValueLines("a=1\n\n b = two words \nflag", "label");
        Assert.Null(problem);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "two words", ["flag"] = "" }, pairs);
        Assert.Contains("one KEY=VALUE per line", InputRules.KeyValueLines("=x", "label").Problem);
    }

    [Fact]
    public void Connect_lines_carry_aliases_and_the_fixed_ip()
    {
        Assert.Equal("docker network connect --alias db --alias cache --ip 10.1.0.5 net web",
            DockerCli.NetworkConnect("net", "web", ["db", "cache"], "10.1.0.5"));
        Assert.Equal("docker network connect --ip6 fd00::5 net web", DockerCli.NetworkConnect("net", "web", [], "fd00::5"));
        Assert.Equal("docker system prune -a --volumes -f --filter label=x=1", DockerCli.SystemPrune(true, true, "x=1"));
    }

    [Theory]
    [InlineData("remove v1: volume is in use - [0123456789abcdef0123]", "The volume 'v1' is in use by container 0123456789ab, so it was not removed.")]
    [InlineData("error while removing network: network n1 id 42ab has active endpoints", "The network 'n1' still has containers connected, so it was not removed.")]
    [InlineData("host is a pre-defined network and cannot be removed", "'host' is one of the engine's predefined networks (bridge, host, none); it cannot be removed.")]
    [InlineData("Pool overlaps with other one on this address space", "The subnet overlaps a subnet another network already uses.")]
    public void Refusals_read_as_sentences(string engine, string expected) =>
        Assert.Equal(expected, EngineErrorTranslator.FromEngine(System.Net.HttpStatusCode.Conflict, engine).Message);

    [Fact]
    public void The_events_filter_matches_type_action_name_and_time()
    {
        var at = DateTimeOffset.UtcNow;
        var e = new EngineEvent
        {
            Type = "container", Action = "start", TimeNano = at.ToUnixTimeMilliseconds() * 1_000_000,
            Actor = new EventActor { Id = "abc123", Attributes = new Dictionary<string, string> { ["name"] = "web-1", ["image"] = "nginx" } },
        };
        Assert.True(new EventFilter { Types = new HashSet<string> { "container" }, Action = "start", Name = "web" }.Matches(e));
        Assert.True(new EventFilter { Name = "nginx" }.Matches(e));
        Assert.False(new EventFilter { Types = new HashSet<string> { "volume" } }.Matches(e));
        Assert.False(new EventFilter { Since = at.AddMinutes(1) }.Matches(e));
        Assert.Contains("before", new EventFilter { Since = at, Until = at.AddHours(-1) }.Validate());
    }

    [Fact]
    public void The_recent_events_window_keeps_only_the_newest()
    {
        var window = new RecentEvents(3);
        for (var i = 0; i < 5; i++)
            window.Add(new EngineEvent { Action = i.ToString() });
        Assert.Equal(["2", "3", "4"], window.Snapshot().Select(e => e.Action));
    }
}
