namespace Quayside.Engine.Stacks;

/// <summary>The options of <c>docker run</c> (engine 20.10's CLI), by their long name, and which of them Quayside converts.</summary>
internal static class RunLineOptions
{
    /// <summary>Short and alternative names, to the long name the rest of the parser uses.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-a"] = "--attach", ["-c"] = "--cpu-shares", ["-d"] = "--detach", ["-e"] = "--env", ["-h"] = "--hostname",
        ["-i"] = "--interactive", ["-l"] = "--label", ["-m"] = "--memory", ["-p"] = "--publish", ["-P"] = "--publish-all",
        ["-q"] = "--quiet", ["-t"] = "--tty", ["-u"] = "--user", ["-v"] = "--volume", ["-w"] = "--workdir",
        ["--net"] = "--network", ["--net-alias"] = "--network-alias", ["--dns-option"] = "--dns-opt",
    };

    /// <summary>Options Quayside converts that take a value.</summary>
    public static readonly IReadOnlySet<string> Converted = new HashSet<string>(StringComparer.Ordinal)
    {
        "--name", "--platform", "--entrypoint", "--workdir", "--user", "--hostname", "--env", "--label", "--volume", "--mount",
        "--tmpfs", "--network", "--network-alias", "--publish", "--restart", "--memory", "--memory-reservation", "--cpus",
        "--pids-limit", "--health-cmd", "--health-interval", "--health-timeout", "--health-retries", "--health-start-period",
        "--cap-add", "--cap-drop", "--log-driver", "--log-opt",
    };

    /// <summary>Switches Quayside converts (or that change nothing in the container, such as -d and -q).</summary>
    public static readonly IReadOnlySet<string> Switches = new HashSet<string>(StringComparer.Ordinal)
    {
        "--detach", "--quiet", "--sig-proxy", "--disable-content-trust", "--interactive", "--tty", "--rm", "--publish-all", "--init", "--privileged", "--read-only",
    };

    /// <summary>docker run's other switches: refused.</summary>
    public static readonly IReadOnlySet<string> OtherSwitches = new HashSet<string>(StringComparer.Ordinal)
    {
        "--help", "--no-healthcheck", "--oom-kill-disable",
    };

    /// <summary>docker run's other options that take a value: refused, but their value is skipped so the line reads on.</summary>
    public static readonly IReadOnlySet<string> OtherWithValue = new HashSet<string>(StringComparer.Ordinal)
    {
        "--add-host", "--attach", "--blkio-weight", "--blkio-weight-device", "--cgroup-parent", "--cgroupns", "--cidfile",
        "--cpu-count", "--cpu-percent", "--cpu-period", "--cpu-quota", "--cpu-rt-period", "--cpu-rt-runtime", "--cpu-shares",
        "--cpuset-cpus", "--cpuset-mems", "--detach-keys", "--device", "--device-cgroup-rule", "--device-read-bps",
        "--device-read-iops", "--device-write-bps", "--device-write-iops", "--dns", "--dns-opt", "--dns-search", "--domainname",
        "--env-file", "--expose", "--gpus", "--group-add", "--io-maxbandwidth", "--io-maxiops", "--ip", "--ip6", "--ipc",
        "--isolation", "--kernel-memory", "--label-file", "--link", "--link-local-ip", "--mac-address", "--memory-swap",
        "--memory-swappiness", "--oom-score-adj", "--pid", "--pull", "--runtime", "--security-opt", "--shm-size",
        "--stop-signal", "--stop-timeout", "--storage-opt", "--sysctl", "--ulimit", "--userns", "--uts", "--volume-driver",
        "--volumes-from",
    };
}
