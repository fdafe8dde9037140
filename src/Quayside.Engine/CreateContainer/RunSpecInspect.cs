using System.Globalization;
using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;

namespace Quayside.Engine.CreateContainer;

/// <summary>
/// Reads a container's inspect back into a <see cref="RunSpec"/> for Duplicate/Edit. What the container only has from
/// its image (environment, labels, command, health check...) or from the engine's defaults is left out, so the form
/// shows what was chosen for this container.
/// </summary>
public static class RunSpecInspect
{
    public static RunSpec From(JsonNode container, JsonNode? image)
    {
        var config = container["Config"] ?? new JsonObject();
        var host = container["HostConfig"] ?? new JsonObject();
        var imageConfig = image?["Config"];
        var id = Text(container["Id"]);
        var s = new RunSpec
        {
            Image = Text(config["Image"]),
            Name = Text(container["Name"]).TrimStart('/'),
            WorkingDir = Unless(Text(config["WorkingDir"]), Text(imageConfig?["WorkingDir"])),
            User = Unless(Text(config["User"]), Text(imageConfig?["User"])),
            Hostname = Text(config["Hostname"]) is var h && id.StartsWith(h, StringComparison.Ordinal) ? "" : h,
            Interactive = Bool(config["OpenStdin"]),
            Tty = Bool(config["Tty"]),
            StartAfterCreate = Text(container["State"]?["Status"]) != "created",
        };

        var entrypoint = Strings(config["Entrypoint"]);
        var imageEntrypoint = Strings(imageConfig?["Entrypoint"]);
        var entrypointChosen = !entrypoint.SequenceEqual(imageEntrypoint);
        if (entrypointChosen)
            s.Entrypoint = Words(entrypoint);
        var cmd = Strings(config["Cmd"]);
        if (entrypointChosen || !cmd.SequenceEqual(Strings(imageConfig?["Cmd"])))
            s.Command = Words(cmd);

        var imageEnv = Strings(imageConfig?["Env"]).ToHashSet();
        s.Env = [.. Strings(config["Env"]).Where(e => !imageEnv.Contains(e)).Select(e => e.Split('=', 2))
            .Select(kv => new KeyValueRow { Key = kv[0], Value = kv.Length > 1 ? kv[1] : "" })];
        var imageLabels = Map(imageConfig?["Labels"]);
        s.Labels = [.. Map(config["Labels"]).Where(kv => !imageLabels.TryGetValue(kv.Key, out var v) || v != kv.Value)
            .Select(kv => new KeyValueRow { Key = kv.Key, Value = kv.Value })];

        foreach (var bind in Strings(host["Binds"]))
        {
            var parts = bind.Split(':');
            if (parts.Length < 2)
                continue;
            var row = new MountRow { Source = parts[0], Target = parts[1], ReadOnly = parts.Length > 2 && parts[2].Split(',').Contains("ro") };
            (parts[0].StartsWith('/') ? s.Binds : s.Volumes).Add(row);
        }
        s.Tmpfs = [.. Map(host["Tmpfs"]).Select(kv => new TmpfsRow { Target = kv.Key, Options = kv.Value })];

        var mode = Text(host["NetworkMode"]);
        s.NetworkMode = mode == "default" ? "" : mode;
        if (RunSpecRules.IsUserNetwork(mode))
            s.NetworkAliases = string.Join(", ", Strings(container["NetworkSettings"]?["Networks"]?[mode]?["Aliases"])
                .Where(a => !id.StartsWith(a, StringComparison.Ordinal)));
        if (host["PortBindings"] is JsonObject bindings)
        {
            foreach (var (key, list) in bindings)
            {
                var (port, protocol) = key.Split('/') is [var p, var proto] ? (p, proto) : (key, "tcp");
                foreach (var b in list?.AsArray() ?? [])
                    s.Ports.Add(new PortRow { HostIp = Text(b?["HostIp"]), HostPort = Text(b?["HostPort"]), ContainerPort = port, Protocol = protocol });
            }
        }
        s.PublishAll = Bool(host["PublishAllPorts"]);

        var policy = Text(host["RestartPolicy"]?["Name"]);
        s.RestartPolicy = policy is "" or "no" ? "" : policy;
        if (policy == "on-failure" && Long(host["RestartPolicy"]?["MaximumRetryCount"]) is > 0 and var retries)
            s.MaxRetries = retries.ToString(CultureInfo.InvariantCulture);
        s.AutoRemove = Bool(host["AutoRemove"]);

        if (Long(host["Memory"]) is > 0 and var memory)
            s.Memory = MemorySize.Short(memory);
        if (Long(host["MemoryReservation"]) is > 0 and var reservation)
            s.MemoryReservation = MemorySize.Short(reservation);
        if (Long(host["NanoCpus"]) is > 0 and var nanoCpus)
            s.Cpus = (nanoCpus / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);
        if (Long(host["PidsLimit"]) is { } pids and (> 0 or -1))
            s.PidsLimit = pids.ToString(CultureInfo.InvariantCulture);

        if (config["Healthcheck"] is JsonObject health && health.ToJsonString() != imageConfig?["Healthcheck"]?.ToJsonString())
        {
            var test = Strings(health["Test"]);
            s.HealthCmd = test is ["CMD-SHELL", var shell] ? shell : test is ["CMD", .. var words] ? Words(words) : "";
            s.HealthInterval = Duration(health["Interval"]);
            s.HealthTimeout = Duration(health["Timeout"]);
            s.HealthStartPeriod = Duration(health["StartPeriod"]);
            s.HealthRetries = Long(health["Retries"]) is > 0 and var r ? r.ToString(CultureInfo.InvariantCulture) : "";
        }
        s.Init = Bool(host["Init"]);
        s.Privileged = Bool(host["Privileged"]);
        s.ReadOnlyRootfs = Bool(host["ReadonlyRootfs"]);
        s.CapAdd = string.Join(", ", Strings(host["CapAdd"]));
        s.CapDrop = string.Join(", ", Strings(host["CapDrop"]));
        var logOptions = Map(host["LogConfig"]?["Config"]);
        if (logOptions.Count > 0)
        {
            s.LogDriver = Text(host["LogConfig"]?["Type"]);
            s.LogOptions = [.. logOptions.Select(kv => new KeyValueRow { Key = kv.Key, Value = kv.Value })];
        }
        else if (Text(host["LogConfig"]?["Type"]) is { Length: > 0 } driver and not "json-file")
            s.LogDriver = driver;
        return s;
    }

