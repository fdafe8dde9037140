namespace Quayside.Engine.Registries;

/// <summary>One row of a tags page: one tag on one platform. Sizes are compressed bytes; times where the registry says.</summary>
public sealed record TagPlatformRow(
    string Tag, string Os, string Architecture, string? Variant, string? Digest, long? CompressedSize,
    DateTimeOffset? LastPushed, DateTimeOffset? Created = null)
{
    public string Platform => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}

/// <summary>A repository found by a search (Docker Hub or a registry's catalog).</summary>
public sealed record RepositoryHit(string Name, string? Description, int? Stars, long? Pulls, bool IsOfficial, bool IsVerifiedPublisher);

/// <summary>A page of results and the total when the source gives one.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int? Total, bool HasMore);

/// <summary>A registry or Docker Hub refused or failed; <see cref="Exception.Message"/> is in words for a person.</summary>
public sealed class RegistryException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
