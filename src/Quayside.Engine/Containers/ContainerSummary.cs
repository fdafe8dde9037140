using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Containers;

/// <summary>One entry of <c>GET /containers/json</c>, as the engine sends it, with the derived facts the pages show.</summary>
public sealed partial record ContainerSummary
{
    public string Id { get; init; } = "";
    public IReadOnlyList<string> Names { get; init; } = [];
    public string Image { get; init; } = "";
    [JsonPropertyName("ImageID")] public string ImageId { get; init; } = "";
    public string Command { get; init; } = "";
    public long Created { get; init; }
    public IReadOnlyList<PortBinding> Ports { get; init; } = [];
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public string State { get; init; } = "";

    /// <summary>
    /// The engine's status text as it was when the model last listed the container ("Up Less than a second" stays so):
    /// show <see cref="StatusAt"/> instead.
    /// </summary>
    public string Status { get; init; } = "";
    public long? SizeRw { get; init; }
    public long? SizeRootFs { get; init; }
    public ContainerNetworkSettings? NetworkSettings { get; init; }
    public IReadOnlyList<MountPoint> Mounts { get; init; } = [];

    /// <summary>Start and finish times, exit code and health from the engine's inspect; null until the model has read them.</summary>
    [JsonIgnore] public ContainerRunState? Run { get; init; }

    public DateTimeOffset? StartedAt => Run?.StartedAt;

    public DateTimeOffset? FinishedAt => Run?.FinishedAt;

    /// <summary>
    /// <c>docker ps</c>'s status text at <paramref name="now"/> ("Up 3 minutes", "Exited (0) 2 hours ago"), made from the
    /// state and its times; the engine's last text while the times are not known.
    /// </summary>
    public string StatusAt(DateTimeOffset now) => Run is { } run ? ContainerStatusText.Describe(State, run, now) : Status;

    /// <summary>The primary name without the leading slash (the one <c>docker ps</c> shows).</summary>
    public string Name => Names.Count == 0 ? ShortId : Names[0].TrimStart('/');

    public IEnumerable<string> AllNames => Names.Select(n => n.TrimStart('/'));

    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(Created);

    public IReadOnlyDictionary<string, string> LabelsOrEmpty => Labels ?? EmptyLabels;

    public IEnumerable<string> NetworkNames => NetworkSettings?.Networks?.Keys ?? [];

    /// <summary>healthy, unhealthy or starting when the container runs with a health check; null otherwise.</summary>
    public string? Health => Run is { } run
        ? (State == "running" && run.Health is "healthy" or "unhealthy" or "starting" ? run.Health : null)
        : HealthPattern().Match(Status) switch
        {
            { Success: true } m when m.Groups["h"].Value == "health: starting" => "starting",
            { Success: true } m => m.Groups["h"].Value,
            _ => null,
        };

    /// <summary>The exit code an exited container shows ("Exited (3) ..."); null in any other state.</summary>
    public int? ExitCode => State != "exited" ? null
        : Run is { } run ? (run.FinishedAt is null ? null : run.ExitCode)
        : ExitPattern().Match(Status) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    /// <summary>The state as a person reads it: "exited (137)", "running (healthy)".</summary>
    public string StateLabel
    {
        get
        {
            var label = ExitCode is { } code ? $"{State} ({code})" : State;
            return Health is { } h ? $"{label} ({h})" : label;
        }
    }

    /// <summary>Stopped as <c>docker container prune</c> means it: exited, created or dead.</summary>
    public bool IsStopped => State is "exited" or "created" or "dead";

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();

    [GeneratedRegex(@"\((?<h>healthy|unhealthy|health: starting)\)")] private static partial Regex HealthPattern();
    [GeneratedRegex(@"^Exited \((-?\d+)\)")] private static partial Regex ExitPattern();
}

public sealed record PortBinding
{
    [JsonPropertyName("IP")] public string? Ip { get; init; }
    public int PrivatePort { get; init; }
    public int? PublicPort { get; init; }
    public string Type { get; init; } = "tcp";

    public override string ToString() => PublicPort is { } host
        ? $"{(string.IsNullOrEmpty(Ip) ? "" : Ip + ":")}{host}->{PrivatePort}/{Type}"
        : $"{PrivatePort}/{Type}";
}

public sealed record ContainerNetworkSettings
{
    public IReadOnlyDictionary<string, EndpointSettings>? Networks { get; init; }
}

/// <summary>A container's attachment to one network, as both the list and inspect answer it.</summary>
public sealed record EndpointSettings
{
    public string? NetworkID { get; init; }
    public string? IPAddress { get; init; }
    public int IPPrefixLen { get; init; }
    public string? Gateway { get; init; }
    public string? MacAddress { get; init; }
    public string? GlobalIPv6Address { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
}

public sealed record MountPoint
{
    public string Type { get; init; } = "";
    public string? Name { get; init; }
    public string? Source { get; init; }
    public string Destination { get; init; } = "";
    public string? Mode { get; init; }
    [JsonPropertyName("RW")] public bool ReadWrite { get; init; }
    public string? Propagation { get; init; }

    public override string ToString() =>
        $"{(Type == "volume" ? Name : Source)}:{Destination}{(ReadWrite ? "" : ":ro")}";
}
