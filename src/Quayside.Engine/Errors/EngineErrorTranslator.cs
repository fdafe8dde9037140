using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Errors;

/// <summary>The one place that turns engine and connection failures into sentences for a person.</summary>
public static partial class EngineErrorTranslator
{
    public static EngineProblem Translate(Exception error, EngineEndpoint endpoint) => error switch
    {
        EngineApiException api => FromEngine(api.Status, api.EngineMessage),
        // Refused before sending: the sentence already says what is wrong and what is accepted.
        InvalidEngineNameException name => new EngineProblem(name.Message),
        OperationCanceledException => new EngineProblem(
            $"The Docker engine at {endpoint.Address} did not answer in time.",
            "It may be busy or hung; check it with `docker info` on the host."),
        _ when FromTransport(error, endpoint) is { } transport => transport,
        _ when FindSocketError(error) is { } socket => FromSocket(socket, endpoint),
        HttpRequestException or IOException => new EngineProblem(
            $"The connection to the Docker engine at {endpoint.Address} was lost ({error.Message.TrimEnd('.')}).",
            "Is dockerd still running? Quayside reconnects by itself when it is back."),
        _ => new EngineProblem($"Unexpected error talking to the Docker engine: {error.Message}"),
    };

    public static EngineProblem FromSocket(SocketError code, EngineEndpoint endpoint)
    {
        var where = endpoint.Address;
        return code switch
        {
            SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported when endpoint.IsUnixSocket => new(
                $"Cannot reach the Docker engine at {where}: the socket {endpoint.SocketPath} does not exist.",
                "Is dockerd running? Start it (e.g. `systemctl start docker` or `dockerd &`), or point DOCKER_HOST at the right socket."),
            SocketError.AccessDenied => new(
                $"Cannot reach the Docker engine at {where}: permission denied on {endpoint.SocketPath ?? where}.",
                "Run Quayside as root or as a user in the docker group (`usermod -aG docker USER`, then log in again)."),
            SocketError.ConnectionRefused => new(
                $"Cannot reach the Docker engine at {where}: the connection was refused.",
                endpoint.IsUnixSocket
                    ? "The socket file exists but nothing listens on it: is dockerd running?"
                    : "Is dockerd running and listening on that address and port?"),
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => new(
                $"Cannot reach the Docker engine at {where}: the host name does not resolve.",
                "Check the host name in DOCKER_HOST."),
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => new(
                $"Cannot reach the Docker engine at {where}: no answer from the host.",
                "Check that the host is up and that a firewall lets the engine's port through."),
            _ => new(
                $"Cannot reach the Docker engine at {where}: {code}.",
                "Is dockerd running? Is the user allowed to use its socket (the docker group)?"),
        };
    }

    /// <summary>Engine refusals, phrased for a person; the engine's own text is kept where it already says it well.</summary>
    public static EngineProblem FromEngine(HttpStatusCode status, string message)
    {
        var m = message.Trim();
        foreach (var (pattern, phrase) in Known)
        {
            var match = pattern.Match(m);
            if (match.Success)
                return phrase(match);
        }
        return status switch
        {
            HttpStatusCode.NotFound => new($"Not found: {Capitalized(m)}.".Replace("..", ".")),
            HttpStatusCode.Conflict => new($"The engine refused because of a conflict: {m}"),
            HttpStatusCode.BadRequest => new($"The engine rejected the request: {m}"),
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => new($"The engine does not allow this: {m}"),
            _ => new($"The engine reported an error: {m}"),
        };
    }

