using System.Globalization;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Stacks;

/// <summary>One service's keys, in the order compose files usually have them.</summary>
internal static class ComposeServiceBody
{
    public static void Write(ComposeYaml y, RunSpec s, ComposeService.Scope scope)
    {
        void Text(string key, string value)
        {
            if (value.Trim().Length > 0)
                y.Entry(key, value.Trim());
        }
        void Flag(string key, bool on)
        {
            if (on)
            {
                y.Key(key);
                y.Literal("true");
            }
        }
        void Number(string key, string value, bool isNumber)
        {
            if (value.Trim().Length == 0)
                return;
            y.Key(key);
            if (isNumber)
                y.Literal(value.Trim());
            else
                y.Text(value.Trim());
        }

        Text("image", s.Image);
        Text("platform", s.Platform);
        if (!scope.IsComposeName(s.Name.Trim()))
            Text("container_name", s.Name);
        Text("hostname", s.Hostname);
        if (ComposeService.Words(s.Entrypoint) is { Count: > 0 } entrypoint)
        {
            y.Key("entrypoint");
            y.Words(entrypoint);
        }
        if (ComposeService.Words(s.Command) is { Count: > 0 } command)
        {
            y.Key("command");
            y.Words(command);
        }
        Text("working_dir", s.WorkingDir);
        Text("user", s.User);
        if (s.Env.Count > 0)
            y.TextMap("environment", s.Env.Select(e => (e.Key.Trim(), e.Value)));
        var labels = s.Labels.Where(l => !l.Key.Trim().StartsWith(ComposeService.ComposeLabelPrefix, StringComparison.Ordinal)).ToList();
        if (labels.Count > 0)
            y.TextMap("labels", labels.Select(l => (l.Key.Trim(), l.Value)));
        if (s.Ports.Count > 0)
            y.TextList("ports", s.Ports.Select(ComposeService.PortText));
        var mounts = s.Binds.Select(b => b with { Source = b.Source.Trim() })
            .Concat(s.Volumes.Select(v => v with { Source = scope.Volume(v.Source.Trim()) })).ToList();
        if (mounts.Count > 0)
            y.TextList("volumes", mounts.Select(RunSpecBody.BindText));
        if (s.Tmpfs.Count > 0)
            y.TextList("tmpfs", s.Tmpfs.Select(t => t.Options.Trim().Length == 0 ? t.Target.Trim() : $"{t.Target.Trim()}:{t.Options.Trim()}"));
        Network(y, s, scope);
        if (s.RestartPolicy.Trim() is { Length: > 0 } policy)
            Text("restart", policy == "on-failure" && s.MaxRetries.Trim().Length > 0 ? $"on-failure:{s.MaxRetries.Trim()}" : policy);
        if (RunSpecBody.HasHealth(s))
        {
            y.Key("healthcheck");
            y.BeginMap();
            if (s.HealthCmd.Trim().Length > 0)
            {
                y.Key("test");
                y.Words(["CMD-SHELL", s.HealthCmd.Trim()]);
            }
            Text("interval", s.HealthInterval);
            Text("timeout", s.HealthTimeout);
            Number("retries", s.HealthRetries, int.TryParse(s.HealthRetries.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _));
            Text("start_period", s.HealthStartPeriod);
            y.EndMap();
        }
        Flag("init", s.Init);
        Flag("privileged", s.Privileged);
        Flag("read_only", s.ReadOnlyRootfs);
        if (Capabilities(s.CapAdd) is { Count: > 0 } add)
            y.TextList("cap_add", add);
        if (Capabilities(s.CapDrop) is { Count: > 0 } drop)
            y.TextList("cap_drop", drop);
        if (s.LogDriver.Trim().Length > 0 || s.LogOptions.Count > 0)
        {
            y.Key("logging");
            y.BeginMap();
            Text("driver", s.LogDriver);
            if (s.LogOptions.Count > 0)
                y.TextMap("options", s.LogOptions.Select(o => (o.Key.Trim(), o.Value)));
            y.EndMap();
        }
        Text("mem_limit", s.Memory);
        Text("mem_reservation", s.MemoryReservation);
        Number("cpus", s.Cpus, ComposeService.IsNumber(s.Cpus.Trim()));
        Number("pids_limit", s.PidsLimit, long.TryParse(s.PidsLimit.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        Flag("stdin_open", s.Interactive);
        Flag("tty", s.Tty);
    }

    private static void Network(ComposeYaml y, RunSpec s, ComposeService.Scope scope)
    {
        var mode = s.NetworkMode.Trim();
        if (mode.Length == 0)
            return;
        if (!RunSpecRules.IsUserNetwork(mode))
        {
            y.Entry("network_mode", mode);
            return;
        }
        var key = scope.Network(mode);
        // Compose gives a service its own name as an alias on every network.
        var aliases = RunSpecRules.AliasWords(s.NetworkAliases).Where(a => a != scope.Service).ToList();
        if (key == "default" && aliases.Count == 0)
            return;
        y.Key("networks");
        if (aliases.Count == 0)
        {
            y.BeginList();
            y.Text(key);
            y.EndList();
            return;
        }
        y.BeginMap();
        y.Key(key);
        y.BeginMap();
        y.TextList("aliases", aliases);
        y.EndMap();
        y.EndMap();
    }

    /// <summary>As compose files write them: NET_ADMIN rather than CAP_NET_ADMIN (the engine takes both).</summary>
    private static List<string> Capabilities(string text) =>
        [.. RunSpecRules.CapabilityWords(text).Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c[4..] : c)];
}
