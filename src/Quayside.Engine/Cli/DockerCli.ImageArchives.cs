using Quayside.Engine.ImageArchives;

namespace Quayside.Engine.Cli;

/// <summary>CLI lines of the ImageArchives feature: commit, save, load, export and import.</summary>
public static partial class DockerCli
{
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
}
