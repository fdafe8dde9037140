using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Stacks;

/// <summary>The values of -v, --mount, --tmpfs and -p, read into the form's rows.</summary>
internal static partial class RunLineMounts
{
    /// <returns>The problem, or null when the row was added.</returns>
    public static string? Read(string name, string written, string v, RunSpec s) => name switch
    {
        "--volume" => Volume(written, v, s),
        "--mount" => Mount(v, s),
        "--tmpfs" => Tmpfs(v, s),
        "--publish" => Port(written, v, s),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a mount or port option"),
    };

    private static string? Volume(string written, string v, RunSpec s)
    {
        var parts = v.Split(':');
        if (parts.Length == 1 || parts.Length == 2 && !parts[1].StartsWith('/'))
            return $"{written} {v} makes an anonymous volume, which compose would not find again: name it, e.g. {written} data:{parts[0]}.";
        if (parts.Length > 3)
            return $"{written} {v}: a volume is source:target[:ro], and this has {parts.Length - 1} colons.";
        var modes = parts.Length == 3 ? parts[2].Split(',') : [];
        if (modes.FirstOrDefault(m => m is not ("ro" or "rw")) is { } mode)
            return $"{written} {v}: the mode '{mode}' is not converted (only ro and rw are); add it to the compose file by hand.";
        return Add(written + " " + v, new MountRow { Source = parts[0], Target = parts[1], ReadOnly = modes.Contains("ro") }, s);
    }

    private static string? Add(string what, MountRow row, RunSpec s)
    {
        if (!row.Target.StartsWith('/'))
            return $"{what}: the container path '{row.Target}' must be absolute, e.g. /data.";
        if (IsPath(row.Source))
            s.Binds.Add(row);
        else if (VolumeName().IsMatch(row.Source))
            s.Volumes.Add(row);
        else
            return $"{what}: '{row.Source}' is neither a path (/srv/site, ./site) nor a volume name (letters, digits, '_', '.' and '-').";
        return null;
    }

    private static string? Mount(string v, RunSpec s)
    {
        string type = "volume", source = "", target = "", size = "", mode = "";
        var readOnly = false;
        foreach (var field in v.Split(','))
        {
            var (key, value) = field.Split('=', 2) is [var k, var x] ? (k.Trim(), x.Trim()) : (field.Trim(), "");
            switch (key)
            {
                case "type": type = value; break;
                case "source" or "src": source = value; break;
                case "target" or "destination" or "dst": target = value; break;
                case "readonly" or "ro": readOnly = value is "" or "true" or "1"; break;
                case "tmpfs-size": size = value; break;
                case "tmpfs-mode": mode = value; break;
                default:
                    return $"--mount {v}: '{key}' is not converted; remove it or add the mount to the compose file by hand.";
            }
        }
        if (target.Length == 0)
            return $"--mount {v} names no target: add target=/path.";
        switch (type)
        {
            case "tmpfs":
                if (source.Length > 0)
                    return $"--mount {v}: a tmpfs mount has no source.";
                string[] options = [.. new[] { size.Length > 0 ? "size=" + size : "", mode.Length > 0 ? "mode=" + mode : "", readOnly ? "ro" : "" }.Where(o => o.Length > 0)];
                return Tmpfs(options.Length == 0 ? target : $"{target}:{string.Join(',', options)}", s);
            case "bind" or "volume":
                if (size.Length > 0 || mode.Length > 0)
                    return $"--mount {v}: tmpfs-size and tmpfs-mode are for type=tmpfs.";
                if (source.Length == 0)
                    return type == "bind" ? $"--mount {v} names no source: add source=/host/path."
                        : $"--mount {v} makes an anonymous volume, which compose would not find again: name it with source=NAME.";
                if (type == "bind" && !IsPath(source))
                    return $"--mount {v}: a bind mount's source is a path, e.g. /srv/site or ./site.";
                if (type == "volume" && !VolumeName().IsMatch(source))
                    return $"--mount {v}: '{source}' is not a volume name (letters, digits, '_', '.' and '-').";
                return Add("--mount " + v, new MountRow { Source = source, Target = target, ReadOnly = readOnly }, s);
            default:
                return $"--mount {v}: type={type} is not converted (bind, volume and tmpfs are).";
        }
    }

    private static string? Tmpfs(string v, RunSpec s)
    {
        var (target, options) = v.Split(':', 2) is [var t, var o] ? (t, o) : (v, "");
        if (!target.StartsWith('/'))
            return $"--tmpfs {v}: the path '{target}' must be absolute, e.g. /run.";
        s.Tmpfs.Add(new TmpfsRow { Target = target, Options = options });
        return null;
    }

    private static string? Port(string written, string v, RunSpec s)
    {
        var bad = $"{written} {v} is not a port mapping: use [ip:][host port:]container port[/udp], e.g. 127.0.0.1:8080:80.";
        var slash = v.LastIndexOf('/');
        var (spec, protocol) = slash < 0 ? (v, "tcp") : (v[..slash], v[(slash + 1)..]);
        string ip = "", host = "", container;
        if (spec.StartsWith('['))
        {
            var close = spec.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0 || spec[(close + 2)..].Split(':') is not [var h, var c])
                return bad;
            (ip, host, container) = (spec[1..close], h, c);
        }
        else
        {
            switch (spec.Split(':'))
            {
                case [var c]: container = c; break;
                case [var h, var c]: (host, container) = (h, c); break;
                case [var i, var h, var c]: (ip, host, container) = (i, h, c); break;
                default: return bad;
            }
        }
        if (host.Contains('-') || container.Contains('-'))
            return $"{written} {v}: port ranges are not converted; write one {written} per port.";
        if (!IsPort(container, 1) || host.Length > 0 && !IsPort(host, 0) || ip.Length > 0 && !IPAddress.TryParse(ip, out _))
            return bad;
        if (protocol is not ("tcp" or "udp" or "sctp"))
            return $"{written} {v}: the protocol '{protocol}' is unknown: use tcp, udp or sctp.";
        s.Ports.Add(new PortRow { HostIp = ip, HostPort = host, ContainerPort = container, Protocol = protocol });
        return null;
    }

    /// <summary>Compose reads ./x and ~/x as folders next to the compose file and in the home folder, so they are kept.</summary>
    private static bool IsPath(string source) =>
        source.StartsWith('/') || source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)
        || source.StartsWith("~/", StringComparison.Ordinal) || source is "." or "..";

    private static bool IsPort(string text, int lowest) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= lowest && p <= 65535;

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")] private static partial Regex VolumeName();
}
