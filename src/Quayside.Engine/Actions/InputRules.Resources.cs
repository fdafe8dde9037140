using System.Net;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Actions;

/// <summary>Rules for volume and network forms.</summary>
public static partial class InputRules
{
    /// <summary>Volume and network names: empty means "let the engine pick" only where <paramref name="optional"/>.</summary>
    public static string? ObjectName(string? name, string what, bool optional) =>
        string.IsNullOrWhiteSpace(name) ? (optional ? null : $"A {what} name is required.")
        : !ContainerNamePattern().IsMatch(name) ? $"'{name}' is not a valid {what} name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters."
        : null;

    /// <summary>Lines of KEY=VALUE (labels, driver options); blank lines are ignored. Returns the pairs, or the first problem.</summary>
    public static (IReadOnlyDictionary<string, string> Pairs, string? Problem) KeyValueLines(string? text, string what)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            var eq = line.IndexOf('=');
            var key = eq < 0 ? line : line[..eq].Trim();
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
                return (pairs, $"'{line}' is not a valid {what}: write one KEY=VALUE per line (the key has no spaces; the value may be empty).");
            pairs[key] = eq < 0 ? "" : line[(eq + 1)..].Trim();
        }
        return (pairs, null);
    }

    /// <summary>An IPv4 or IPv6 subnet in CIDR form, e.g. 172.30.0.0/16.</summary>
    public static string? Cidr(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var parts = value.Trim().Split('/');
        if (parts.Length == 2 && IPAddress.TryParse(parts[0], out var ip) && int.TryParse(parts[1], out var bits)
            && bits >= 0 && bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32))
            return null;
        return $"'{value}' is not a valid {what}: use CIDR notation, e.g. 172.30.0.0/16 or fd00:1::/64.";
    }

    public static string? IpAddress(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) || IPAddress.TryParse(value.Trim(), out _) ? null
        : $"'{value}' is not a valid {what}: use an IPv4 or IPv6 address, e.g. 172.30.0.10.";

    /// <summary>Network aliases: names separated by commas or spaces.</summary>
    public static (IReadOnlyList<string> Aliases, string? Problem) Aliases(string? text)
    {
        var aliases = (text ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var bad = aliases.FirstOrDefault(a => !AliasPattern().IsMatch(a));
        return (aliases, bad is null ? null : $"'{bad}' is not a valid alias: use letters, digits, '-', '_' and '.' (a DNS name), separated by commas.");
    }

    /// <summary>A prune label filter as the CLI takes it: <c>key</c> or <c>key=value</c>.</summary>
    public static string? LabelFilter(string? value) =>
        string.IsNullOrWhiteSpace(value) || LabelFilterPattern().IsMatch(value.Trim()) ? null
        : $"'{value}' is not a label filter: write key or key=value (no spaces in the key).";

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")] private static partial Regex AliasPattern();
    [GeneratedRegex(@"^[^\s=]+(=.*)?$")] private static partial Regex LabelFilterPattern();
}
