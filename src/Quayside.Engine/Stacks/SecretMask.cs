using System.Text.RegularExpressions;

namespace Quayside.Engine.Stacks;

/// <summary>
/// Hides the values of a project's <c>.env</c> and <c>env_file</c> files wherever Quayside shows or keeps text about it:
/// the history, the diff, compose's output and the app's own log (Komodo #1636). An env file's lines keep their names;
/// elsewhere each value of four characters or more is replaced.
/// </summary>
public sealed partial class SecretMask
{
    public const string Mask = "••••••";
    private const int ShortestMasked = 4;
    private readonly string[] _values;

    public SecretMask(IEnumerable<string> envTexts) =>
        _values = envTexts.SelectMany(Values).Where(v => v.Length >= ShortestMasked).Distinct().OrderByDescending(v => v.Length).ToArray();

    public static readonly SecretMask None = new([]);

    public string Apply(string text)
    {
        foreach (var value in _values)
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>One line of an env file with its value hidden: <c>KEY=••••••</c>; comments and blank lines kept.</summary>
    public static string EnvLine(string line)
    {
        var m = Assignment().Match(line);
        return m.Success && m.Groups["value"].Value.Length > 0 ? m.Groups["head"].Value + Mask : line;
    }

    public static string EnvText(string text) => string.Join('\n', text.Split('\n').Select(EnvLine));

    /// <summary>The values an env file sets, unquoted.</summary>
    public static IEnumerable<string> Values(string envText) =>
        envText.Split('\n').Select(l => Assignment().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["value"].Value.Trim().Trim('"', '\'')).Where(v => v.Length > 0);

    [GeneratedRegex(@"^(?<head>\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*)(?<value>.*?)\s*$")]
    private static partial Regex Assignment();
}
