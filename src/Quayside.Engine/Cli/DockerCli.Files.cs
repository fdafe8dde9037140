namespace Quayside.Engine.Cli;

/// <summary>CLI lines of the Files feature: a container's files in and out (<c>docker cp</c>, <c>docker exec … rm</c>).</summary>
public static partial class DockerCli
{
    /// <summary>A folder's listing as the archive API gives it: the tar docker cp writes, listed.</summary>
    public static string ListFiles(string container, string folder) =>
        ShellQuote.Join(["docker", "cp", $"{container}:{(folder == "/" ? "/." : folder + "/.")}", "-"]) + " | tar -tv";

    public static string DownloadFolder(string container, string folder, string fileName) =>
        ShellQuote.Join(["docker", "cp", $"{container}:{folder}", "-"]) + " > " + ShellQuote.Word(fileName);

    public static string DownloadFile(string container, string path, string fileName) =>
        ShellQuote.Join(["docker", "cp", $"{container}:{path}", fileName]);

    public static string ReadFile(string container, string path) =>
        ShellQuote.Join(["docker", "cp", $"{container}:{path}", "-"]) + " | tar -xO";

    public static string CopyInto(string container, string localName, string folder) =>
        ShellQuote.Join(["docker", "cp", localName, $"{container}:{(folder.EndsWith('/') ? folder : folder + "/")}"]);

    public static string MakeFolder(string container, string name, string parent) =>
        ShellQuote.Join(["mkdir", "-p", name]) + " && " + CopyInto(container, name, parent);

    public static string DeleteFile(string container, string path) => ShellQuote.Join(["docker", "exec", container, "rm", "-rf", "--", path]);
}
