using Quayside.Engine.Actions;

namespace Quayside.Engine.Pulls;

/// <summary>
/// An image reference split the way the engine and registries read it: registry host (docker.io when absent),
/// repository path (library/ added for single-word Hub names), and a tag or digest.
/// </summary>
public sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    public bool IsDockerHub => Registry == DockerHub;

    /// <summary>The name as a person types it (no docker.io/library/ prefix for Hub images).</summary>
    public string Name => IsDockerHub
        ? (Repository.StartsWith("library/", StringComparison.Ordinal) ? Repository["library/".Length..] : Repository)
        : $"{Registry}/{Repository}";

    /// <summary>Tag or digest that the engine pulls: the digest when given, else the tag, else latest.</summary>
    public string TagOrDigest => Digest ?? Tag ?? "latest";

    public override string ToString() => Name + (Digest is not null ? "@" + Digest : ":" + (Tag ?? "latest"));

    /// <summary>Parses after <see cref="InputRules.PullReference"/>; returns null and the rule's message when invalid.</summary>
    public static ImageReference? TryParse(string? text, out string? problem)
    {
        problem = InputRules.PullReference(text?.Trim());
        if (problem is not null)
            return null;
        var rest = text!.Trim();
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }
        var slash = rest.IndexOf('/');
        var first = slash < 0 ? "" : rest[..slash];
        // Same rule as the docker CLI: the first part is a registry when it has a dot or a port, or is localhost.
        var hasRegistry = slash > 0 && (first.Contains('.') || first.Contains(':') || first == "localhost");
        var registry = hasRegistry ? first : DockerHub;
        var repository = hasRegistry ? rest[(slash + 1)..] : rest;
        if (registry is "index.docker.io" or "registry-1.docker.io")
            registry = DockerHub;
        if (registry == DockerHub && !repository.Contains('/'))
            repository = "library/" + repository;
        return new ImageReference(registry, repository, tag, digest);
    }

    public static ImageReference Parse(string text) =>
        TryParse(text, out var problem) ?? throw new ArgumentException(problem, nameof(text));
}
