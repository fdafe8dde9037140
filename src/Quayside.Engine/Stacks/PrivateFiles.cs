namespace Quayside.Engine.Stacks;

/// <summary>File modes for what Quayside writes that holds secrets: readable by its own user only.</summary>
public static class PrivateFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CloseFolder(string path)
    {
        if (!OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(path, Folder);
    }

    public static void CloseFile(string path)
    {
        if (!OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(path, File);
    }

    /// <summary>Gives <paramref name="path"/> the mode of <paramref name="like"/> (a file replaced in place keeps its mode).</summary>
    public static void SameMode(string path, string like)
    {
        if (!OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(path, System.IO.File.GetUnixFileMode(like));
    }
}
