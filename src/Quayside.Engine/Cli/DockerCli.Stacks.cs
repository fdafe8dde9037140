using Quayside.Engine.Stacks;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    /// <summary>
    /// The words of a compose command as it runs and as the page shows it: <c>docker compose -p shop -f /srv/shop/compose.yaml up -d</c>
    /// (or <c>docker-compose ...</c> where only v1 is installed).
    /// </summary>
    public static IReadOnlyList<string> ComposeWords(ComposeProgram program, ComposeProject project, IEnumerable<string> command) =>
        [.. program.Command, .. project.Words(), .. command];

    public static string Compose(ComposeProgram program, ComposeProject project, IEnumerable<string> command) =>
        ShellQuote.Join(ComposeWords(program, project, command));

    /// <summary>
    /// The line for an action on a project whose files Quayside cannot reach: the docker command on its containers,
    /// found by label (<c>docker stop $(docker ps -aq --filter label=com.docker.compose.project=shop)</c>).
    /// </summary>
    public static string OnProjectContainers(string verb, string project, string? service = null)
    {
        var filters = ShellQuote.Join(["--filter", $"label={ComposeLabels.Project}={project}",
            .. service is null ? Array.Empty<string>() : ["--filter", $"label={ComposeLabels.Service}={service}"]]);
        return $"docker {verb} $(docker ps -aq {filters})";
    }
}
