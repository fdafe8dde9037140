namespace Quayside.TestSupport;

public static class RepoPaths
{
    /// <summary>The folder holding Quayside.slnx, found by walking up from the test assembly; null when there is none.</summary>
    public static string? TryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Quayside.slnx")))
                return dir.FullName;
        return null;
    }

    public static string Root => TryRoot() ?? throw new InvalidOperationException($"The repository root (Quayside.slnx) is not above {AppContext.BaseDirectory}.");
}
