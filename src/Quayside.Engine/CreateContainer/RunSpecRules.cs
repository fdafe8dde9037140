using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;

namespace Quayside.Engine.CreateContainer;

/// <summary>Checks a <see cref="RunSpec"/> field by field; each message says what is wrong and what is accepted.</summary>
public static partial class RunSpecRules
{
    public static readonly IReadOnlyList<string> RestartPolicies = ["no", "always", "unless-stopped", "on-failure"];
    public static readonly IReadOnlyList<string> BuiltInNetworks = ["bridge", "host", "none"];
    /// <summary>The engine's smallest memory limit (6 MiB).</summary>
    public const long MinimumMemory = 6 * 1024 * 1024;

    public static readonly IReadOnlySet<string> Capabilities = new HashSet<string>(StringComparer.Ordinal)
    {
        "ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE",
        "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE",
        "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
        "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE",
        "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM",
    };

    /// <summary>Every problem, by <see cref="RunField"/>; empty when the form can be sent.</summary>
    public static Dictionary<string, string> Validate(RunSpec s)
    {
        var e = new Dictionary<string, string>();
        void Add(string field, string? problem)
        {
            if (problem is not null)
                e[field] = e.TryGetValue(field, out var before) ? before + " " + problem : problem;
        }

        Add(RunField.Image, InputRules.ImageToRun(s.Image));
        Add(RunField.Platform, InputRules.Platform(s.Platform.Trim()));
        if (s.Name.Trim().Length > 0)
            Add(RunField.Name, InputRules.ContainerName(s.Name.Trim()));
        Add(RunField.Command, ShellWords.Split(s.Command).Problem);
        Add(RunField.Entrypoint, ShellWords.Split(s.Entrypoint).Problem);
        if (s.WorkingDir.Trim() is { Length: > 0 } wd && !wd.StartsWith('/'))
            Add(RunField.WorkingDir, $"The working directory '{wd}' is relative: use an absolute path inside the container, e.g. /app.");
        if (s.User.Trim() is { Length: > 0 } user && !UserPattern().IsMatch(user))
            Add(RunField.User, $"'{user}' is not a user: use a name or uid, optionally with :group or :gid, e.g. 1000:1000 or www-data.");
        if (s.Hostname.Trim() is { Length: > 0 } host)
        {
            if (!HostnamePattern().IsMatch(host))
                Add(RunField.Hostname, $"'{host}' is not a host name: use letters, digits, '-' and '.', up to 63 characters per part.");
            else if (s.NetworkMode.Trim() == "host")
                Add(RunField.Hostname, "A host name cannot be set in host network mode (the container uses the host's). Leave it empty or choose another network.");
        }

        for (var i = 0; i < s.Env.Count; i++)
            Add(RunField.Env, EnvKey(s.Env[i].Key) is { } bad ? $"Row {i + 1}: {bad}" : null);
        for (var i = 0; i < s.Labels.Count; i++)
            Add(RunField.Labels, s.Labels[i].Key.Trim().Length == 0 ? $"Row {i + 1}: a label needs a key, e.g. com.example.team (the value may be empty)." : null);

        for (var i = 0; i < s.Binds.Count; i++)
            Add(RunField.Binds, BindRow(s.Binds[i], i + 1));
        for (var i = 0; i < s.Volumes.Count; i++)
            Add(RunField.Volumes, VolumeRow(s.Volumes[i], i + 1));
        for (var i = 0; i < s.Tmpfs.Count; i++)
            Add(RunField.Tmpfs, ContainerPath(s.Tmpfs[i].Target, $"Row {i + 1}: the tmpfs path"));

        Add(RunField.Network, Network(s));
        for (var i = 0; i < s.Ports.Count; i++)
            Add(RunField.Ports, PortRowProblem(s.Ports[i], i + 1));
        if ((s.Ports.Count > 0 || s.PublishAll) && s.NetworkMode.Trim() is "host" or "none")
            Add(RunField.Ports, $"Published ports have no effect in {s.NetworkMode.Trim()} network mode. Remove the port rows and 'publish all', or choose bridge or a user-defined network.");

        Add(RunField.Restart, Restart(s.RestartPolicy, s.MaxRetries, s.AutoRemove));
        Add(RunField.Memory, Memory(s.Memory, "memory limit", MinimumMemory));
        Add(RunField.MemoryReservation, Memory(s.MemoryReservation, "memory reservation", 0));
        Add(RunField.MemoryReservation, ReservationAboveLimit(s.Memory, s.MemoryReservation));
        Add(RunField.Cpus, Cpus(s.Cpus));
        Add(RunField.PidsLimit, PidsLimit(s.PidsLimit));

        Add(RunField.Health, Health(s));
        Add(RunField.Capabilities, CapabilityList(s.CapAdd, "add"));
        Add(RunField.Capabilities, CapabilityList(s.CapDrop, "drop"));
        if (s.LogDriver.Trim() is { Length: > 0 } driver && driver.Any(char.IsWhiteSpace))
            Add(RunField.Log, $"'{driver}' is not a log driver name: use one word such as json-file, local, syslog or none.");
        for (var i = 0; i < s.LogOptions.Count; i++)
            Add(RunField.Log, s.LogOptions[i].Key.Trim().Length == 0 ? $"Log option row {i + 1} needs a key, e.g. max-size." : null);
        return e;
    }

