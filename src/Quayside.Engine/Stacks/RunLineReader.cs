using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Stacks;

/// <summary>Reads docker run's options as the CLI does (pflag: --opt=value, --opt value, -abc, -p80, -e=A=1) into a form.</summary>
internal sealed class RunLineReader(RunSpec spec)
{
    public RunSpec Spec { get; } = spec;
    public List<string> Problems { get; } = [];

    /// <returns>The index of the image word, or -1 when an option is not known at all (its value cannot be told from the image).</returns>
    public int ReadOptions(List<string> words, int i)
    {
        for (; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--")
                return i + 1;
            if (word.Length < 2 || word[0] != '-')
                return i;
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = word.IndexOf('=');
                var name = eq < 0 ? word : word[..eq];
                var inline = eq < 0 ? null : word[(eq + 1)..];
                if (!Option(name, inline, words, ref i))
                    return -1;
                continue;
            }
            for (var j = 1; j < word.Length; j++)
            {
                var name = "-" + word[j];
                // A short option that takes a value takes the rest of the word (without a leading '='), or the next word.
                var rest = j + 1 < word.Length ? word[(j + 1)..] : null;
                var takesValue = TakesValue(Canonical(name));
                if (takesValue && rest is not null)
                    rest = rest.StartsWith('=') ? rest[1..] : rest;
                else if (!takesValue && rest is ['=', ..])
                    rest = rest[1..];
                else if (!takesValue)
                    rest = null;
                if (!Option(name, rest, words, ref i))
                    return -1;
                if (rest is not null)
                    break;
            }
        }
        return i;
    }

    private static string Canonical(string name) => RunLineOptions.Aliases.GetValueOrDefault(name, name);

    private static bool TakesValue(string name) => RunLineOptions.Converted.Contains(name) || RunLineOptions.OtherWithValue.Contains(name);

    private bool Option(string written, string? inline, List<string> words, ref int i)
    {
        var name = Canonical(written);
        if (RunLineOptions.Switches.Contains(name))
        {
            if (inline is null or "true" or "1")
                Switch(name);
            else if (inline is not ("false" or "0"))
                Problems.Add($"{written}={inline}: a switch takes true or false.");
            return true;
        }
        if (!TakesValue(name))
        {
            Problems.Add(NotConverted(written));
            return RunLineOptions.OtherSwitches.Contains(name);
        }
        var value = inline;
        if (value is null)
        {
            if (i + 1 >= words.Count)
            {
                Problems.Add($"{written} needs a value.");
                return true;
            }
            value = words[++i];
        }
        if (name == "--env-file")
            Problems.Add("--env-file is not converted: Quayside cannot read files on your machine. Write its variables as -e NAME=value, or add env_file to the compose file by hand.");
        else if (RunLineOptions.Converted.Contains(name))
            Value(name, written, value);
        else
            Problems.Add(NotConverted(written));
        return true;
    }

    private static string NotConverted(string option) =>
        $"{option} is not a docker run option Quayside converts; remove it or add it to the compose file by hand.";

    private void Switch(string name)
    {
        switch (name)
        {
            case "--interactive": Spec.Interactive = true; break;
            case "--tty": Spec.Tty = true; break;
            case "--rm": Spec.AutoRemove = true; break;
            case "--publish-all": Spec.PublishAll = true; break;
            case "--init": Spec.Init = true; break;
            case "--privileged": Spec.Privileged = true; break;
            case "--read-only": Spec.ReadOnlyRootfs = true; break;
        }
    }

    private void Value(string name, string written, string v)
    {
        var s = Spec;
        switch (name)
        {
            case "--name": s.Name = v; break;
            case "--platform": s.Platform = v; break;
            case "--workdir": s.WorkingDir = v; break;
            case "--user": s.User = v; break;
            case "--hostname": s.Hostname = v; break;
            case "--memory": s.Memory = v; break;
            case "--memory-reservation": s.MemoryReservation = v; break;
            case "--cpus": s.Cpus = v; break;
            case "--pids-limit": s.PidsLimit = v; break;
            case "--health-cmd": s.HealthCmd = v; break;
            case "--health-interval": s.HealthInterval = v; break;
            case "--health-timeout": s.HealthTimeout = v; break;
            case "--health-retries": s.HealthRetries = v; break;
            case "--health-start-period": s.HealthStartPeriod = v; break;
            case "--log-driver": s.LogDriver = v; break;
            case "--cap-add": s.CapAdd = Append(s.CapAdd, v); break;
            case "--cap-drop": s.CapDrop = Append(s.CapDrop, v); break;
            case "--network-alias": s.NetworkAliases = Append(s.NetworkAliases, v); break;
            case "--entrypoint":
                if (v.Length == 0)
                    Problems.Add("--entrypoint '' (no entrypoint at all) is not converted: name the program to run instead.");
                // docker takes the whole value as one program name, spaces and all.
                s.Entrypoint = ShellQuote.Word(v);
                break;
            case "--env":
                if (KeyValue(v) is not { Key.Length: > 0 } env)
                    Problems.Add($"{written} {v}: without '=' docker takes the value from your shell, which Quayside cannot see. Write {v}=value.");
                else
                    Set(s.Env, env.Key, env.Value);
                break;
            case "--label":
                var (labelKey, labelValue) = KeyValue(v) ?? (v, "");
                if (labelKey.Length == 0)
                    Problems.Add($"{written} {v}: a label needs a key, e.g. com.example.team=web.");
                else
                    Set(s.Labels, labelKey, labelValue);
                break;
            case "--log-opt":
                if (KeyValue(v) is not { Key.Length: > 0 } opt)
                    Problems.Add($"--log-opt {v}: a log option is key=value, e.g. max-size=10m.");
                else
                    Set(s.LogOptions, opt.Key, opt.Value);
                break;
            case "--network":
                if (s.NetworkMode.Length > 0)
                    Problems.Add("A second --network is not converted: docker run connects one network; add the others to the compose file by hand.");
                else if (v.StartsWith("container:", StringComparison.Ordinal))
                    Problems.Add($"--network {v} (sharing another container's network) is not converted; add network_mode to the compose file by hand.");
                else
                    s.NetworkMode = v == "default" ? "" : v;
                break;
            case "--restart":
                var (policy, retries) = v.Split(':', 2) is [var p, var r] ? (p, r) : (v, "");
                s.RestartPolicy = policy;
                s.MaxRetries = retries;
                break;
            default:
                Add(RunLineMounts.Read(name, written, v, s));
                break;
        }
    }

    private void Add(string? problem)
    {
        if (problem is not null)
            Problems.Add(problem);
    }

    /// <summary>The checks of the create form that do not speak of its rows (the rows are checked as they are read).</summary>
    public void Check()
    {
        string[] rowFields = [RunField.Env, RunField.Labels, RunField.Binds, RunField.Volumes, RunField.Tmpfs, RunField.Ports];
        Problems.AddRange(RunSpecRules.Validate(Spec).Where(kv => !rowFields.Contains(kv.Key)).Select(kv => kv.Value));
        if ((Spec.Ports.Count > 0 || Spec.PublishAll) && Spec.NetworkMode is "host" or "none")
            Problems.Add($"Published ports have no effect with --network {Spec.NetworkMode}: remove -p/-P or the network.");
    }

    private static (string Key, string Value)? KeyValue(string text) =>
        text.Split('=', 2) is [var k, var v] ? (k, v) : null;

    private static string Append(string list, string item) => list.Length == 0 ? item : $"{list}, {item}";

    /// <summary>The last value given for a key wins, as in docker.</summary>
    private static void Set(List<KeyValueRow> rows, string key, string value)
    {
        rows.RemoveAll(r => r.Key == key);
        rows.Add(new KeyValueRow { Key = key, Value = value });
    }
}
