namespace Quayside.Engine.Stacks;

public enum StackFilesKind
{
    /// <summary>Written and kept by Quayside under its data folder.</summary>
    Managed,

    /// <summary>Where the project's own labels say, edited in place.</summary>
    InPlace,

    /// <summary>Quayside cannot read them: the page shows the effective configuration and offers to take it over.</summary>
    Unreachable,
}

/// <summary>Where a project's files are, which of them the editor shows, and how compose is told to find them.</summary>
public sealed record StackLocation(StackFilesKind Kind, string Directory, IReadOnlyList<string> ComposeFiles, string EnvFile, ComposeProject Project, string? Reason = null)
{
    /// <summary>Where the files are read and written: this machine, or the engine's machine over SFTP.</summary>
    public IStackDisk Disk { get; init; } = LocalStackDisk.Instance;

    public bool Editable => Kind != StackFilesKind.Unreachable;

    /// <summary>The files the editor offers: the compose files, then the <c>.env</c>.</summary>
    public IReadOnlyList<string> EditableFiles => Editable ? [.. ComposeFiles, EnvFile] : [];

    public string Describe => Kind switch
    {
        StackFilesKind.Managed => $"Managed by Quayside in {Directory}",
        StackFilesKind.InPlace => $"In place{(Disk.IsLocal ? "" : " on the engine's machine, over SFTP")}: {string.Join(", ", ComposeFiles)}",
        _ => Reason ?? "Not reachable from Quayside",
    };
}
