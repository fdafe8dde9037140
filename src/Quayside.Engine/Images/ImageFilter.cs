namespace Quayside.Engine.Images;

/// <summary>The images list's filters: dangling (as <c>--filter dangling=true</c>), unused and free text.</summary>
public sealed record ImageFilter
{
    public bool DanglingOnly { get; init; }

    /// <summary>Images that no container, running or stopped, uses.</summary>
    public bool UnusedOnly { get; init; }

    public string? Search { get; init; }
}
