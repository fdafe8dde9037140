using System.Globalization;
using System.Text;
using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Stacks;

/// <summary>
/// Writes a <see cref="RunSpec"/> as a compose service that makes the same container as its <c>docker run</c> line.
/// Named volumes and user networks are the existing ones (<c>name:</c>, <c>external: true</c>), as with docker run;
/// what compose cannot say (-P, --rm) is said in a comment at the top.
/// </summary>
public static class ComposeService
{
    public const string ComposeLabelPrefix = "com.docker.compose.";

    public static string ToYaml(string serviceName, RunSpec spec) => Write([(serviceName, spec)], fromProject: false);

    /// <summary>
    /// Several services in one file, e.g. a project's effective configuration read back from its containers with
    /// <see cref="RunSpecInspect.From"/>: what compose adds itself (its labels, its container names, the project's default
    /// network and the service's alias on it) is left out, and the project's own volumes and networks lose its prefix.
    /// </summary>
    public static string ProjectYaml(IEnumerable<(string Service, RunSpec Spec)> services) => Write([.. services], fromProject: true);

    /// <summary>What the compose file cannot carry over from the form, in words (also written as comments at its top).</summary>
    public static List<string> Losses(RunSpec spec)
    {
        var losses = new List<string>();
        if (spec.PublishAll)
            losses.Add("-P (publish every exposed port) has no compose equivalent: list the ports under ports.");
        if (spec.AutoRemove)
            losses.Add("--rm has no compose equivalent: compose keeps the container until docker-compose down.");
        return losses;
    }

    private static string Write(IReadOnlyList<(string Service, RunSpec Spec)> services, bool fromProject)
    {
        var y = new ComposeYaml();
        var volumes = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var networks = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        var comments = new StringBuilder();
        y.BeginMap();
        y.Key("services");
        y.BeginMap();
        foreach (var (service, spec) in services)
        {
            var scope = new Scope(service, fromProject ? Label(spec, ComposeLabelPrefix + "project") : null, volumes, networks);
            foreach (var loss in Losses(spec))
                comments.Append("# ").Append(services.Count > 1 ? $"{service}: " : "").Append(loss).Append('\n');
            y.Key(service);
            y.BeginMap();
            ComposeServiceBody.Write(y, spec, scope);
            y.EndMap();
        }
        y.EndMap();
        if (volumes.Count > 0)
        {
            y.Key("volumes");
            y.BeginMap();
            foreach (var (key, name) in volumes)
            {
                y.Key(key);
                if (name is null)
                    y.EmptyMap();
                else
                {
                    y.BeginMap();
                    y.Entry("name", name);
                    y.EndMap();
                }
            }
            y.EndMap();
        }
        if (networks.Count > 0)
        {
            y.Key("networks");
            y.BeginMap();
            foreach (var (key, external) in networks)
            {
                y.Key(key);
                if (!external)
                    y.EmptyMap();
                else
                {
                    y.BeginMap();
                    y.Key("external");
                    y.Literal("true");
                    y.EndMap();
                }
            }
            y.EndMap();
        }
        y.EndMap();
        return comments + y.Finish();
    }

    private static string? Label(RunSpec spec, string key) => spec.Labels.FirstOrDefault(l => l.Key.Trim() == key)?.Value;

    /// <summary>How one service's names map into the file: volumes and networks it declares at the top, and its project if any.</summary>
    internal sealed class Scope(string service, string? project, IDictionary<string, string?> volumes, IDictionary<string, bool> networks)
    {
        public string Service => service;

        /// <summary>project_service_1 (docker-compose 1) or project-service-1 (compose 2): the name compose gives itself.</summary>
        public bool IsComposeName(string container) =>
            project is not null && new[] { '_', '-' }.Any(sep =>
                container.StartsWith($"{project}{sep}{service}{sep}", StringComparison.Ordinal)
                && container[(project.Length + service.Length + 2)..] is { Length: > 0 } n && n.All(char.IsAsciiDigit));

        /// <summary>The key a volume has in the file; a project's own volume keeps its short name, any other its real one.</summary>
        public string Volume(string name)
        {
            if (project is not null && name.StartsWith(project + "_", StringComparison.Ordinal))
            {
                var key = name[(project.Length + 1)..];
                volumes[key] = null;
                return key;
            }
            volumes[name] = name;
            return name;
        }

        /// <summary>The network's key; "default" for the project's own default network, which compose declares itself.</summary>
        public string Network(string name)
        {
            if (project is not null && name == project + "_default")
                return "default";
            if (project is not null && name.StartsWith(project + "_", StringComparison.Ordinal))
            {
                var key = name[(project.Length + 1)..];
                networks[key] = false;
                return key;
            }
            networks[name] = true;
            return name;
        }
    }

    internal static string PortText(PortRow p)
    {
        var ip = p.HostIp.Trim().Trim('[', ']');
        var container = p.ContainerPort.Trim() + (p.Protocol is "tcp" or "" ? "" : "/" + p.Protocol);
        var host = p.HostPort.Trim();
        if (ip.Length > 0)
            return $"{(ip.Contains(':') ? $"[{ip}]" : ip)}:{host}:{container}";
        return host.Length > 0 ? $"{host}:{container}" : container;
    }

    internal static bool IsNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    internal static List<string> Words(string text) => ShellWords.Split(text).Words;
}
