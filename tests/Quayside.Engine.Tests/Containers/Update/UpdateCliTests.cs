using Quayside.Engine.Cli;
using Quayside.Engine.Containers;

namespace Quayside.Engine.Tests.Containers.Update;

/// <summary>The <c>docker update</c> and <c>docker wait</c> lines: only what changes, in the CLI's own words.</summary>
public class UpdateCliTests
{
    private static string Line(UpdateSpec now, Action<UpdateSpec> edit, string name = "web")
    {
        var wanted = now.Clone();
        edit(wanted);
        return DockerCli.Update(name, UpdateChanges.Between(now, wanted));
    }

    [Fact]
    public void Only_the_changed_options_are_listed()
    {
        var now = new UpdateSpec { Memory = "512m", MemorySwap = "1g", Cpus = "1", PidsLimit = "100" };
        Assert.Equal("docker update web", Line(now, _ => { }));
        Assert.Equal("docker update --cpus 2 web", Line(now, s => s.Cpus = "2"));
        Assert.Equal("docker update --restart on-failure:5 --pids-limit 200 web", Line(now, s => (s.RestartPolicy, s.MaxRetries, s.PidsLimit) = ("on-failure", "5", "200")));
        Assert.Equal("docker update --restart always --cpu-shares 512 --cpuset-cpus 0,1 --cpuset-mems 0 --blkio-weight 300 web",
            Line(now, s => (s.RestartPolicy, s.CpuShares, s.CpusetCpus, s.CpusetMems, s.BlkioWeight) = ("always", "512", "0,1", "0", "300")));
    }

    [Fact]
    public void The_same_value_in_other_words_is_no_change()
    {
        var now = new UpdateSpec { Memory = "512m", MemorySwap = "1g", Cpus = "1.5" };
        Assert.Equal("docker update web", Line(now, s => (s.Memory, s.MemorySwap, s.Cpus) = ("0.5g", "1024MiB", "1.50")));
    }

    [Fact]
    public void A_new_memory_limit_carries_memory_swap_along_as_the_engine_needs()
    {
        Assert.Equal("docker update --memory 768m --memory-swap 1g web", Line(new UpdateSpec { Memory = "512m", MemorySwap = "1g" }, s => s.Memory = "768m"));
        Assert.Equal("docker update --memory 1g --memory-swap -1 web", Line(new UpdateSpec { Memory = "512m", MemorySwap = "-1" }, s => s.Memory = "1g"));
        Assert.Equal("docker update --memory-reservation 256m web", Line(new UpdateSpec { Memory = "512m", MemorySwap = "1g" }, s => s.MemoryReservation = "256m"));
    }

    [Fact]
    public void A_cleared_pids_limit_is_sent_as_unlimited()
    {
        Assert.Equal("docker update --pids-limit -1 web", Line(new UpdateSpec { PidsLimit = "100" }, s => s.PidsLimit = ""));
        Assert.Equal("docker update web", Line(new UpdateSpec(), s => s.PidsLimit = "-1"));
    }

    [Fact]
    public void What_is_typed_is_quoted_for_a_shell()
    {
        Assert.Equal("docker update --cpuset-cpus '0; rm -rf /' web", Line(new UpdateSpec(), s => s.CpusetCpus = "0; rm -rf /"));
    }

    [Fact]
    public void The_body_holds_the_engines_values_for_the_changes()
    {
        var changes = UpdateChanges.Between(new UpdateSpec { PidsLimit = "10" },
            new UpdateSpec { RestartPolicy = "on-failure", MaxRetries = "2", Memory = "64m", MemorySwap = "-1", Cpus = "0.5", PidsLimit = "" });
        Assert.Equal("""{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":2},"Memory":67108864,"MemorySwap":-1,"NanoCpus":500000000,"PidsLimit":-1}""",
            UpdateChanges.Body(changes).ToJsonString());
    }

    [Fact]
    public void Wait_names_the_container() => Assert.Equal("docker wait web", DockerCli.Wait("web"));
}