    private static readonly (Regex Pattern, Func<Match, EngineProblem> Phrase)[] Known =
    [
        .. UpdateRefusals(),
        (ApiTooOld(), m => new(m.Groups[1].Value, m.Groups[2].Value)),
        (ClientTooNew(), m => new($"This engine offers API {m.Groups[2].Value} at most, and Quayside spoke {m.Groups[1].Value} to it (the API version pinned for this host).", "Lower or clear the host's API version on the hosts page.")),
        (ClientTooOld(), m => new($"This engine no longer accepts API {m.Groups[1].Value}: its oldest is {m.Groups[2].Value}.", "Raise or clear the host's API version (DOCKER_API_VERSION for the default host).")),
        (NoSuchContainer(), m => new($"There is no container '{m.Groups[1].Value}'. It may have been removed already.")),
        (NoSuchImage(), m => new($"There is no image '{m.Groups[1].Value}' on this engine.", Field: "image")),
        (RemoveRunning(), _ => new("The container is running, so it was not removed.", "Stop it first, or remove it with force (which kills it).")),
        (ImageInUseByContainer(), m => new($"The image is used by container {Short(m.Groups[1].Value)}, so it was not removed.", "Remove that container first, or remove the image with force.")),
        (ImageReferencedInMultiple(), _ => new("The image has several tags, so it was not removed by id.", "Remove each tag, or remove the image with force.")),
        (NotRunning(), m => new($"The container {Short(m.Groups[1].Value)} is not running.")),
        (NotPaused(), m => new($"The container {Short(m.Groups[1].Value)} is not paused.")),
        (AlreadyPaused(), m => new($"The container {Short(m.Groups[1].Value)} is already paused.")),
        (IsPaused(), m => new($"The container {Short(m.Groups[1].Value)} is paused.", "Unpause it first.")),
        (NameInUse(), m => new($"The name '{m.Groups[1].Value}' is already used by another container.", "Choose another name, or rename or remove the other container.", "name")),
        (InvalidSignal(), m => new($"'{m.Groups[1].Value}' is not a signal the engine knows.", "Use a name like SIGTERM, SIGKILL or SIGHUP, or a number.")),
        (InProgress(), _ => new("Another operation on this container is still in progress.", "Wait a moment and try again.")),
        (PruneRunning(), _ => new("A prune is already running on this engine.", "Wait for it to finish.")),
        (VolumeInUse(), m => new($"The volume '{m.Groups[1].Value}' is in use by container {Short(m.Groups[2].Value)}, so it was not removed.", "Remove that container first (a stopped container still holds its volumes).")),
        (NoSuchVolume(), m => new($"There is no volume '{m.Groups[1].Value}' on this engine. It may have been removed already.")),
        (NetworkHasEndpoints(), m => new($"The network '{m.Groups[1].Value}' still has containers connected, so it was not removed.", "Disconnect or stop those containers first.")),
        (PredefinedNetwork(), m => new($"'{m.Groups[1].Value}' is one of the engine's predefined networks (bridge, host, none); it cannot be removed.")),
        (NetworkNameExists(), m => new($"A network named '{m.Groups[1].Value}' already exists.", "Choose another name.")),
        (PoolOverlaps(), _ => new("The subnet overlaps a subnet another network already uses.", "Choose a subnet no other network uses (see the Networks page), or leave it empty to let the engine pick one.")),
        (EndpointExists(), m => new($"The container '{m.Groups[1].Value}' is already connected to the network '{m.Groups[2].Value}'.")),
        (NotConnected(), m => new($"The container {Short(m.Groups[1].Value)} is not connected to the network '{m.Groups[2].Value}'.")),
        (HostNetworkConnect(), _ => new("A container on the host network cannot be connected to other networks, and no container can be connected to or disconnected from the host network.")),
        (NoSuchPath(), m => new($"No such file or folder: {m.Groups[1].Value}.")),
        (NotADirectory(), _ => new("The destination is not a folder.", "Upload into a folder, not onto a file.")),
        (ReadOnlyRootfs(), _ => new("The container's filesystem is read-only, so nothing can be written to it.")),
        (BadArchive(), _ => new("The engine could not read the uploaded tar.", "Upload a tar archive (as written by docker save or tar -c).")),
        (PortAllocated(), m => new($"The host port {m.Groups[1].Value} is already taken by another container.", "Choose another host port, or leave it empty for a random one.", "ports")),
        (AddressInUse(), m => new($"The host address {m.Groups[1].Value} is already in use by a program on the host.", "Choose another host port, or leave it empty for a random one.", "ports")),
        (MountPathNotAbsolute(), m => new($"The mount path '{m.Groups[1].Value}' is not absolute.", "Use absolute paths, e.g. /srv/site:/data.", "binds")),
        (InvalidVolumeSpec(), m => new($"The engine cannot read the mount '{m.Groups[1].Value}'.", "Use host-path:container-path[:ro] with absolute paths.", "binds")),
        (InvalidVolumeName(), m => new($"'{m.Groups[1].Value}' is neither an absolute host path nor a valid volume name.", "Use an absolute host path such as /srv/site, or a volume name of letters, digits, '_', '.' and '-'.", "binds")),
        (BindSourceMissing(), m => new($"The host path {m.Groups[1].Value} does not exist.", "Create it on the host first, or correct the path.", "binds")),
        (NetworkNotFound(), m => new($"There is no network '{m.Groups[1].Value}' on this engine.", "Choose an existing network or create it first (docker network create).", "network")),
        (ExecutableNotFound(), m => new($"The command '{m.Groups[1].Value}' does not exist in the image.", "Check the command and entrypoint: the first word must be a program inside the image.", "command")),
        (MemoryBelowMinimum(), _ => new("The memory limit is below the engine's minimum of 6 MiB.", "Use at least 6m.", "memory")),
        (CpuRange(), m => new($"The number of CPUs is out of range: this engine accepts {m.Groups[1].Value} to {m.Groups[2].Value}.", Field: "cpus")),
        (HostnameConflict(), _ => new("A host name cannot be set together with this network mode.", "Leave the host name empty.", "hostname")),
        (ManifestNotFound(), m => new(m.Groups[1].Success
            ? $"The registry has no tag or digest '{m.Groups[2].Value}' for {m.Groups[1].Value} (or no such repository)."
            : "The registry has no such tag, digest or repository (manifest unknown).", "Check the name and tag on the registry's tags page.")),
        (NoMatchingPlatform(), m => new($"The image has no variant for the platform {m.Groups[1].Value}.", "Pick one of the platforms its tags page lists.")),
        (PlatformMismatch(), m => new($"The image exists only for {m.Groups[2].Value}, not for {m.Groups[1].Value}.", "Pull it without a platform, or choose a tag built for that platform.")),
        (NoCredentials(), _ => new("The registry requires a login and no credentials were sent.", "Add the registry with a user name and password on the Registries page.")),
        (AccessDenied(), m => new($"The registry refused access to {m.Groups[1].Value}: the repository does not exist or needs a login.", "Check the name, or add credentials for the registry on the Registries page.")),
        (Unauthorized(), _ => new("The registry refused: it needs a login, or the credentials sent are wrong (unauthorized).", "Check the user name and password saved for this registry on the Registries page.")),
        (RegistryUnreachable(), m => new($"The registry at {m.Groups[1].Value} could not be reached ({m.Groups[2].Value}).", "Is the address right and the registry running? Docker Hub and other Internet registries need Internet access from the engine.")),
        (InvalidReference(), _ => new("The engine rejected the image reference as malformed.", "Use name[:tag] or name@sha256:digest in lowercase.")),
        (DiskUsageRunning(), _ => new("The engine is already computing disk usage for another request.", "Try again in a moment.")),
    ];

