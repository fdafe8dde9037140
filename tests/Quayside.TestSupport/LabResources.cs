namespace Quayside.TestSupport;

/// <summary>
/// Volumes and networks made by tests: unique names, the label <see cref="LabContainers.TestLabel"/> and the label
/// <see cref="Issue8Label"/>, so a prune in a test can be scoped to what the tests made (the engine is shared).
/// </summary>
public static class LabResources
{
    public const string Issue8Label = "quayside.test.issue8";

    /// <summary>A label unique to one test, for prunes that must not touch other tests' objects either.</summary>
    public static string UniqueLabel() => $"{Issue8Label}.run={Guid.NewGuid():N}";

    public static Task<string> CreateVolumeAsync(string name, params string[] extraArgs) =>
        DockerCommand.OkAsync(["volume", "create", "--label", $"{LabContainers.TestLabel}=1", "--label", $"{Issue8Label}=1", .. extraArgs, name]);

    public static Task<string> CreateNetworkAsync(string name, params string[] extraArgs) =>
        DockerCommand.OkAsync(["network", "create", "--label", $"{LabContainers.TestLabel}=1", "--label", $"{Issue8Label}=1", .. extraArgs, name]);

    public static Task RemoveVolumesAsync(params string[] names) =>
        names.Length == 0 ? Task.CompletedTask : DockerCommand.RunAsync(["volume", "rm", "-f", .. names]);

    public static async Task RemoveNetworksAsync(params string[] names)
    {
        foreach (var name in names)
            await DockerCommand.RunAsync("network", "rm", name);
    }
}
