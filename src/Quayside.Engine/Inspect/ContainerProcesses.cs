namespace Quayside.Engine.Inspect;

/// <summary><c>GET /containers/{id}/top</c>: the column titles and one row of text per process, as <c>docker top</c> prints them.</summary>
public sealed record ContainerProcesses
{
    public IReadOnlyList<string> Titles { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<string>> Processes { get; init; } = [];
}

public enum ChangeKind { Changed = 0, Added = 1, Deleted = 2 }

/// <summary>One entry of <c>GET /containers/{id}/changes</c> (<c>docker diff</c>): a path of the writable layer.</summary>
public sealed record FilesystemChange
{
    public string Path { get; init; } = "";
    public ChangeKind Kind { get; init; }

    /// <summary>The letter <c>docker diff</c> prints: A, C or D.</summary>
    public char Letter => Kind switch { ChangeKind.Added => 'A', ChangeKind.Deleted => 'D', _ => 'C' };
}
