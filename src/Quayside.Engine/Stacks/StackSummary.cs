using Quayside.Engine.Containers;

namespace Quayside.Engine.Stacks;

/// <summary>One compose project on a host, as its containers, networks and volumes say (<c>docker compose ls --all</c>, with more).</summary>
public sealed record StackSummary(
    string Name,
    IReadOnlyList<StackService> Services,
    IReadOnlyList<string> Networks,
    IReadOnlyList<string> Volumes,
    string? WorkingDir,
    IReadOnlyList<string> ConfigFiles,
    string? EnvironmentFile,
    string? ComposeVersion,
    DateTimeOffset? LastChange)
{
    public IEnumerable<ContainerSummary> Containers => Services.SelectMany(s => s.Containers);

    public int Running => Services.Sum(s => s.Running);

    public int Total => Services.Sum(s => s.Containers.Count);

    /// <summary><c>docker compose ls</c>'s status: <c>running(2), exited(1)</c>.</summary>
    public string Status => Total == 0 ? "no containers" : string.Join(", ", Containers.GroupBy(c => c.State).OrderBy(g => g.Key)
        .Select(g => $"{g.Key}({g.Count()})"));

    public IEnumerable<string> PublishedPorts => Containers.SelectMany(c => c.Ports).Where(p => p.PublicPort is not null)
        .Select(p => p.ToString()).Distinct();
}

/// <summary>A service of a project and its containers, by number (one-off <c>run</c> containers left out).</summary>
public sealed record StackService(string Name, IReadOnlyList<ContainerSummary> Containers)
{
    public int Running => Containers.Count(c => c.State == "running");

    public string Image => Containers.Count == 0 ? "" : Containers[0].Image;

    /// <summary><c>running 2 of 3</c>.</summary>
    public string Status => $"running {Running} of {Containers.Count}";
}
