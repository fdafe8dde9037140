namespace Quayside.TestSupport;

/// <summary>Containers for the console tests: lab images with and without a shell (see scripts/lab-images.sh).</summary>
public static class ConsoleLab
{
    public const string NoShellImage = "quayside-lab/noshell:latest";
    public const string NoShellArm64Image = "quayside-lab/noshell-arm64:latest";

    /// <summary>A running container holding only a static sleeping binary: no shell at all.</summary>
    public static Task<string> RunNoShellAsync(string name, string image = NoShellImage) =>
        DockerCommand.OkAsync(["run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", image]);

    /// <summary>A running busybox container whose main process is an interactive shell with a TTY (docker run -dit).</summary>
    public static Task<string> RunInteractiveShellAsync(string name) =>
        DockerCommand.OkAsync(["run", "-dit", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage, "/bin/sh"]);

    /// <summary>The command lines of the container's processes, as <c>docker top</c> lists them.</summary>
    public static async Task<string> TopAsync(string name) => await DockerCommand.OkAsync("top", name, "-o", "pid,args");
}