    /// <summary>The create request that makes the container again as it was (used to restore after a failed replace).</summary>
    public static (string Path, JsonObject Body) RecreateBody(JsonNode container)
    {
        var body = container["Config"]?.DeepClone().AsObject() ?? new JsonObject();
        var id = Text(container["Id"]);
        if (id.StartsWith(Text(body["Hostname"]), StringComparison.Ordinal))
            body.Remove("Hostname");
        body["HostConfig"] = container["HostConfig"]?.DeepClone();
        var endpoints = new JsonObject();
        if (container["NetworkSettings"]?["Networks"] is JsonObject networks)
        {
            foreach (var (name, net) in networks)
            {
                endpoints[name] = new JsonObject
                {
                    ["Aliases"] = new JsonArray([.. Strings(net?["Aliases"]).Where(a => !id.StartsWith(a, StringComparison.Ordinal)).Select(a => (JsonNode?)a)]),
                    ["IPAMConfig"] = net?["IPAMConfig"]?.DeepClone(),
                    ["Links"] = net?["Links"]?.DeepClone(),
                };
            }
        }
        body["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = endpoints };
        return (EngineRoutes.ContainersCreate(Text(container["Name"]).TrimStart('/'), null), body);
    }

    private static string Words(IEnumerable<string> words) => ShellQuote.Join(words);

    private static string Unless(string value, string imageValue) => value == imageValue ? "" : value;

    private static string Duration(JsonNode? n) => Long(n) is > 0 and var nanos ? GoDuration.Format(nanos) : "";

    private static string Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static bool Bool(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static long? Long(JsonNode? n) => n is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    private static List<string> Strings(JsonNode? n) =>
        n is JsonArray a ? [.. a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")] : [];

    private static Dictionary<string, string> Map(JsonNode? n) =>
        n is JsonObject o ? o.ToDictionary(kv => kv.Key, kv => Text(kv.Value)) : [];
}
