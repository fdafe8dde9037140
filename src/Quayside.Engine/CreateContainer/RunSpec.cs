namespace Quayside.Engine.CreateContainer;

/// <summary>
/// The create-container form as the user typed it (text, so nothing typed is lost while it is invalid).
/// An empty field means "the engine's default" and is not sent. <see cref="RunSpecRules"/> checks it,
/// <see cref="RunSpecBody"/> turns it into the engine's create request and <c>DockerCli.Run</c> into the CLI line.
/// </summary>
public sealed class RunSpec
{
    public string Image { get; set; } = "";
    public string Platform { get; set; } = "";
    public string Name { get; set; } = "";
    public string Command { get; set; } = "";
    public string Entrypoint { get; set; } = "";
    public string WorkingDir { get; set; } = "";
    public string User { get; set; } = "";
    public string Hostname { get; set; } = "";

    public List<KeyValueRow> Env { get; set; } = [];
    public List<KeyValueRow> Labels { get; set; } = [];

    public List<MountRow> Binds { get; set; } = [];
    public List<MountRow> Volumes { get; set; } = [];
    public List<TmpfsRow> Tmpfs { get; set; } = [];

    /// <summary>Empty (the engine's default bridge), bridge, host, none, or a user-defined network's name.</summary>
    public string NetworkMode { get; set; } = "";
    /// <summary>Aliases on a user-defined network, separated by commas or spaces.</summary>
    public string NetworkAliases { get; set; } = "";
    public List<PortRow> Ports { get; set; } = [];
    public bool PublishAll { get; set; }

    /// <summary>Empty (the engine's default, no), no, always, unless-stopped or on-failure.</summary>
    public string RestartPolicy { get; set; } = "";
    public string MaxRetries { get; set; } = "";
    public bool AutoRemove { get; set; }

    public string Memory { get; set; } = "";
    public string MemoryReservation { get; set; } = "";
    public string Cpus { get; set; } = "";
    public string PidsLimit { get; set; } = "";

    public string HealthCmd { get; set; } = "";
    public string HealthInterval { get; set; } = "";
    public string HealthTimeout { get; set; } = "";
    public string HealthRetries { get; set; } = "";
    public string HealthStartPeriod { get; set; } = "";

    public bool Init { get; set; }
    public bool Privileged { get; set; }
    public bool ReadOnlyRootfs { get; set; }
    /// <summary>Capabilities separated by commas or spaces, with or without the CAP_ prefix.</summary>
    public string CapAdd { get; set; } = "";
    public string CapDrop { get; set; } = "";
    public string LogDriver { get; set; } = "";
    public List<KeyValueRow> LogOptions { get; set; } = [];

    public bool Interactive { get; set; }
    public bool Tty { get; set; }
    public bool StartAfterCreate { get; set; } = true;

    public RunSpec Clone()
    {
        var copy = (RunSpec)MemberwiseClone();
        copy.Env = [.. Env.Select(r => r with { })];
        copy.Labels = [.. Labels.Select(r => r with { })];
        copy.LogOptions = [.. LogOptions.Select(r => r with { })];
        copy.Binds = [.. Binds.Select(r => r with { })];
        copy.Volumes = [.. Volumes.Select(r => r with { })];
        copy.Tmpfs = [.. Tmpfs.Select(r => r with { })];
        copy.Ports = [.. Ports.Select(r => r with { })];
        return copy;
    }
}

public sealed record KeyValueRow
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>A bind mount (Source is a host path) or a named volume (Source is the volume's name).</summary>
public sealed record MountRow
{
    public string Source { get; set; } = "";
    public string Target { get; set; } = "";
    public bool ReadOnly { get; set; }
}

public sealed record TmpfsRow
{
    public string Target { get; set; } = "";
    /// <summary>Mount options such as size=64m,mode=1777.</summary>
    public string Options { get; set; } = "";
}

public sealed record PortRow
{
    /// <summary>Empty for every address of the host.</summary>
    public string HostIp { get; set; } = "";
    /// <summary>Empty for a random free port.</summary>
    public string HostPort { get; set; } = "";
    public string ContainerPort { get; set; } = "";
    public string Protocol { get; set; } = "tcp";
}

/// <summary>The form's field names, shared by the rules, the engine-error mapping and the page.</summary>
public static class RunField
{
    public const string Image = "image", Platform = "platform", Name = "name", Command = "command", Entrypoint = "entrypoint",
        WorkingDir = "workdir", User = "user", Hostname = "hostname", Env = "env", Labels = "labels", Binds = "binds",
        Volumes = "volumes", Tmpfs = "tmpfs", Network = "network", Ports = "ports", Restart = "restart", Memory = "memory",
        MemoryReservation = "memory-reservation", Cpus = "cpus", PidsLimit = "pids-limit", Health = "health",
        Capabilities = "capabilities", Log = "log", General = "general";
}
