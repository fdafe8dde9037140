using Quayside.Engine.Stats;

namespace Quayside.Engine.Tests.Stats;

public class StatsSampleTests
{
    private static EngineStats Reading(ulong total, ulong system, ulong preTotal, ulong preSystem, uint cpus) => new()
    {
        CpuStats = new() { CpuUsage = new() { TotalUsage = total }, SystemCpuUsage = system, OnlineCpus = cpus },
        PreCpuStats = new() { CpuUsage = new() { TotalUsage = preTotal }, SystemCpuUsage = preSystem },
    };

    [Fact]
    public void Cpu_percent_is_the_clis_formula_with_the_online_cpus()
    {
        // 0.5 s of CPU while the host's 4 CPUs ran 4 s in total: half of one CPU = 50%.
        var sample = StatsSample.From(Reading(1_500_000_000, 14_000_000_000, 1_000_000_000, 10_000_000_000, 4));
        Assert.Equal(50.0, sample.CpuPercent!.Value, 6);
    }

    [Fact]
    public void Without_online_cpus_the_per_cpu_list_counts_them()
    {
        var s = Reading(2_000_000_000, 12_000_000_000, 1_000_000_000, 10_000_000_000, 0) with { };
        s = s with { CpuStats = s.CpuStats with { CpuUsage = s.CpuStats.CpuUsage with { PercpuUsage = [1, 2] } } };
        Assert.Equal(100.0, StatsSample.From(s).CpuPercent!.Value, 6);
    }

    [Fact]
    public void The_first_reading_of_a_stream_has_no_cpu_figure() =>
        Assert.Null(StatsSample.From(Reading(5, 10, 0, 0, 2)).CpuPercent);

    [Theory]
    [InlineData("total_inactive_file", 100_000_000ul)] // cgroup v1
    [InlineData("inactive_file", 100_000_000ul)]       // cgroup v2
    public void Memory_excludes_the_inactive_page_cache(string key, ulong cache)
    {
        var s = new EngineStats { MemoryStats = new() { Usage = 300_000_000, Limit = 1_000_000_000, Stats = new Dictionary<string, ulong> { [key] = cache } } };
        var sample = StatsSample.From(s);
        Assert.Equal(200_000_000, sample.MemoryUsage);
        Assert.Equal(20.0, sample.MemoryPercent, 6);
    }

    [Fact]
    public void Network_and_block_io_add_up_over_interfaces_and_devices()
    {
        var s = new EngineStats
        {
            Networks = new Dictionary<string, NetworkStats> { ["eth0"] = new() { RxBytes = 10, TxBytes = 1 }, ["eth1"] = new() { RxBytes = 5, TxBytes = 2 } },
            BlkioStats = new() { IoServiceBytesRecursive = [new() { Op = "Read", Value = 7 }, new() { Op = "write", Value = 3 }, new() { Op = "Total", Value = 10 }, new() { Op = "read", Value = 1 }] },
            PidsStats = new() { Current = 4 },
        };
        var sample = StatsSample.From(s);
        Assert.Equal((15ul, 3ul, 8ul, 3ul, 4ul), (sample.NetRx, sample.NetTx, sample.BlockRead, sample.BlockWrite, sample.Pids));
    }

    [Fact]
    public void Figures_print_like_docker_stats()
    {
        Assert.Equal("12.5MiB", StatsFormat.Memory(12.5 * 1024 * 1024));
        Assert.Equal("1.5GiB", StatsFormat.Memory(1.5 * 1024 * 1024 * 1024));
        Assert.Equal("3.14%", StatsFormat.Percent(3.14159));
        Assert.Equal("1.2 kB / 648 B", StatsFormat.Io(1200, 648));
    }
}
