namespace Quayside.Engine.Stacks;

/// <summary>
/// How compose is told which project it works on: its name, its folder, and the files compose reads. With no files,
/// compose finds them itself in the folder (<c>compose.yaml</c>, ... or <c>COMPOSE_FILE</c> from its <c>.env</c>).
/// </summary>
/// <param name="NamesDirectory">Say <c>--project-directory</c> also with files (files staged elsewhere than the folder relative paths mean).</param>
public sealed record ComposeProject(string Name, string Directory, IReadOnlyList<string> Files, string? EnvFile = null, bool NamesDirectory = false)
{
    /// <summary>The words after the program that name the project: <c>-p NAME -f FILE ...</c> or <c>--project-directory DIR</c>.</summary>
    public IEnumerable<string> Words()
    {
        yield return "-p";
        yield return Name;
        if ((Files.Count == 0 || NamesDirectory) && Directory.Length > 0)
        {
            yield return "--project-directory";
            yield return Directory;
        }
        foreach (var file in Files)
        {
            yield return "-f";
            yield return file;
        }
        if (EnvFile is not null)
        {
            yield return "--env-file";
            yield return EnvFile;
        }
    }
}