    // Quayside's own refusal (EngineApiTooOldException), met wherever an engine error is worded.
    [GeneratedRegex(@"^(.+ needs Docker Engine API \d+\.\d+ or newer, and .+ is used at API \d+\.\d+(?: \([^)]*\))?\.) (.+)$")] private static partial Regex ApiTooOld();
    [GeneratedRegex(@"client version (\S+) is too new\. Maximum supported API version is (\d+\.\d+)", RegexOptions.IgnoreCase)] private static partial Regex ClientTooNew();
    [GeneratedRegex(@"client version (\S+) is too old\. Minimum supported API version is (\d+\.\d+)", RegexOptions.IgnoreCase)] private static partial Regex ClientTooOld();
    [GeneratedRegex(@"^No such container: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex NoSuchContainer();
    [GeneratedRegex(@"^No such image: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex NoSuchImage();
    [GeneratedRegex(@"cannot remove a running container|stop the container before attempting removal", RegexOptions.IgnoreCase)] private static partial Regex RemoveRunning();
    [GeneratedRegex(@"image is being used by (?:running |stopped )?container ([0-9a-f]+)", RegexOptions.IgnoreCase)] private static partial Regex ImageInUseByContainer();
    [GeneratedRegex(@"image is referenced in multiple repositories", RegexOptions.IgnoreCase)] private static partial Regex ImageReferencedInMultiple();
    [GeneratedRegex(@"Container ([0-9a-f]+) is not running", RegexOptions.IgnoreCase)] private static partial Regex NotRunning();
    [GeneratedRegex(@"Container ([0-9a-f]+) is not paused", RegexOptions.IgnoreCase)] private static partial Regex NotPaused();
    [GeneratedRegex(@"Container ([0-9a-f]+) is already paused", RegexOptions.IgnoreCase)] private static partial Regex AlreadyPaused();
    [GeneratedRegex(@"Container ([0-9a-f]+) is paused", RegexOptions.IgnoreCase)] private static partial Regex IsPaused();
    [GeneratedRegex(@"container name ""/?([^""]+)"" is already in use", RegexOptions.IgnoreCase)] private static partial Regex NameInUse();
    [GeneratedRegex(@"Invalid signal: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex InvalidSignal();
    [GeneratedRegex(@"is already in progress", RegexOptions.IgnoreCase)] private static partial Regex InProgress();
    [GeneratedRegex(@"a prune operation is already running", RegexOptions.IgnoreCase)] private static partial Regex PruneRunning();
    [GeneratedRegex(@"remove (\S+): volume is in use - \[([0-9a-f]+)", RegexOptions.IgnoreCase)] private static partial Regex VolumeInUse();
    [GeneratedRegex(@"^get (\S+): no such volume", RegexOptions.IgnoreCase)] private static partial Regex NoSuchVolume();
    [GeneratedRegex(@"network (\S+) id [0-9a-f]+ has active endpoints", RegexOptions.IgnoreCase)] private static partial Regex NetworkHasEndpoints();
    [GeneratedRegex(@"^(\S+) is a pre-defined network and cannot be removed", RegexOptions.IgnoreCase)] private static partial Regex PredefinedNetwork();
    [GeneratedRegex(@"network with name (\S+) already exists", RegexOptions.IgnoreCase)] private static partial Regex NetworkNameExists();
    [GeneratedRegex(@"Pool overlaps with other one", RegexOptions.IgnoreCase)] private static partial Regex PoolOverlaps();
    [GeneratedRegex(@"endpoint with name (\S+) already exists in network (\S+)", RegexOptions.IgnoreCase)] private static partial Regex EndpointExists();
    [GeneratedRegex(@"container (\S+) is not connected to (?:the )?network (\S+)", RegexOptions.IgnoreCase)] private static partial Regex NotConnected();
    [GeneratedRegex(@"cannot be disconnected from host network or connected to host network", RegexOptions.IgnoreCase)] private static partial Regex HostNetworkConnect();
    [GeneratedRegex(@"^network (\S+) not found", RegexOptions.IgnoreCase)] private static partial Regex NetworkNotFound();
    [GeneratedRegex(@"a disk usage operation is already running", RegexOptions.IgnoreCase)] private static partial Regex DiskUsageRunning();

    [GeneratedRegex(@"^Could not find the file (.+) in container", RegexOptions.IgnoreCase)] private static partial Regex NoSuchPath();
    [GeneratedRegex(@"extraction point is not a directory|not a directory", RegexOptions.IgnoreCase)] private static partial Regex NotADirectory();
    [GeneratedRegex(@"container rootfs is marked read-only|read-only file system", RegexOptions.IgnoreCase)] private static partial Regex ReadOnlyRootfs();
    [GeneratedRegex(@"invalid tar header", RegexOptions.IgnoreCase)] private static partial Regex BadArchive();
    [GeneratedRegex(@"Bind for (\S+) failed: port is already allocated", RegexOptions.IgnoreCase)] private static partial Regex PortAllocated();
    [GeneratedRegex(@"listen (?:tcp|udp)[46]? (\S+): bind: address already in use", RegexOptions.IgnoreCase)] private static partial Regex AddressInUse();
    [GeneratedRegex(@"invalid mount path: '([^']*)' mount path must be absolute", RegexOptions.IgnoreCase)] private static partial Regex MountPathNotAbsolute();
    [GeneratedRegex(@"invalid volume specification: '([^']*)'", RegexOptions.IgnoreCase)] private static partial Regex InvalidVolumeSpec();
    [GeneratedRegex(@"""([^""]*)"" includes invalid characters for a local volume name", RegexOptions.IgnoreCase)] private static partial Regex InvalidVolumeName();
    [GeneratedRegex(@"bind source path does not exist: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex BindSourceMissing();
    [GeneratedRegex(@"exec: ""([^""]+)"": (?:executable file not found|stat [^:]*: no such file or directory)", RegexOptions.IgnoreCase)] private static partial Regex ExecutableNotFound();
    [GeneratedRegex(@"Minimum memory limit allowed is", RegexOptions.IgnoreCase)] private static partial Regex MemoryBelowMinimum();
    [GeneratedRegex(@"Range of CPUs is from ([\d.]+) to ([\d.]+)", RegexOptions.IgnoreCase)] private static partial Regex CpuRange();
    [GeneratedRegex(@"conflicting options: hostname and the network mode", RegexOptions.IgnoreCase)] private static partial Regex HostnameConflict();

    [GeneratedRegex(@"manifest for ([^\s@]+?)[:@]([^:@\s]+) not found|manifest unknown", RegexOptions.IgnoreCase)] private static partial Regex ManifestNotFound();
    [GeneratedRegex(@"no matching manifest for (\S+) in the manifest list", RegexOptions.IgnoreCase)] private static partial Regex NoMatchingPlatform();
    [GeneratedRegex(@"does not match the specified platform: wanted (\S+?),? actual: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex PlatformMismatch();
    [GeneratedRegex(@"no basic auth credentials", RegexOptions.IgnoreCase)] private static partial Regex NoCredentials();
    [GeneratedRegex(@"(?:pull access denied for|denied: requested access to the resource is denied)\s*([^,\s]*)", RegexOptions.IgnoreCase)] private static partial Regex AccessDenied();
    [GeneratedRegex(@"unauthorized|incorrect username or password|401 Unauthorized", RegexOptions.IgnoreCase)] private static partial Regex Unauthorized();
    [GeneratedRegex(@"""https?://([^/""]+)/[^""]*"": (dial tcp.*|.*timeout.*)", RegexOptions.IgnoreCase)] private static partial Regex RegistryUnreachable();
    [GeneratedRegex(@"invalid reference format", RegexOptions.IgnoreCase)] private static partial Regex InvalidReference();

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static SocketError? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException s)
                return s.SocketErrorCode;
        return null;
    }
}
