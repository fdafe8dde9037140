using System.Text.Json.Serialization;

namespace Quayside.Engine.Stats;

/// <summary>One object of the engine's <c>GET /containers/{id}/stats</c> stream, the fields <c>docker stats</c> reads.</summary>
public sealed record EngineStats
{
    [JsonPropertyName("read")] public DateTimeOffset Read { get; init; }
    [JsonPropertyName("cpu_stats")] public CpuStats CpuStats { get; init; } = new();
    [JsonPropertyName("precpu_stats")] public CpuStats PreCpuStats { get; init; } = new();
    [JsonPropertyName("memory_stats")] public MemoryStats MemoryStats { get; init; } = new();
    [JsonPropertyName("networks")] public IReadOnlyDictionary<string, NetworkStats>? Networks { get; init; }
    [JsonPropertyName("blkio_stats")] public BlkioStats BlkioStats { get; init; } = new();
    [JsonPropertyName("pids_stats")] public PidsStats PidsStats { get; init; } = new();
}

public sealed record CpuStats
{
    [JsonPropertyName("cpu_usage")] public CpuUsage CpuUsage { get; init; } = new();
    [JsonPropertyName("system_cpu_usage")] public ulong SystemCpuUsage { get; init; }
    [JsonPropertyName("online_cpus")] public uint OnlineCpus { get; init; }
}

public sealed record CpuUsage
{
    [JsonPropertyName("total_usage")] public ulong TotalUsage { get; init; }
    [JsonPropertyName("percpu_usage")] public IReadOnlyList<ulong>? PercpuUsage { get; init; }
}

public sealed record MemoryStats
{
    [JsonPropertyName("usage")] public ulong Usage { get; init; }
    [JsonPropertyName("limit")] public ulong Limit { get; init; }
    [JsonPropertyName("stats")] public IReadOnlyDictionary<string, ulong>? Stats { get; init; }
}

public sealed record NetworkStats
{
    [JsonPropertyName("rx_bytes")] public ulong RxBytes { get; init; }
    [JsonPropertyName("tx_bytes")] public ulong TxBytes { get; init; }
}

public sealed record BlkioStats
{
    [JsonPropertyName("io_service_bytes_recursive")] public IReadOnlyList<BlkioEntry>? IoServiceBytesRecursive { get; init; }
}

public sealed record BlkioEntry
{
    [JsonPropertyName("op")] public string Op { get; init; } = "";
    [JsonPropertyName("value")] public ulong Value { get; init; }
}

public sealed record PidsStats
{
    [JsonPropertyName("current")] public ulong Current { get; init; }
}
