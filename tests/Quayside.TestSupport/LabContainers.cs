namespace Quayside.TestSupport;

/// <summary>
/// Containers made by tests from the lab image. Each carries the label <see cref="TestLabel"/> (the test command removes
/// any left behind) and a unique name, so tests can run side by side on one engine.
/// </summary>
public static class LabContainers
{
    public const string TestLabel = "quayside.test";
    public const string BusyboxImage = "quayside-lab/busybox:latest";

    public static string UniqueName(string prefix) => $"qt-{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>docker run -d</c> a lab container that sleeps; returns its full id.</summary>
    public static Task<string> RunSleeperAsync(string name, params string[] extraArgs) =>
        DockerCommand.OkAsync(["run", "-d", "--name", name, "--label", $"{TestLabel}=1", .. extraArgs, BusyboxImage, "sleep", "100000"]);

    /// <summary><c>docker create</c> a lab container (state "created"); returns its full id.</summary>
    public static Task<string> CreateAsync(string name, params string[] extraArgs) =>
        DockerCommand.OkAsync(["create", "--name", name, "--label", $"{TestLabel}=1", .. extraArgs, BusyboxImage, "true"]);

    public static Task RemoveAsync(params string[] names) =>
        names.Length == 0 ? Task.CompletedTask : DockerCommand.RunAsync(["rm", "-f", "-v", .. names]);
}