    public static string? EnvKey(string? key) =>
        string.IsNullOrWhiteSpace(key) ? "a variable needs a name, e.g. APP_MODE."
        : key.Contains('=') || key.Any(char.IsWhiteSpace) ? $"'{key}' is not a variable name: it cannot hold '=' or spaces (put the value in the value box)."
        : null;

    /// <summary>A capability list's words normalised as the CLI sends them (CAP_ prefix, upper case; ALL stays ALL).</summary>
    public static List<string> CapabilityWords(string? text) =>
        [.. (text ?? "").Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToUpperInvariant())
            .Select(w => w == "ALL" || w.StartsWith("CAP_") ? w : "CAP_" + w)];

    public static List<string> AliasWords(string? text) =>
        [.. (text ?? "").Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static bool IsUserNetwork(string mode) => mode.Length > 0 && !BuiltInNetworks.Contains(mode) && mode != "default";

    private static string? CapabilityList(string text, string verb)
    {
        var unknown = CapabilityWords(text).Where(w => !Capabilities.Contains(w == "ALL" ? w : w[4..])).ToList();
        return unknown.Count == 0 ? null
            : $"Unknown capabilit{(unknown.Count == 1 ? "y" : "ies")} to {verb}: {string.Join(", ", unknown)}. Use Linux capability names such as NET_ADMIN, SYS_TIME or CHOWN (CAP_ prefix optional), or ALL.";
    }

    private static string? BindRow(MountRow row, int n)
    {
        var source = row.Source.Trim();
        if (source.Length == 0)
            return $"Row {n}: the host path is empty: use an absolute path on the host, e.g. /srv/site.";
        if (!source.StartsWith('/'))
            return $"Row {n}: the host path '{source}' is relative: bind mounts need an absolute path on the host, e.g. /srv/site (a plain name is a named volume: add it under named volumes).";
        if (source.Contains(':'))
            return $"Row {n}: the host path '{source}' contains ':', which the engine's bind syntax cannot carry.";
        return ContainerPath(row.Target, $"Row {n}: the container path");
    }

    private static string? VolumeRow(MountRow row, int n)
    {
        var name = row.Source.Trim();
        if (!VolumeNamePattern().IsMatch(name))
            return $"Row {n}: '{name}' is not a volume name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters.";
        return ContainerPath(row.Target, $"Row {n}: the container path");
    }

    private static string? ContainerPath(string path, string what)
    {
        var p = path.Trim();
        if (p.Length == 0)
            return $"{what} is empty: use an absolute path inside the container, e.g. /data.";
        if (!p.StartsWith('/'))
            return $"{what} '{p}' is relative: use an absolute path inside the container, e.g. /data.";
        return p.Contains(':') ? $"{what} '{p}' contains ':', which the engine's mount syntax cannot carry." : null;
    }

    private static string? Network(RunSpec s)
    {
        var mode = s.NetworkMode.Trim();
        if (mode.Length > 0 && !BuiltInNetworks.Contains(mode) && !NetworkNamePattern().IsMatch(mode))
            return $"'{mode}' is not a network: choose bridge, host, none or the name of a user-defined network.";
        if (AliasWords(s.NetworkAliases) is { Count: > 0 } aliases)
        {
            if (!IsUserNetwork(mode))
                return "Network aliases work only on a user-defined network: choose one, or clear the aliases.";
            if (aliases.FirstOrDefault(a => !HostnamePattern().IsMatch(a)) is { } bad)
                return $"'{bad}' is not an alias: use letters, digits, '-' and '.'.";
        }
        return null;
    }

    private static string? PortRowProblem(PortRow row, int n)
    {
        if (!IsPort(row.ContainerPort))
            return $"Row {n}: the container port '{row.ContainerPort.Trim()}' is not a port: use a number from 1 to 65535, e.g. 80.";
        if (row.HostPort.Trim().Length > 0 && !IsPort(row.HostPort))
            return $"Row {n}: the host port '{row.HostPort.Trim()}' is not a port: use a number from 1 to 65535, or leave it empty for a random free port.";
        if (row.HostIp.Trim().Length > 0 && !IPAddress.TryParse(row.HostIp.Trim().Trim('[', ']'), out _))
            return $"Row {n}: the host IP '{row.HostIp.Trim()}' is not an IP address: use e.g. 127.0.0.1 or ::1, or leave it empty for all addresses.";
        return row.Protocol is "tcp" or "udp" or "sctp" ? null : $"Row {n}: the protocol '{row.Protocol}' is unknown: use tcp, udp or sctp.";
    }

    private static bool IsPort(string text) => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535;

    // The field rules below are shared with the docker update form (Containers/UpdateRules).

    /// <summary>A restart policy with its optional on-failure retry count; <paramref name="autoRemove"/> is the --rm choice.</summary>
    public static string? Restart(string policyText, string maxRetries, bool autoRemove)
    {
        var policy = policyText.Trim();
        if (policy.Length > 0 && !RestartPolicies.Contains(policy))
            return $"'{policy}' is not a restart policy: use no, always, unless-stopped or on-failure.";
        if (maxRetries.Trim() is { Length: > 0 } retries)
        {
            if (policy != "on-failure")
                return "A maximum retry count works only with the on-failure policy: choose on-failure, or clear the count.";
            if (!int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                return $"'{retries}' is not a retry count: use a whole number, 0 for unlimited.";
        }
        return autoRemove && policy is "always" or "unless-stopped" or "on-failure"
            ? "Auto-remove cannot be combined with a restart policy (the engine would remove what it should restart): choose one."
            : null;
    }

    /// <summary>A memory size (empty is fine) of at least <paramref name="minimum"/> bytes, e.g. <see cref="MinimumMemory"/>.</summary>
    public static string? Memory(string text, string what, long minimum)
    {
        var t = text.Trim();
        if (t.Length == 0)
            return null;
        if (MemorySize.Parse(t) is not { } bytes)
            return $"'{t}' is not a size for the {what}: use {MemorySize.Accepted}.";
        return bytes < minimum ? $"The {what} {MemorySize.Describe(bytes)} is below the engine's minimum of 6 MiB." : null;
    }

    public static string? ReservationAboveLimit(string memory, string memoryReservation) =>
        MemorySize.Parse(memory) is { } limit and > 0 && MemorySize.Parse(memoryReservation) is { } reservation && reservation > limit
            ? $"The reservation ({MemorySize.Describe(reservation)}) is above the limit ({MemorySize.Describe(limit)}): make it smaller or equal."
            : null;

    public static string? Cpus(string text) =>
        text.Trim() is { Length: > 0 } cpus && RunSpecBody.NanoCpus(cpus) is not > 0
            ? $"'{cpus}' is not a number of CPUs: use a positive number such as 0.5, 1 or 2.5."
            : null;

    public static string? PidsLimit(string text) =>
        text.Trim() is { Length: > 0 } pids && !(long.TryParse(pids, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) && (p == -1 || p > 0))
            ? $"'{pids}' is not a PIDs limit: use a whole number above 0, or -1 for unlimited."
            : null;

    private static string? Health(RunSpec s)
    {
        foreach (var (text, what) in new[] { (s.HealthInterval, "interval"), (s.HealthTimeout, "timeout"), (s.HealthStartPeriod, "start period") })
        {
            var t = text.Trim();
            if (t.Length == 0)
                continue;
            if (GoDuration.ParseNanos(t) is not { } nanos)
                return $"The health check {what} '{t}' is not a duration: use {GoDuration.Accepted}.";
            if (nanos < 1_000_000)
                return $"The health check {what} '{t}' is below the engine's minimum of 1ms.";
        }
        if (s.HealthRetries.Trim() is { Length: > 0 } r && !int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return $"The health check retries '{r}' is not a count: use a whole number such as 3.";
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(?::[A-Za-z0-9_.\-]+)?$")] private static partial Regex UserPattern();
    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")] private static partial Regex HostnamePattern();
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")] private static partial Regex VolumeNamePattern();
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")] private static partial Regex NetworkNamePattern();
}
