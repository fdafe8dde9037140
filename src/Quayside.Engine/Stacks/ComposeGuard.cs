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
    public static async Task<IReadOnlyList<ComposeProblem>> CheckAsync(string projectDirectory, string fileName, string text, IStackDisk disk, CancellationToken ct)
    {
        var problems = new List<ComposeProblem>();
        foreach (var (what, node) in References(text))
        {
            var value = node.Value ?? "";
            var line = (int)node.Start.Line;
            if (value.Contains('$'))
                problems.Add(new ComposeProblem(fileName, line, $"{what} '{value}' uses a variable: write the path itself, inside the project folder {projectDirectory}."));
            else if (!await disk.IsInsideAsync(projectDirectory, Path.GetFullPath(value, projectDirectory.TrimEnd('/') + "/"), ct))
                problems.Add(new ComposeProblem(fileName, line, $"{what} '{value}' is outside the project folder {projectDirectory}: only files inside it can be read."));
        }
        return problems;
    }

    /// <summary>The paths a compose file makes compose read: include, env_file, extends.file; none when it does not parse (compose config says why).</summary>
    private static List<(string What, YamlScalarNode Node)> References(string text)
    {
        var found = new List<(string, YamlScalarNode)>();
        YamlStream yaml;
        try
        {
            yaml = new YamlStream();
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return found;
        }
        foreach (var document in yaml.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
                continue;
            found.AddRange(Paths(Child(root, "include"), "path").Select(p => ("include", p)));
            if (Child(root, "services") is not YamlMappingNode services)
                continue;
            foreach (var service in services.Children.Values.OfType<YamlMappingNode>())
            {
                found.AddRange(Paths(Child(service, "env_file"), "path").Select(p => ("env_file", p)));
                if (Child(service, "extends") is YamlMappingNode extends && Child(extends, "file") is YamlScalarNode file)
                    found.Add(("extends.file", file));
            }
        }
        return found;
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
