using Quayside.Engine.Images.Build;
using Quayside.Engine.Images.Transfer;

namespace Quayside.Engine.Cli;

/// <summary>CLI lines for images in and out (build, commit, save, load, export, import) and files in and out (docker cp).</summary>
public static partial class DockerCli
{
    public static string Build(BuildOptions o)
    {
        // --force-rm: a failed step's container is removed too, so a failed build leaves nothing behind.
        var words = new List<string> { "docker", "build", "--force-rm" };
        foreach (var tag in o.Tags)
            words.AddRange(["-t", tag]);
        if (o.Context == BuildContextKind.Files && o.TypedDockerfile)
            words.AddRange(["-f", "-"]);
        else if (o.Dockerfile != "Dockerfile")
            words.AddRange(["-f", o.Dockerfile]);
        foreach (var (k, v) in o.BuildArgs)
            words.AddRange(["--build-arg", $"{k}={v}"]);
        foreach (var (k, v) in o.Labels)
            words.AddRange(["--label", $"{k}={v}"]);
        if (!string.IsNullOrEmpty(o.Target))
            words.AddRange(["--target", o.Target]);
        if (!string.IsNullOrEmpty(o.Platform))
            words.AddRange(["--platform", o.Platform]);
        words.AddRange([.. Flag(o.NoCache, "--no-cache"), .. Flag(o.Pull, "--pull")]);
        return o.Context switch
        {
            BuildContextKind.Files => ShellQuote.Join([.. words, "."]) + (o.TypedDockerfile ? " < Dockerfile" : ""),
            _ => ShellQuote.Join([.. words, "-"]) + " < context.tar",
        };
    }

    public static string Commit(CommitOptions o)
    {
        var words = new List<string> { "docker", "commit" };
        if (!string.IsNullOrWhiteSpace(o.Message))
            words.AddRange(["-m", o.Message]);
        if (!string.IsNullOrWhiteSpace(o.Author))
            words.AddRange(["-a", o.Author]);
        foreach (var change in o.Changes)
            words.AddRange(["-c", change]);
        if (!o.Pause)
            words.Add("--pause=false");
        words.Add(o.Container);
        if (!string.IsNullOrWhiteSpace(o.Reference))
            words.Add(o.Reference.Trim());
        return ShellQuote.Join(words);
    }

    public static string Save(IReadOnlyList<string> images, string fileName) => ShellQuote.Join(["docker", "save", "-o", fileName, .. images]);

    public static string Load(string fileName = "images.tar") => ShellQuote.Join(["docker", "load", "-i", fileName]);

    public static string Export(string container, string fileName) => ShellQuote.Join(["docker", "export", "-o", fileName, container]);

    public static string Import(ImportOptions o, string fileName = "filesystem.tar")
    {
        var words = new List<string> { "docker", "import" };
        if (!string.IsNullOrWhiteSpace(o.Message))
            words.AddRange(["-m", o.Message]);
        foreach (var change in o.Changes)
            words.AddRange(["-c", change]);
        words.Add(fileName);
        if (!string.IsNullOrWhiteSpace(o.Reference))
            words.Add(o.Reference.Trim());
        return ShellQuote.Join(words);
    }

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
