using System.Text.RegularExpressions;
using Quayside.Engine.Actions;
using Quayside.Engine.Images;

namespace Quayside.Engine.Build;

/// <summary>Where the build context comes from; decides how the CLI line reads.</summary>
public enum BuildContextKind
{
    /// <summary>A typed Dockerfile plus uploaded files: <c>docker build -f - .</c> from the folder holding them.</summary>
    Files,
    /// <summary>An uploaded tar (optionally gzipped): <c>docker build - &lt; context.tar</c>.</summary>
    Tar,
    /// <summary>An uploaded zip, turned into a tar by Quayside (the CLI takes no zip).</summary>
    Zip,
}

/// <summary>The options of <c>docker build</c> the legacy builder (engine 20.10, no BuildKit) takes.</summary>
public sealed partial record BuildOptions
{
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Target { get; init; }
    public string? Platform { get; init; }
    public bool NoCache { get; init; }
    public bool Pull { get; init; }
    /// <summary>Path of the Dockerfile inside the context.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";
    public BuildContextKind Context { get; init; } = BuildContextKind.Files;
    /// <summary>A Dockerfile typed in the page, replacing any Dockerfile in the context.</summary>
    public bool TypedDockerfile { get; init; }

    /// <summary>Every problem with the options, each saying what is accepted; empty when they can be sent.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var tag in Tags)
            if (InputRules.ImageReference(tag) is { } p)
                problems.Add(p);
        foreach (var name in BuildArgs.Keys)
            if (!ArgName().IsMatch(name))
                problems.Add($"'{name}' is not a valid build argument name: use letters, digits and '_', not starting with a digit.");
        foreach (var name in Labels.Keys)
            if (string.IsNullOrWhiteSpace(name) || name.Contains('='))
                problems.Add($"'{name}' is not a valid label name: it must not be empty or contain '='.");
        if (!string.IsNullOrEmpty(Target) && !StageName().IsMatch(Target))
            problems.Add($"'{Target}' is not a valid target stage: use the name after AS in a FROM line (letters, digits, '_', '.', '-').");
        if (!string.IsNullOrEmpty(Platform) && !PlatformPattern().IsMatch(Platform))
            problems.Add($"'{Platform}' is not a valid platform: use os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8.");
        if (string.IsNullOrWhiteSpace(Dockerfile) || Dockerfile.StartsWith('/') || Dockerfile.Split('/').Contains(".."))
            problems.Add($"'{Dockerfile}' is not a valid Dockerfile path: use a path inside the context, e.g. Dockerfile or docker/app.Dockerfile.");
        return problems;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")] private static partial Regex ArgName();
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")] private static partial Regex StageName();
    [GeneratedRegex(@"^[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?$")] private static partial Regex PlatformPattern();
}
