using System.Text.Json.Serialization;

namespace Quayside.Engine.Model;

/// <summary>One message of <c>GET /events</c>.</summary>
public sealed record EngineEvent
{
    public string Type { get; init; } = "";
    public string Action { get; init; } = "";
    public EventActor Actor { get; init; } = new();
    [JsonPropertyName("timeNano")] public long TimeNano { get; init; }

    /// <summary>Container actions that do not change what the list shows (exec, top, attach...).</summary>
    public bool ChangesContainerList => Type == "container" && !IgnoredContainerActions.Any(a => Action.StartsWith(a, StringComparison.Ordinal));

    public bool ChangesImageList => Type == "image";

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
