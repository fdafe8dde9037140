using System.Text.Json.Serialization;

namespace Quayside.Engine.DockerSystem;

/// <summary>The parts of <c>GET /info</c> the overview shows (the Versions page shows the whole answer).</summary>
public sealed record EngineInfo
{
    public string Name { get; init; } = "";
    public string ServerVersion { get; init; } = "";
    public string OperatingSystem { get; init; } = "";
    public string OSType { get; init; } = "";
    public string KernelVersion { get; init; } = "";
    public string Architecture { get; init; } = "";
    [JsonPropertyName("NCPU")] public int Cpus { get; init; }
    public long MemTotal { get; init; }
    public string Driver { get; init; } = "";
    public string LoggingDriver { get; init; } = "";
    public string DockerRootDir { get; init; } = "";
    public int Containers { get; init; }
    public int ContainersRunning { get; init; }
    public int ContainersPaused { get; init; }
    public int ContainersStopped { get; init; }
    public int Images { get; init; }
    public IReadOnlyList<string>? Warnings { get; init; }
    public EngineRegistryConfig? RegistryConfig { get; init; }
    public EngineSwarm? Swarm { get; init; }
    public EnginePlugins? Plugins { get; init; }

    /// <summary>Registries the engine talks to without TLS checks: CIDRs and named index entries marked not secure.</summary>
    public IReadOnlyList<string> InsecureRegistries =>
        [.. RegistryConfig?.InsecureRegistryCIDRs ?? [],
         .. (RegistryConfig?.IndexConfigs?.Values ?? []).Where(i => !i.Secure).Select(i => i.Name)];

    public bool InSwarm => Swarm?.LocalNodeState is "active" or "pending";
}

public sealed record EngineRegistryConfig(IReadOnlyList<string>? InsecureRegistryCIDRs, IReadOnlyDictionary<string, EngineIndexConfig>? IndexConfigs);

public sealed record EngineIndexConfig(string Name, bool Secure);

public sealed record EnginePlugins(IReadOnlyList<string>? Volume, IReadOnlyList<string>? Network, IReadOnlyList<string>? Log);

public sealed record EngineSwarm(string? LocalNodeState, string? NodeID);
