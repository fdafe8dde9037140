using System.Text.Json.Serialization;

namespace Quayside.Engine.Model;

/// <summary>One message of <c>GET /events</c>.</summary>
public sealed record EngineEvent
{
    public string Type { get; init; } = "";
    public string Action { get; init; } = "";
    public EventActor Actor { get; init; } = new();
    public string Scope { get; init; } = "";
    [JsonPropertyName("timeNano")] public long TimeNano { get; init; }

    public DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(TimeNano / 1_000_000);

    /// <summary>The actor's name where the engine gives one (containers, volumes, networks), else its id.</summary>
    public string ActorName => Actor.Attributes?.GetValueOrDefault("name") is { Length: > 0 } name ? name : Actor.Id;

    /// <summary>Container actions that do not change what the list shows (exec, top, attach...).</summary>
    public bool ChangesContainerList => Type == "container" && !IgnoredContainerActions.Any(a => Action.StartsWith(a, StringComparison.Ordinal));

    public bool ChangesImageList => Type == "image";

    /// <summary>
    /// Volume mount/unmount change no volume entry: who uses a volume comes from the container list. A volume prune sends
    /// one "prune" event and no "destroy" per volume (engine 20.10).
    /// </summary>
    public bool ChangesVolumeList => Type == "volume" && Action is "create" or "destroy" or "prune";

    public bool ChangesNetworkList => Type == "network" && Action is "create" or "destroy" or "remove" or "prune";

    /// <summary>The container a network connect/disconnect moved: its list entry shows its networks.</summary>
    public string? ConnectedContainer => Type == "network" && Action is "connect" or "disconnect"
        ? Actor.Attributes?.GetValueOrDefault("container") : null;

    /// <summary>The state the container's list entry must show after this event, where the action implies one.</summary>
    public string? ImpliedContainerState => Type != "container" ? null : Action switch
    {
        "start" or "unpause" => "running",
        "pause" => "paused",
        "die" => "exited",
        _ => null,
    };

    private static readonly string[] IgnoredContainerActions =
        ["exec_", "top", "attach", "detach", "resize", "copy", "archive-path", "extract-to-dir", "export", "commit"];
}

public sealed record EventActor
{
    [JsonPropertyName("ID")] public string Id { get; init; } = "";
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
