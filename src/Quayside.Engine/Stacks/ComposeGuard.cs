using YamlDotNet.RepresentationModel;

namespace Quayside.Engine.Stacks;

/// <summary>
/// What a compose file may make compose read: <c>env_file</c>, <c>include</c> and <c>extends.file</c> must stay inside the
/// project's folder (symbolic links followed), so an edited file cannot show another file of the host through the
/// effective configuration (Arcane CVE-2026-47179).
/// </summary>
public static class ComposeGuard
{
    /// <summary>The problems of one compose file's text, in words, each with its line; empty when it is allowed.</summary>
    public static IReadOnlyList<ComposeProblem> Check(string projectDirectory, string fileName, string text)
    {
        YamlStream yaml;
        try
        {
            yaml = new YamlStream();
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return []; // compose config says what is wrong with the syntax, with its line
        }
        var problems = new List<ComposeProblem>();
        foreach (var document in yaml.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
                continue;
            foreach (var path in Paths(Child(root, "include"), "path"))
                Confine(projectDirectory, fileName, "include", path, problems);
            if (Child(root, "services") is YamlMappingNode services)
            {
                foreach (var (_, service) in services.Children)
                {
                    if (service is not YamlMappingNode s)
                        continue;
                    foreach (var path in Paths(Child(s, "env_file"), "path"))
                        Confine(projectDirectory, fileName, "env_file", path, problems);
                    if (Child(s, "extends") is YamlMappingNode extends && Child(extends, "file") is YamlScalarNode file)
                        Confine(projectDirectory, fileName, "extends.file", file, problems);
                }
            }
        }
        return problems;
    }

    /// <summary>The env_file paths a compose file's services name, as written; none when the text does not parse.</summary>
    public static IReadOnlyList<string> EnvFilePaths(string text)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
                .Select(r => Child(r, "services")).OfType<YamlMappingNode>()
                .SelectMany(s => s.Children.Values.OfType<YamlMappingNode>())
                .SelectMany(s => Paths(Child(s, "env_file"), "path")).Select(n => n.Value ?? "").Where(v => v.Length > 0).ToList();
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return [];
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>A path, a list of paths, or a list of mappings whose <paramref name="key"/> holds a path or a list of them.</summary>
    private static IEnumerable<YamlScalarNode> Paths(YamlNode? node, string key) => node switch
    {
        YamlScalarNode scalar => [scalar],
        YamlSequenceNode list => list.Children.SelectMany(c => c is YamlMappingNode m ? Paths(Child(m, key), key) : Paths(c, key)),
        _ => [],
    };

    private static void Confine(string projectDirectory, string fileName, string what, YamlScalarNode node, List<ComposeProblem> problems)
    {
        var value = node.Value ?? "";
        var line = (int)node.Start.Line;
        if (value.Contains('$'))
        {
            problems.Add(new ComposeProblem(fileName, line, $"{what} '{value}' uses a variable: write the path itself, inside the project folder {projectDirectory}."));
            return;
        }
        if (!IsInside(projectDirectory, value))
            problems.Add(new ComposeProblem(fileName, line, $"{what} '{value}' is outside the project folder {projectDirectory}: only files inside it can be read."));
    }

    /// <summary>Whether a path, relative to the folder or absolute, is inside the folder once every symbolic link is followed.</summary>
    public static bool IsInside(string folder, string path)
    {
        var root = RealPath(Path.GetFullPath(folder));
        var target = RealPath(Path.GetFullPath(path, root));
        return target == root || target.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link on it resolved (the parts that do not exist yet kept as written).</summary>
    public static string RealPath(string fullPath)
    {
        var parts = fullPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.Exists || Directory.Exists(next))
            {
                var link = info.LinkTarget is not null ? info.ResolveLinkTarget(true) : new DirectoryInfo(next).LinkTarget is not null
                    ? new DirectoryInfo(next).ResolveLinkTarget(true) : null;
                current = link is not null ? Path.GetFullPath(link.FullName) : next;
            }
            else
                return Path.GetFullPath(Path.Combine([current, .. parts[i..]]));
        }
        return current;
    }
}

/// <summary>A problem with a compose file, at a line (1-based; 0 when compose named none).</summary>
public sealed record ComposeProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Path.GetFileName(File)}, line {Line}: {Message}" : $"{Path.GetFileName(File)}: {Message}";
}
