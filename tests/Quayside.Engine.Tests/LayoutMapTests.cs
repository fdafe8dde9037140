using Quayside.TestSupport;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Tests;

/// <summary>The README's layout map is the tree, and every feature has one name in every project.</summary>
public partial class LayoutMapTests
{
    private static readonly string Root = RepoPaths.Root;
    private static readonly string[] NotMapped = ["bin", "obj", "node_modules", "lib", "TestResults"];

    [Fact]
    public void Every_folder_has_one_line_in_the_map_and_every_line_names_a_folder()
    {
        var mapped = Map().Select(e => e.Path).ToList();
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
        var folders = new List<string>();
        foreach (var project in new[] { "src/Quayside.Engine", "src/Quayside.Web" })
            folders.AddRange(FoldersBelow(project).Prepend(project));
        folders.AddRange(["tests/Quayside.Engine.Tests", "tests/Quayside.Web.Tests", "tests/Quayside.E2E", "tests/Quayside.TestSupport",
            "tests/npm", "scripts", "lab", "deploy", "bench"]);
        Assert.Equal(folders.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_feature_has_its_engine_folder_its_web_folder_with_its_feature_file_and_is_listed_in_program()
    {
        var program = File.ReadAllText(Path.Combine(Root, "src/Quayside.Web/Program.cs"));
        var features = Features();
        Assert.Equal(18, features.Count);
        foreach (var name in features)
        {
            Assert.True(Directory.Exists(Path.Combine(Root, "src/Quayside.Engine", name)), $"no src/Quayside.Engine/{name}/");
            var file = Path.Combine(Root, "src/Quayside.Web", name, name + "Feature.cs");
            Assert.True(File.Exists(file), $"no src/Quayside.Web/{name}/{name}Feature.cs");
            var text = File.ReadAllText(file);
            foreach (var verb in new[] { "Add", "Map" })
            {
                if (Regex.IsMatch(text, $@"\b{verb}{name}\("))
                    Assert.True(Regex.IsMatch(program, $@"\.{verb}{name}\("), $"Program.cs does not call {verb}{name}");
            }
            Assert.Matches($@"\b(Add|Map){name}\(", text);
        }
    }

    [Fact]
    public void Test_folders_are_named_after_a_feature_or_a_listed_shared_folder()
    {
        var allowed = Features().Concat(SharedTestFolders()).ToHashSet();
        foreach (var project in new[] { "tests/Quayside.Engine.Tests", "tests/Quayside.Web.Tests", "tests/Quayside.E2E" })
        {
            foreach (var folder in Directory.GetDirectories(Path.Combine(Root, project)).Select(Path.GetFileName))
            {
                if (!NotMapped.Contains(folder!))
                    Assert.True(allowed.Contains(folder!), $"{project}/{folder}/ is neither a feature nor a shared folder named in the README");
            }
        }
    }

    private sealed record Entry(string Path, string Text);

    private static List<Entry> Map()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        var block = Regex.Match(section, "```\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        return [.. block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => MapLine().Match(l))
            .Select(m => new Entry(m.Groups[1].Value, m.Groups[2].Value))];
    }

    /// <summary>The top-level web folders whose line begins with their own name: "Logs: ...".</summary>
    private static List<string> Features() => [.. Map()
        .Select(e => (Match: Regex.Match(e.Path, @"^src/Quayside\.Web/(\w+)$"), e.Text))
        .Where(x => x.Match.Success && x.Text.StartsWith(x.Match.Groups[1].Value + ":", StringComparison.Ordinal))
        .Select(x => x.Match.Groups[1].Value)];

    private static IEnumerable<string> SharedTestFolders()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var paragraph = readme[readme.IndexOf("Test folders not named after a feature", StringComparison.Ordinal)..];
        var end = paragraph.IndexOf("\n\n", StringComparison.Ordinal);
        paragraph = end < 0 ? paragraph : paragraph[..end];
        return Regex.Matches(paragraph, @"`(\w+)/`").Select(m => m.Groups[1].Value);
    }

    private static IEnumerable<string> FoldersBelow(string project) =>
        Directory.GetDirectories(Path.Combine(Root, project), "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(Root, d).Replace('\\', '/'))
            .Where(d => !d.Split('/').Any(NotMapped.Contains));


    [GeneratedRegex(@"^(\S+?)/?\s{2,}(.*)$")]
    private static partial Regex MapLine();
}
