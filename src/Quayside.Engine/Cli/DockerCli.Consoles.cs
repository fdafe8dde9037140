using Quayside.Engine.Consoles;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    public static string Exec(string container, ExecRequest request)
    {
        var words = new List<string> { "docker", "exec", "-it" };
        if (!string.IsNullOrEmpty(request.User))
            words.AddRange(["-u", request.User]);
        if (!string.IsNullOrEmpty(request.WorkingDir))
            words.AddRange(["-w", request.WorkingDir]);
        foreach (var env in request.EnvOrEmpty)
            words.AddRange(["-e", env]);
        words.Add(container);
        words.AddRange(request.Argv ?? [request.Command]);
        return ShellQuote.Join(words);
    }

    public static string Attach(string container) =>
        ShellQuote.Join(["docker", "attach", "--detach-keys", ConsoleService.DetachKeys, container]);

    /// <summary>The copy of busybox into a container: a tar holding .quayside/busybox and the link .quayside/sh, unpacked at /.</summary>
    public static string CopyBusybox(string container, string busyboxFile) =>
        $"tar -c --transform 's,^,.quayside/,' -C {ShellQuote.Word(Path.GetDirectoryName(busyboxFile) ?? ".")} busybox | docker cp - {ShellQuote.Word(container + ":/")}"
        + $" && docker exec {ShellQuote.Word(container)} /.quayside/busybox ln -s busybox /.quayside/sh";
}
