namespace Quayside.Engine.Networks;

/// <summary>What <c>docker network create</c> takes.</summary>
public sealed record NetworkSpec
{
    public string Name { get; init; } = "";
    public string Driver { get; init; } = "bridge";
    public string? Subnet { get; init; }
    public string? IpRange { get; init; }
    public string? Gateway { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Every problem with the form, each saying what is accepted; empty when it can be sent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string?>
        {
            Actions.InputRules.ObjectName(Name, "network", optional: false),
            Actions.InputRules.Cidr(Subnet, "subnet"),
            Actions.InputRules.Cidr(IpRange, "IP range"),
            Actions.InputRules.IpAddress(Gateway, "gateway"),
        };
        if (string.IsNullOrWhiteSpace(Subnet) && (!string.IsNullOrWhiteSpace(IpRange) || !string.IsNullOrWhiteSpace(Gateway)))
            problems.Add("An IP range or a gateway needs a subnet: fill in the subnet too.");
        return [.. problems.OfType<string>()];
    }
}
