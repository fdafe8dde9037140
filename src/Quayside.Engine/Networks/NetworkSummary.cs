namespace Quayside.Engine.Networks;

/// <summary>One entry of <c>GET /networks</c> (the list leaves Containers empty: attachments come from the container list).</summary>
public sealed record NetworkSummary
{
    public string Name { get; init; } = "";
    public string Id { get; init; } = "";
    public string? Created { get; init; }
    public string Scope { get; init; } = "";
    public string Driver { get; init; } = "";
    public bool EnableIPv6 { get; init; }
    public NetworkIpam? IPAM { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool Ingress { get; init; }
    public IReadOnlyDictionary<string, string>? Options { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The networks every engine makes itself; they cannot be removed.</summary>
    public static readonly IReadOnlySet<string> PredefinedNames = new HashSet<string> { "bridge", "host", "none" };

    public bool IsPredefined => PredefinedNames.Contains(Name);

    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    public IReadOnlyDictionary<string, string> LabelsOrEmpty => Labels ?? new Dictionary<string, string>();

    public DateTimeOffset? CreatedAt => DateTimeOffset.TryParse(Created, out var at) ? at : null;

    public IEnumerable<IpamConfig> Subnets => IPAM?.Config ?? [];
}

public sealed record NetworkIpam(string? Driver, IReadOnlyList<IpamConfig>? Config);

public sealed record IpamConfig(string? Subnet, string? IPRange, string? Gateway);
