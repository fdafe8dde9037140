namespace Quayside.Engine.Stacks;

/// <summary>Where a stack's files are read and written: this machine's filesystem, or the engine's machine over SFTP.</summary>
public interface IStackDisk
{
    bool IsLocal { get; }

    /// <summary>The file's text; null when it does not exist.</summary>
    Task<string?> ReadAsync(string path, CancellationToken ct);

    /// <summary>Replaces the file through a temporary sibling, keeping its mode, so a reader never sees half a file.</summary>
    Task WriteAsync(string path, string text, bool privateMode, CancellationToken ct);

    /// <summary>Whether a path (relative to the folder, or absolute) is inside the folder once symbolic links are followed.</summary>
    Task<bool> IsInsideAsync(string folder, string path, CancellationToken ct);
}

public sealed class LocalStackDisk : IStackDisk
{
    public static readonly LocalStackDisk Instance = new();

    public bool IsLocal => true;

    public async Task<string?> ReadAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;

    public async Task WriteAsync(string path, string text, bool privateMode, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".quayside-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, text, ct);
        if (File.Exists(path))
            PrivateFiles.SameMode(temp, path);
        else if (privateMode)
            PrivateFiles.CloseFile(temp);
        File.Move(temp, path, overwrite: true);
    }

    public Task<bool> IsInsideAsync(string folder, string path, CancellationToken ct) => Task.FromResult(ComposeGuard.IsInside(folder, path));
}
