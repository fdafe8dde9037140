using System.Text.RegularExpressions;

namespace Quayside.Engine.Registries;

/// <summary>A parsed WWW-Authenticate header: scheme (Basic or Bearer) and its parameters (realm, service, scope).</summary>
public sealed partial record RegistryChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string name] => Parameters.GetValueOrDefault(name);

    public static RegistryChallenge? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header.Trim() : header[..space];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space > 0)
            foreach (Match m in Parameter().Matches(header[(space + 1)..]))
                parameters[m.Groups[1].Value] = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
        return new RegistryChallenge(scheme, parameters);
    }

    [GeneratedRegex(@"([a-zA-Z_]+)=(?:""([^""]*)""|([^,\s]*))")] private static partial Regex Parameter();
}
