using Quayside.Engine.Connection;

namespace Quayside.Engine.Stacks;

/// <summary>
/// Finds a project's files: Quayside's own folder for it first (<c>DATA/stacks/HOST/NAME</c>), else the files its labels
/// name when Quayside can reach them (an engine on a local socket, so the paths are this machine's, and when Quayside runs
/// in a container, a folder mounted at the same path; an SSH engine's machine over SFTP), else none.
/// </summary>
/// <param name="remote">The engine machine's files over SFTP, for an SSH host; null for any other.</param>
public sealed class StackLocator(string stacksRoot, string hostName, EngineEndpoint endpoint, IStackDisk? remote = null)
{
    public static readonly string[] DefaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

    public string HostFolder => Path.Combine(stacksRoot, hostName);

    /// <summary>Makes this host's stacks folder, private to Quayside's user (its stacks' .env files hold secrets).</summary>
    public void PrepareHostFolder()
    {
        Directory.CreateDirectory(HostFolder);
        PrivateFiles.CloseFolder(HostFolder);
    }

    public string ManagedFolder(string name) =>
        StackNames.Problem(name) is { } problem ? throw new StackRefusedException(problem) : Path.Combine(HostFolder, name);

    public bool IsManaged(string name) => StackNames.Problem(name) is null && Directory.Exists(Path.Combine(HostFolder, name));

    /// <summary>The names of the stacks kept in the data folder for this host, made there even if no container runs.</summary>
    public IEnumerable<string> ManagedNames() => Directory.Exists(HostFolder)
        ? Directory.EnumerateDirectories(HostFolder).Select(Path.GetFileName).OfType<string>().Where(n => StackNames.Problem(n) is null)
        : [];

    public StackLocation Locate(string name, StackSummary? summary)
    {
        if (IsManaged(name))
            return Managed(name);
        if (summary?.WorkingDir is not { } dir || summary.ConfigFiles.Count == 0)
            return Unreachable(name, "No container of this project names its compose files (labels com.docker.compose.project.working_dir and config_files).");
        if (remote is not null)
        {
            var remoteEnv = summary.EnvironmentFile is { } re && re.StartsWith('/') ? re : dir.TrimEnd('/') + "/.env";
            return new StackLocation(StackFilesKind.InPlace, dir, summary.ConfigFiles, remoteEnv,
                new ComposeProject(name, dir, summary.ConfigFiles, remoteEnv == dir.TrimEnd('/') + "/.env" ? null : remoteEnv)) { Disk = remote };
        }
        if (endpoint.Transport != EngineTransport.Unix)
            return Unreachable(name, $"The compose files are on the engine's machine ({endpoint.Address}) in {dir}, which Quayside cannot read.", dir);
        var missing = summary.ConfigFiles.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
            return Unreachable(name, $"{missing} cannot be read here (moved, deleted, or on a path not mounted into Quayside's container at the same path).", dir);
        var env = summary.EnvironmentFile is { } e && Path.IsPathRooted(e) ? e : Path.Combine(dir, ".env");
        var custom = env != Path.Combine(dir, ".env") ? env : null;
        return new StackLocation(StackFilesKind.InPlace, dir, summary.ConfigFiles, env, new ComposeProject(name, dir, summary.ConfigFiles, custom));
    }

    /// <summary>A stack in Quayside's folder: its compose file, or the files its .env names in COMPOSE_FILE (compose reads them itself).</summary>
    public StackLocation Managed(string name)
    {
        var dir = ManagedFolder(name);
        var env = Path.Combine(dir, ".env");
        var named = ComposeFileSetting(env).Select(f => Path.GetFullPath(f, dir + "/")).Where(f => ComposeGuard.IsInside(dir, f)).ToList();
        var file = DefaultFileNames.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists) ?? Path.Combine(dir, DefaultFileNames[0]);
        return new StackLocation(StackFilesKind.Managed, dir, named.Count > 0 ? named : [file], env, new ComposeProject(name, dir, []));
    }

    private static IReadOnlyList<string> ComposeFileSetting(string envFile)
    {
        if (!File.Exists(envFile))
            return [];
        var values = File.ReadLines(envFile).Select(l => l.Trim()).Where(l => !l.StartsWith('#') && l.Contains('='))
            .Select(l => (Key: l[..l.IndexOf('=')].Trim(), Value: l[(l.IndexOf('=') + 1)..].Trim().Trim('"', '\'')))
            .ToDictionary(p => p.Key, p => p.Value);
        var separator = values.GetValueOrDefault("COMPOSE_PATH_SEPARATOR") is { Length: > 0 } s ? s : ":";
        return values.GetValueOrDefault("COMPOSE_FILE") is { Length: > 0 } files
            ? files.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }

    private static StackLocation Unreachable(string name, string reason, string? dir = null) =>
        new(StackFilesKind.Unreachable, dir ?? "", [], "", new ComposeProject(name, dir ?? "", []), reason);
}

/// <summary>A stack operation refused before anything ran; the message says why and what is accepted.</summary>
public sealed class StackRefusedException(string message) : Exception(message);
