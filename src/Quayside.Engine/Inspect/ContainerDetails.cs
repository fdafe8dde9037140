using System.Text.Json.Serialization;
using Quayside.Engine.Containers;

namespace Quayside.Engine.Inspect;

/// <summary>The parts of <c>GET /containers/{id}/json</c> the readable inspect shows, as the engine names them.</summary>
public sealed record ContainerDetails
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Created { get; init; } = "";
    public string Image { get; init; } = "";
    public string Platform { get; init; } = "";
    public string? Driver { get; init; }
    public string? Path { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public int RestartCount { get; init; }
    public ContainerState State { get; init; } = new();
    public ContainerConfig Config { get; init; } = new();
    public HostConfig HostConfig { get; init; } = new();
    public NetworkSettings NetworkSettings { get; init; } = new();
    public IReadOnlyList<MountPoint>? Mounts { get; init; }

    /// <summary>The name without the engine's leading slash.</summary>
    public string DisplayName => Name.TrimStart('/');
}

public sealed record ContainerState
{
    public string Status { get; init; } = "";
    public bool Running { get; init; }
    public bool Paused { get; init; }
    public bool Restarting { get; init; }
    public bool OOMKilled { get; init; }
    public bool Dead { get; init; }
    public int Pid { get; init; }
    public int ExitCode { get; init; }
    public string? Error { get; init; }
    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
    public HealthState? Health { get; init; }
}

public sealed record HealthState
{
    public string Status { get; init; } = "";
    public int FailingStreak { get; init; }
    public IReadOnlyList<HealthCheckResult>? Log { get; init; }
}

public sealed record HealthCheckResult
{
    public string? Start { get; init; }
    public string? End { get; init; }
    public int ExitCode { get; init; }
    public string? Output { get; init; }
}

public sealed record ContainerConfig
{
    public string? Hostname { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public IReadOnlyDictionary<string, object>? ExposedPorts { get; init; }
    public IReadOnlyDictionary<string, object>? Volumes { get; init; }
    public HealthConfig? Healthcheck { get; init; }
    public string? StopSignal { get; init; }
}

public sealed record HealthConfig
{
    public IReadOnlyList<string>? Test { get; init; }
    public long Interval { get; init; }
    public long Timeout { get; init; }
    public int Retries { get; init; }
}

public sealed record HostConfig
{
    public string? NetworkMode { get; init; }
    public RestartPolicy? RestartPolicy { get; init; }
    public LogConfig? LogConfig { get; init; }
    public long Memory { get; init; }
    public long MemorySwap { get; init; }
    public long MemoryReservation { get; init; }
    public long NanoCpus { get; init; }
    public long CpuShares { get; init; }
    public long CpuQuota { get; init; }
    public long CpuPeriod { get; init; }
    public string? CpusetCpus { get; init; }
    public long? PidsLimit { get; init; }
    public bool Privileged { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public bool AutoRemove { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<HostPort>?>? PortBindings { get; init; }
}

public sealed record RestartPolicy
{
    public string? Name { get; init; }
    public int MaximumRetryCount { get; init; }

    public override string ToString() => string.IsNullOrEmpty(Name) ? "no"
        : Name == "on-failure" && MaximumRetryCount > 0 ? $"on-failure:{MaximumRetryCount}" : Name;
}

public sealed record LogConfig
{
    public string? Type { get; init; }
    public IReadOnlyDictionary<string, string>? Config { get; init; }
}

public sealed record HostPort
{
    public string? HostIp { get; init; }
    [JsonPropertyName("HostPort")] public string? Port { get; init; }
}

public sealed record NetworkSettings
{
    public IReadOnlyDictionary<string, IReadOnlyList<HostPort>?>? Ports { get; init; }
    public IReadOnlyDictionary<string, EndpointSettings>? Networks { get; init; }
}
