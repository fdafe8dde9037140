using Quayside.Engine.Errors;

namespace Quayside.Engine.Model;

public enum EngineConnectionState { Connecting, Connected, Unreachable }

/// <summary>Whether the engine answers, and if not, why in words.</summary>
public sealed record EngineStatus(
    EngineConnectionState State,
    string Address,
    EngineProblem? Problem,
    DateTimeOffset Since,
    EngineVersion? Version = null,
    EngineCapacity? Capacity = null)
{
    public bool IsConnected => State == EngineConnectionState.Connected;
}

/// <summary>The parts of <c>GET /version</c> the pages use.</summary>
public sealed record EngineVersion
{
    public string Version { get; init; } = "";
    public string ApiVersion { get; init; } = "";
    public string Os { get; init; } = "";
    public string Arch { get; init; } = "";
    public string KernelVersion { get; init; } = "";

    public string Platform => $"{Os}/{Arch}";
}

/// <summary>The machine behind an engine, from <c>GET /info</c>: what the hosts overview shows per host.</summary>
public sealed record EngineCapacity
{
    [System.Text.Json.Serialization.JsonPropertyName("NCPU")]
    public int Cpus { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("MemTotal")]
    public long MemoryBytes { get; init; }
}
