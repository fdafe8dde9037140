using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Quayside.Engine.Stacks;

/// <summary>
/// Turns what <c>compose config</c> printed on failure into problems with line numbers: compose names the line of a
/// syntax error itself; for a schema error (<c>Unsupported config option for services.web: 'prots'</c>) the line is
/// found from the path it names.
/// </summary>
public static partial class ComposeProblems
{
    public static IReadOnlyList<ComposeProblem> From(IReadOnlyList<string> output, string file, string text)
    {
        var message = string.Join(' ', output.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("Traceback", StringComparison.Ordinal)));
        if (message.Length == 0)
            message = "compose config failed without saying why.";
        var lines = LineNumber().Matches(message).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        if (lines.Count > 0)
            return [new ComposeProblem(file, lines[^1], Clean(message))];
        var line = PathLine(text, message);
        return [new ComposeProblem(file, line, Clean(message))];
    }

    private static string Clean(string message) => FilePrefix().Replace(message, "").Trim();

    /// <summary>The line of the deepest key a dotted path in the message names (<c>services.web.ports</c>, <c>services.web: 'prots'</c>).</summary>
    private static int PathLine(string text, string message)
    {
        YamlMappingNode? root;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            root = yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return 0;
        }
        if (root is null)
            return 0;
        var best = 0;
        foreach (Match m in DottedPath().Matches(message))
        {
            var keys = m.Groups["path"].Value.Split('.').ToList();
            if (m.Groups["key"].Success)
                keys.Add(m.Groups["key"].Value);
            var node = (YamlNode)root;
            var line = 0;
            foreach (var key in keys)
            {
                if (node is not YamlMappingNode map)
                    break;
                var entry = map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key);
                if (entry.Key is null)
                    break;
                line = (int)entry.Key.Start.Line;
                node = entry.Value;
            }
            best = Math.Max(best, line);
        }
        return best;
    }

    [GeneratedRegex(@"\bline (\d+)")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"(?<path>(?:services|volumes|networks|secrets|configs)(?:\.[A-Za-z0-9_.-]+?)?)(?:(?::| Additional property) '?(?<key>[A-Za-z0-9_.-]+)'?)?(?=[\s:,]|$)")]
    private static partial Regex DottedPath();

    [GeneratedRegex(@"The Compose file '[^']*' is invalid because:\s*")]
    private static partial Regex FilePrefix();
}
