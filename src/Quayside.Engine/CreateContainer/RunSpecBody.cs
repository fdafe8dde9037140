using System.Globalization;
using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;

namespace Quayside.Engine.CreateContainer;

/// <summary>
/// The engine's create request (Config, HostConfig, NetworkingConfig) for a valid <see cref="RunSpec"/>, sending
/// nothing for an empty field. It mirrors what the docker CLI sends for the line <c>DockerCli.Run</c> shows, so both
/// make the same container.
/// </summary>
public static class RunSpecBody
{
    /// <summary>The create path (with the name and platform) and body.</summary>
    public static (string Path, JsonObject Body) Build(RunSpec s)
    {
        var body = new JsonObject { ["Image"] = s.Image.Trim() };
        var host = new JsonObject();

        var (entrypoint, cmd) = ProcessWords(s);
        if (entrypoint is not null)
            body["Entrypoint"] = Array(entrypoint);
        if (cmd.Count > 0)
            body["Cmd"] = Array(cmd);
        SetText(body, "WorkingDir", s.WorkingDir);
        SetText(body, "User", s.User);
        SetText(body, "Hostname", s.Hostname);
        if (s.Env.Count > 0)
            body["Env"] = Array(s.Env.Select(r => $"{r.Key.Trim()}={r.Value}"));
        if (s.Labels.Count > 0)
            body["Labels"] = Map(s.Labels);
        if (s.Interactive)
            body["OpenStdin"] = true;
        if (s.Tty)
            body["Tty"] = true;

        var binds = s.Binds.Concat(s.Volumes).Select(BindText).ToList();
        if (binds.Count > 0)
            host["Binds"] = Array(binds);
        if (s.Tmpfs.Count > 0)
            host["Tmpfs"] = new JsonObject(s.Tmpfs.Select(t => KeyValuePair.Create(t.Target.Trim(), (JsonNode?)JsonValue.Create(t.Options.Trim()))));

        var mode = s.NetworkMode.Trim();
        if (mode.Length > 0)
            host["NetworkMode"] = mode;
        if (RunSpecRules.AliasWords(s.NetworkAliases) is { Count: > 0 } aliases)
            body["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = new JsonObject { [mode] = new JsonObject { ["Aliases"] = Array(aliases) } } };
        if (s.Ports.Count > 0)
        {
            var exposed = new JsonObject();
            var bindings = new JsonObject();
            foreach (var p in s.Ports)
            {
                var key = $"{p.ContainerPort.Trim()}/{p.Protocol}";
                exposed[key] ??= new JsonObject();
                if (bindings[key] is not JsonArray list)
                    bindings[key] = list = [];
                list.Add(new JsonObject { ["HostIp"] = p.HostIp.Trim().Trim('[', ']'), ["HostPort"] = p.HostPort.Trim() });
            }
            body["ExposedPorts"] = exposed;
            host["PortBindings"] = bindings;
        }
        if (s.PublishAll)
            host["PublishAllPorts"] = true;

        if (s.RestartPolicy.Trim() is { Length: > 0 } policy)
            host["RestartPolicy"] = new JsonObject { ["Name"] = policy, ["MaximumRetryCount"] = Int(s.MaxRetries) ?? 0 };
        if (s.AutoRemove)
            host["AutoRemove"] = true;

        if (MemorySize.Parse(s.Memory) is { } memory)
            host["Memory"] = memory;
        if (MemorySize.Parse(s.MemoryReservation) is { } reservation)
            host["MemoryReservation"] = reservation;
        if (NanoCpus(s.Cpus) is { } nanoCpus)
            host["NanoCpus"] = nanoCpus;
        if (long.TryParse(s.PidsLimit.Trim(), out var pids))
            host["PidsLimit"] = pids;

        if (HasHealth(s))
        {
            var health = new JsonObject();
            if (s.HealthCmd.Trim().Length > 0)
                health["Test"] = Array(["CMD-SHELL", s.HealthCmd.Trim()]);
            SetNanos(health, "Interval", s.HealthInterval);
            SetNanos(health, "Timeout", s.HealthTimeout);
            SetNanos(health, "StartPeriod", s.HealthStartPeriod);
            if (Int(s.HealthRetries) is { } retries)
                health["Retries"] = retries;
            body["Healthcheck"] = health;
        }
        if (s.Init)
            host["Init"] = true;
        if (s.Privileged)
            host["Privileged"] = true;
        if (s.ReadOnlyRootfs)
            host["ReadonlyRootfs"] = true;
        if (RunSpecRules.CapabilityWords(s.CapAdd) is { Count: > 0 } add)
            host["CapAdd"] = Array(add);
        if (RunSpecRules.CapabilityWords(s.CapDrop) is { Count: > 0 } drop)
            host["CapDrop"] = Array(drop);
        if (s.LogDriver.Trim().Length > 0 || s.LogOptions.Count > 0)
            host["LogConfig"] = new JsonObject { ["Type"] = s.LogDriver.Trim(), ["Config"] = Map(s.LogOptions) };

        if (host.Count > 0)
            body["HostConfig"] = host;

        return (EngineRoutes.ContainersCreate(s.Name.Trim() is { Length: > 0 } name ? name : null,
            s.Platform.Trim() is { Length: > 0 } platform ? platform : null), body);
    }

    /// <summary>
    /// The entrypoint and command as the CLI can say them: <c>--entrypoint</c> takes one word, so any further entrypoint
    /// words go before the command (the process is the same, and the engine does not add the image's command).
    /// </summary>
    public static (List<string>? Entrypoint, List<string> Cmd) ProcessWords(RunSpec s)
    {
        var entry = ShellWords.Split(s.Entrypoint).Words;
        var cmd = ShellWords.Split(s.Command).Words;
        return entry.Count == 0 ? (null, cmd) : ([entry[0]], [.. entry.Skip(1), .. cmd]);
    }

    /// <summary>A number of CPUs as the engine takes it (billionths of a CPU), as the CLI's --cpus computes it.</summary>
    public static long? NanoCpus(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus < 9_000_000_000m
            ? (long)Math.Round(cpus * 1_000_000_000m)
            : null;

    public static string BindText(MountRow m) => $"{m.Source.Trim()}:{m.Target.Trim()}{(m.ReadOnly ? ":ro" : "")}";

    public static bool HasHealth(RunSpec s) =>
        new[] { s.HealthCmd, s.HealthInterval, s.HealthTimeout, s.HealthRetries, s.HealthStartPeriod }.Any(t => t.Trim().Length > 0);

    private static int? Int(string text) => int.TryParse(text.Trim(), out var n) ? n : null;

    private static void SetText(JsonObject o, string key, string value)
    {
        if (value.Trim().Length > 0)
            o[key] = value.Trim();
    }

    private static void SetNanos(JsonObject o, string key, string value)
    {
        if (GoDuration.ParseNanos(value) is { } nanos)
            o[key] = nanos;
    }

    private static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static JsonObject Map(IEnumerable<KeyValueRow> rows)
    {
        var o = new JsonObject();
        foreach (var r in rows)
            o[r.Key.Trim()] = r.Value;
        return o;
    }
}
