using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    /// <summary>The <c>docker run -d</c> line for the form, or <c>docker create</c> when it is not to be started.</summary>
    public static string Run(RunSpec s) => ShellQuote.Join(RunWords(s, s.StartAfterCreate));

    public static string Create(RunSpec s) => ShellQuote.Join(RunWords(s, start: false));

    /// <summary>Replacing a container: stop and remove it, then run the new configuration under its name.</summary>
    public static string Replace(string container, RunSpec s) =>
        $"{Line(["docker", "stop", container], [])} && {Line(["docker", "rm", container], [])} && {Run(s)}";

    private static List<string> RunWords(RunSpec s, bool start)
    {
        var w = new List<string> { "docker" };
        w.AddRange(start ? ["run", "-d"] : ["create"]);
        void Opt(string flag, string value)
        {
            if (value.Trim().Length > 0)
                w.AddRange([flag, value.Trim()]);
        }
        Opt("--platform", s.Platform);
        Opt("--name", s.Name);
        if (s.Interactive)
            w.Add("-i");
        if (s.Tty)
            w.Add("-t");
        var (entrypoint, cmd) = RunSpecBody.ProcessWords(s);
        if (entrypoint is not null)
            w.AddRange(["--entrypoint", entrypoint[0]]);
        Opt("-w", s.WorkingDir);
        Opt("-u", s.User);
        Opt("-h", s.Hostname);
        foreach (var e in s.Env)
            w.AddRange(["-e", $"{e.Key.Trim()}={e.Value}"]);
        foreach (var l in s.Labels)
            w.AddRange(["--label", $"{l.Key.Trim()}={l.Value}"]);
        foreach (var m in s.Binds.Concat(s.Volumes))
            w.AddRange(["-v", RunSpecBody.BindText(m)]);
        foreach (var t in s.Tmpfs)
            w.AddRange(["--tmpfs", t.Options.Trim().Length == 0 ? t.Target.Trim() : $"{t.Target.Trim()}:{t.Options.Trim()}"]);
        Opt("--network", s.NetworkMode);
        foreach (var alias in RunSpecRules.AliasWords(s.NetworkAliases))
            w.AddRange(["--network-alias", alias]);
        foreach (var p in s.Ports)
            w.AddRange(["-p", PortText(p)]);
        if (s.PublishAll)
            w.Add("-P");
        if (s.RestartPolicy.Trim() is { Length: > 0 } policy)
            w.AddRange(["--restart", policy == "on-failure" && s.MaxRetries.Trim().Length > 0 ? $"on-failure:{s.MaxRetries.Trim()}" : policy]);
        if (s.AutoRemove)
            w.Add("--rm");
        Opt("--memory", s.Memory);
        Opt("--memory-reservation", s.MemoryReservation);
        Opt("--cpus", s.Cpus);
        Opt("--pids-limit", s.PidsLimit);
        Opt("--health-cmd", s.HealthCmd);
        Opt("--health-interval", s.HealthInterval);
        Opt("--health-timeout", s.HealthTimeout);
        Opt("--health-retries", s.HealthRetries);
        Opt("--health-start-period", s.HealthStartPeriod);
        if (s.Init)
            w.Add("--init");
        if (s.Privileged)
            w.Add("--privileged");
        foreach (var cap in RunSpecRules.CapabilityWords(s.CapAdd))
            w.AddRange(["--cap-add", cap]);
        foreach (var cap in RunSpecRules.CapabilityWords(s.CapDrop))
            w.AddRange(["--cap-drop", cap]);
        if (s.ReadOnlyRootfs)
            w.Add("--read-only");
        Opt("--log-driver", s.LogDriver);
        foreach (var o in s.LogOptions)
            w.AddRange(["--log-opt", $"{o.Key.Trim()}={o.Value}"]);
        w.Add(s.Image.Trim().Length > 0 ? s.Image.Trim() : "IMAGE");
        w.AddRange(cmd);
        return w;
    }

    private static string PortText(PortRow p)
    {
        var ip = p.HostIp.Trim().Trim('[', ']');
        var container = p.ContainerPort.Trim() + (p.Protocol == "tcp" ? "" : "/" + p.Protocol);
        var host = p.HostPort.Trim();
        if (ip.Length > 0)
            return $"{(ip.Contains(':') ? $"[{ip}]" : ip)}:{host}:{container}";
        return host.Length > 0 ? $"{host}:{container}" : container;
    }
}
