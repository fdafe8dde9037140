namespace Quayside.Engine.Volumes;

/// <summary>What <c>docker volume create</c> takes; an empty name lets the engine pick one.</summary>
public sealed record VolumeSpec
{
    public string? Name { get; init; }
    public string Driver { get; init; } = "local";
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
