using YamlDotNet.RepresentationModel;

namespace Quayside.Engine.Stacks;

/// <summary>Reads the effective configuration <c>compose config</c> prints.</summary>
public static class ComposeConfig
{
    /// <summary>Each service's part of the configuration, as text, to tell which services a change touches.</summary>
    public static Dictionary<string, string> Services(string config)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(config));
            if (yaml.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("services"), out var services) && services is YamlMappingNode map)
            {
                foreach (var (key, value) in map.Children)
                {
                    var doc = new YamlStream(new YamlDocument(value));
                    var text = new StringWriter();
                    doc.Save(text, assignAnchors: false);
                    result[((YamlScalarNode)key).Value ?? ""] = text.ToString();
                }
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
        }
        return result;
    }

    /// <summary>The services that are new or differ between two configurations (all of them when the old one is unknown).</summary>
    public static IReadOnlyList<string> ChangedServices(string? oldConfig, string newConfig)
    {
        var after = Services(newConfig);
        var before = oldConfig is null ? [] : Services(oldConfig);
        return after.Where(s => !before.TryGetValue(s.Key, out var was) || was != s.Value).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
    }
}
