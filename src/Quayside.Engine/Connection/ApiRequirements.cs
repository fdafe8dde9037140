using System.Text.RegularExpressions;

namespace Quayside.Engine.Connection;

/// <summary>A feature that an older Engine API lacks: what the user would call it, and the version that brought it.</summary>
public sealed record ApiRequirement(string Feature, ApiVersion Needs)
{
    /// <summary>The Docker release that first offered <see cref="Needs"/>, for the advice to upgrade.</summary>
    public string DockerRelease => Needs.ToString() switch
    {
        "1.25" => "1.13",
        "1.30" => "17.06",
        "1.31" => "17.07",
        "1.32" => "17.09",
        "1.35" => "17.12",
        "1.40" => "19.03",
        "1.41" => "20.10",
        "1.42" => "23.0",
        _ => "a later release",
    };
}

/// <summary>
/// The requests Quayside sends that need more than the oldest API, checked against the version a host is spoken to
/// at before anything is sent (the docker CLI refuses the same commands on the same versions).
/// </summary>
public static partial class ApiRequirements
{
    private static readonly (Regex Request, ApiRequirement Requirement)[] Table =
    [
        (Path(@"/system/df"), new("Disk usage (docker system df)", new(1, 25))),
        (Path(@"/containers/prune"), new("Pruning containers (docker container prune)", new(1, 25))),
        (Path(@"/images/prune"), new("Pruning images (docker image prune)", new(1, 25))),
        (Path(@"/volumes/prune"), new("Pruning volumes (docker volume prune)", new(1, 25))),
        (Path(@"/networks/prune"), new("Pruning networks (docker network prune)", new(1, 25))),
        (Path(@"/build/prune"), new("Pruning the build cache (docker builder prune)", new(1, 31))),
        (Query(@"/containers/[^/?]+/wait", "condition"), new("Waiting for a container to reach a condition (docker wait)", new(1, 30))),
        (Query(@"/containers/[^/?]+/logs", "until"), new("Logs up to a time (docker logs --until)", new(1, 35))),
        (Query(@"/images/create", "platform"), new("Pulling an image for a chosen platform (docker pull --platform)", new(1, 32))),
        (Query(@"/build", "platform"), new("Building for a chosen platform (docker build --platform)", new(1, 32))),
        (Query(@"/containers/create", "platform"), new("Creating a container for a chosen platform (docker run --platform)", new(1, 41))),
    ];

    /// <summary>What <paramref name="path"/> needs that <paramref name="speaks"/> lacks, or null when it may be sent.</summary>
    public static ApiRequirement? Unmet(string path, ApiVersion speaks)
    {
        foreach (var (request, requirement) in Table)
            if (speaks < requirement.Needs && request.IsMatch(path))
                return requirement;
        return null;
    }

    private static Regex Path(string path) => new($"^{path}(\\?|$)", RegexOptions.CultureInvariant);

    private static Regex Query(string path, string parameter) => new($"^{path}\\?(.*&)?{parameter}=", RegexOptions.CultureInvariant);
}

/// <summary>Refused before sending: the host is spoken to at an API older than the request needs.</summary>
public sealed class EngineApiTooOldException(ApiRequirement requirement, ApiVersion speaks, bool pinned, string address, string path)
    : EngineApiException(System.Net.HttpStatusCode.BadRequest, Sentence(requirement, speaks, pinned, address), path)
{
    public ApiRequirement Requirement { get; } = requirement;

    private static string Sentence(ApiRequirement r, ApiVersion speaks, bool pinned, string address) =>
        $"{r.Feature} needs Docker Engine API {r.Needs} or newer, and {address} is used at API {speaks}"
        + (pinned
            ? " (the API version pinned for this host). Raise or clear the host's API version on the hosts page."
            : $". Upgrade Docker on that host to {r.DockerRelease} or later.");
}
