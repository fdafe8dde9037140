namespace Quayside.Engine.Volumes;

/// <summary>What <c>docker volume create</c> takes; an empty name lets the engine pick one.</summary>
public sealed record VolumeSpec
{
    public string? Name { get; init; }
    public string Driver { get; init; } = "local";
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Every problem with the spec, each saying what is accepted; empty when it can be sent.</summary>
    public IReadOnlyList<string> Validate() =>
        Actions.InputRules.ObjectName(Name, "volume", optional: true) is { } problem ? [problem] : [];
}
