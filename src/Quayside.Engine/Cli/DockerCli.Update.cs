using Quayside.Engine.Containers;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    /// <summary>The <c>docker update</c> line for the options that change, e.g. <c>docker update --memory 512m web</c>.</summary>
    public static string Update(string container, IEnumerable<UpdateChange> changes) =>
        ShellQuote.Join(["docker", "update", .. changes.SelectMany(c => new[] { c.Flag, c.CliValue }), container]);

    public static string Wait(string container) => Line(["docker", "wait", container], []);
}
