using System.Text.RegularExpressions;

namespace Quayside.Engine.Stacks;

/// <summary>Names of stacks Quayside writes: compose's own project-name grammar, so a name is also a safe folder name.</summary>
public static partial class StackNames
{
    public const string Accepted = "lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters (compose's project names)";

    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A stack needs a name: " + Accepted + "."
        : Grammar().IsMatch(name) ? null
        : $"'{name}' is not a stack name: use {Accepted}.";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex Grammar();
}
