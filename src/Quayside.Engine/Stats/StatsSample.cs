namespace Quayside.Engine.Stats;

/// <summary>One second of a container's resource use, computed as <c>docker stats</c> computes its columns.</summary>
public sealed record StatsSample(
    DateTimeOffset At,
    double? CpuPercent,
    double MemoryUsage,
    double MemoryLimit,
    double MemoryPercent,
    ulong NetRx,
    ulong NetTx,
    ulong BlockRead,
    ulong BlockWrite,
    ulong Pids,
    uint OnlineCpus = 0)
{
    /// <summary>
    /// Turns one engine stats object into a sample. CPU % is null on the first object of a stream, whose
    /// <c>precpu_stats</c> is empty: like the CLI, it needs two readings.
    /// </summary>
    public static StatsSample From(EngineStats s)
    {
        var cpu = s.PreCpuStats.SystemCpuUsage == 0 ? (double?)null : CpuPercentOf(s);
        var memory = MemoryWithoutCache(s.MemoryStats);
        var limit = (double)s.MemoryStats.Limit;
        ulong rx = 0, tx = 0;
        foreach (var n in s.Networks?.Values ?? [])
        {
            rx += n.RxBytes;
            tx += n.TxBytes;
        }
        ulong read = 0, write = 0;
        foreach (var e in s.BlkioStats.IoServiceBytesRecursive ?? [])
        {
            if (e.Op.Equals("read", StringComparison.OrdinalIgnoreCase))
                read += e.Value;
            else if (e.Op.Equals("write", StringComparison.OrdinalIgnoreCase))
                write += e.Value;
        }
        var cpus = s.CpuStats.OnlineCpus > 0 ? s.CpuStats.OnlineCpus : (uint)(s.CpuStats.CpuUsage.PercpuUsage?.Count ?? 0);
        return new StatsSample(s.Read, cpu, memory, limit, limit > 0 ? memory / limit * 100.0 : 0, rx, tx, read, write, s.PidsStats.Current, cpus);
    }

    /// <summary>The CLI's calculateCPUPercentUnix: the container's share of the host's CPU time since the previous reading, times the CPUs.</summary>
    public static double CpuPercentOf(EngineStats s)
    {
        var cpuDelta = (double)s.CpuStats.CpuUsage.TotalUsage - s.PreCpuStats.CpuUsage.TotalUsage;
        var systemDelta = (double)s.CpuStats.SystemCpuUsage - s.PreCpuStats.SystemCpuUsage;
        double onlineCpus = s.CpuStats.OnlineCpus;
        if (onlineCpus == 0)
            onlineCpus = s.CpuStats.CpuUsage.PercpuUsage?.Count ?? 0;
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * onlineCpus * 100.0 : 0;
    }

    /// <summary>The CLI's calculateMemUsageUnixNoCache: usage minus inactive page cache (cgroup v1 and v2 name it differently).</summary>
    public static double MemoryWithoutCache(MemoryStats m)
    {
        if (m.Stats?.TryGetValue("total_inactive_file", out var v1) == true && v1 < m.Usage)
            return m.Usage - v1;
        if (m.Stats?.TryGetValue("inactive_file", out var v2) == true && v2 < m.Usage)
            return m.Usage - v2;
        return m.Usage;
    }
}
