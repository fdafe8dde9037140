using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Consoles;

/// <summary>Terminals in containers: exec with a TTY, attach to the main process, finding a shell, and adding one when there is none.</summary>
public sealed class ConsoleService(EngineClient client, ILogger<ConsoleService>? log = null)
{
    public const string DetachKeys = "ctrl-p,ctrl-q";
    public const string QuaysideDir = "/.quayside";
    public const string QuaysideShell = QuaysideDir + "/sh";
    private const string MarkerName = "QUAYSIDE_CONSOLE";
    private readonly ILogger _log = log ?? NullLogger<ConsoleService>.Instance;

    public EngineClient Client => client;

    /// <summary>The first of /bin/bash, /bin/sh, /bin/ash (then Quayside's own copied shell) the container has; null when none.</summary>
    public async Task<string?> FindShellAsync(string container, CancellationToken ct)
    {
        foreach (var shell in ExecRequest.DefaultShells.Append(QuaysideShell))
            if (await PathExistsAsync(container, shell, ct))
                return shell;
        return null;
    }

    /// <summary>Whether a path exists in the container's filesystem (the archive API answers this without a shell).</summary>
    public async Task<bool> PathExistsAsync(string container, string path, CancellationToken ct)
    {
        try
        {
            await client.SendContentAsync(HttpMethod.Head, EngineRoutes.ContainerArchive(container, path), null, ct);
            return true;
        }
        catch (EngineApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Creates an exec with a TTY of the given size and starts it on a hijacked connection.</summary>
    public async Task<ConsoleSession> StartExecAsync(string container, ExecRequest request, int rows, int cols, CancellationToken ct)
    {
        var marker = $"{MarkerName}={Guid.NewGuid():N}";
        var env = new JsonArray();
        if (!request.EnvOrEmpty.Any(e => e.StartsWith("TERM=", StringComparison.Ordinal)))
            env.Add("TERM=xterm-256color");
        foreach (var e in request.EnvOrEmpty.Append(marker))
            env.Add(e);
        var body = new JsonObject
        {
            ["AttachStdin"] = true, ["AttachStdout"] = true, ["AttachStderr"] = true, ["Tty"] = true,
            ["DetachKeys"] = "", // Ctrl-P is an ordinary key in a shell; only attach uses detach keys.
            ["Cmd"] = new JsonArray([.. (request.Argv ?? []).Select(a => (JsonNode?)a)]),
            ["Env"] = env,
        };
        if (!string.IsNullOrEmpty(request.User))
            body["User"] = request.User;
        if (!string.IsNullOrEmpty(request.WorkingDir))
            body["WorkingDir"] = request.WorkingDir;
        var (_, created) = await client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerExec(container), body, ct);
        var execId = created!["Id"]!.GetValue<string>();
        var connection = await HijackedConnection.OpenAsync(client, EngineRoutes.ExecStart(execId),
            new JsonObject { ["Detach"] = false, ["Tty"] = true }, ct);
        var session = new ConsoleSession(this, connection, container, execId, marker, multiplexed: false);
        await TryResizeAsync(session, rows, cols, ct);
        return session;
    }

    /// <summary>Attaches to the container's main process (docker attach), with the detach keys ctrl-p ctrl-q.</summary>
    public async Task<ConsoleSession> AttachAsync(string container, int rows, int cols, CancellationToken ct)
    {
        var inspect = await client.InspectContainerAsync(container, ct);
        var tty = inspect["Config"]?["Tty"]?.GetValue<bool>() == true;
        var connection = await HijackedConnection.OpenAsync(client,
            EngineRoutes.ContainerAttach(container, DetachKeys), null, ct);
        var session = new ConsoleSession(this, connection, container, null, null, multiplexed: !tty);
        if (tty)
            await TryResizeAsync(session, rows, cols, ct);
        return session;
    }

    internal Task ResizeAsync(ConsoleSession session, int rows, int cols, CancellationToken ct)
    {
        (rows, cols) = (Math.Clamp(rows, 1, 1000), Math.Clamp(cols, 1, 1000));
        var path = session.ExecId is { } exec ? EngineRoutes.ExecResize(exec, rows, cols) : EngineRoutes.ContainerResize(session.ContainerId, rows, cols);
        return client.SendAsync(HttpMethod.Post, path, null, ct);
    }

    private async Task TryResizeAsync(ConsoleSession session, int rows, int cols, CancellationToken ct)
    {
        try
        {
            await ResizeAsync(session, rows, cols, ct);
        }
        catch (EngineApiException e)
        {
            // A command that failed to start, or ended at once, has no TTY left to size.
            _log.LogDebug("Resize of a console in {Container} refused: {Message}", session.ContainerId, e.EngineMessage);
        }
    }

    internal async Task<ConsoleEnd> OutcomeAsync(ConsoleSession session, string firstOutput, CancellationToken ct)
    {
        if (session.ExecId is not { } exec)
        {
            var state = (await client.InspectContainerAsync(session.ContainerId, ct))["State"];
            return state?["Running"]?.GetValue<bool>() == true ? new ConsoleEnd(null, Detached: true)
                : new ConsoleEnd(state?["ExitCode"]?.GetValue<int>());
        }
        JsonObject info;
        var deadline = DateTime.UtcNow.AddSeconds(2);
        // The engine can close the stream a moment before it records the exit code.
        while ((info = await client.GetAsync<JsonObject>(EngineRoutes.ExecInspect(exec), ct))["Running"]?.GetValue<bool>() == true && DateTime.UtcNow < deadline)
            await Task.Delay(20, ct);
        var code = info["ExitCode"]?.GetValue<int?>();
        return new ConsoleEnd(code, CommandNotFound: Errors.EngineErrorTranslator.IsCommandNotFound(code, firstOutput));
    }

    /// <summary>
    /// Ends an exec's processes: the engine has no exec kill, so a second exec sends SIGHUP (then SIGKILL) to every process
    /// carrying this session's marker; without a shell in the container, the host kills the exec's pid (SIGKILL) when it can see it.
    /// </summary>
    internal async Task EndProcessAsync(ConsoleSession session)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            if (!await ExecRunningAsync(session.ExecId!, cts.Token))
                return;
            var shell = await FindShellAsync(session.ContainerId, cts.Token);
            foreach (var signal in new[] { "HUP", "KILL" })
            {
                if (shell is not null)
                    await RunQuietAsync(session.ContainerId, [shell, "-c", KillScript(session.Marker!, signal)], cts.Token);
                else
                    await KillOnHostAsync(session, cts.Token);
                for (var i = 0; i < 25; i++)
                {
                    if (!await ExecRunningAsync(session.ExecId!, cts.Token))
                        return;
                    await Task.Delay(40, cts.Token);
                }
            }
            _log.LogWarning("The console's process in {Container} (exec {Exec}) is still running after SIGKILL.", session.ContainerId, session.ExecId);
        }
        catch (Exception e) when (e is EngineApiException or IOException or HttpRequestException or OperationCanceledException)
        {
            _log.LogWarning("Could not end the console's process in {Container}: {Message}", session.ContainerId, e.Message);
        }
    }

    private static string KillScript(string marker, string signal) =>
        "for p in /proc/[0-9]*; do if tr '\\0' '\\n' <$p/environ 2>/dev/null | grep -qx '" + marker + "'; then kill -" + signal + " ${p#/proc/} 2>/dev/null; fi; done; true";

    private async Task<bool> ExecRunningAsync(string execId, CancellationToken ct) =>
        (await client.GetAsync<JsonObject>(EngineRoutes.ExecInspect(execId), ct))["Running"]?.GetValue<bool>() == true;

    /// <summary>Runs a short command as root without a TTY and waits for its end.</summary>
    private async Task RunQuietAsync(string container, string[] argv, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["AttachStdout"] = true, ["AttachStderr"] = true, ["User"] = "0",
            ["Cmd"] = new JsonArray([.. argv.Select(a => (JsonNode?)a)]),
        };
        var (_, created) = await client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerExec(container), body, ct);
        await using var connection = await HijackedConnection.OpenAsync(client, EngineRoutes.ExecStart(created!["Id"]!.GetValue<string>()),
            new JsonObject { ["Detach"] = false, ["Tty"] = false }, ct);
        var sink = new byte[4096];
        while (await connection.ReadAsync(sink, ct) > 0)
        {
        }
    }

    private async Task KillOnHostAsync(ConsoleSession session, CancellationToken ct)
    {
        var pid = (await client.GetAsync<JsonObject>(EngineRoutes.ExecInspect(session.ExecId!), ct))["Pid"]?.GetValue<int>() ?? 0;
        var cgroup = $"/proc/{pid}/cgroup";
        // Only a process this host sees, inside this container: never a pid that means something else here.
        if (pid > 0 && File.Exists(cgroup) && (await File.ReadAllTextAsync(cgroup, ct)).Contains(await FullIdAsync(session.ContainerId, ct), StringComparison.Ordinal))
            KillProcess(pid);
        else
            _log.LogWarning("The console's process in {Container} has no shell to end it from and is not visible on this host; it keeps running.", session.ContainerId);
    }

    private static void KillProcess(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already, or not ours to kill.
        }
    }

    private async Task<string> FullIdAsync(string container, CancellationToken ct) =>
        (await client.InspectContainerAsync(container, ct))["Id"]!.GetValue<string>();

    /// <summary>The architecture of the container's image as Debian names it (amd64, arm64, ...).</summary>
    public async Task<string> ArchitectureAsync(string container, CancellationToken ct)
    {
        var image = (await client.InspectContainerAsync(container, ct))["Image"]!.GetValue<string>();
        var arch = (await client.InspectImageAsync(image, ct))["Architecture"]?.GetValue<string>() ?? "";
        return BusyboxFiles.Normalize(arch);
    }

    /// <summary>Copies busybox for the container's architecture to /.quayside/busybox with the link /.quayside/sh, through the archive API.</summary>
    /// <exception cref="BusyboxUnavailableException">The architecture is not one Quayside carries, or its file is missing.</exception>
    public async Task<string> InstallBusyboxAsync(string container, BusyboxFiles files, CancellationToken ct)
    {
        var arch = await ArchitectureAsync(container, ct);
        if (!BusyboxFiles.Architectures.Contains(arch))
            throw new BusyboxUnavailableException(
                $"The container's image is built for {(arch.Length == 0 ? "an unknown architecture" : arch)}; Quayside carries a static shell only for {string.Join(" and ", BusyboxFiles.Architectures)}, so it cannot add one to this container.");
        var source = files.PathFor(arch);
        if (!File.Exists(source))
            throw new BusyboxUnavailableException(
                $"The static busybox for {arch} is not at {source}. Run scripts/fetch-busybox.sh, or point {BusyboxFiles.Setting} at the folder holding <arch>/busybox.");

        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            const UnixFileMode executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, ".quayside/") { Mode = executable }, ct);
            await using var data = File.OpenRead(source);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ".quayside/busybox") { Mode = executable, DataStream = data, ModificationTime = DateTimeOffset.UtcNow }, ct);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, ".quayside/sh") { LinkName = "busybox", Mode = executable }, ct);
        }
        tar.Position = 0;
        var content = new StreamContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        await client.SendContentAsync(HttpMethod.Put, EngineRoutes.ContainerArchive(container, "/"), content, ct, TimeSpan.FromMinutes(2));
        return arch;
    }
}

/// <summary>Quayside has no static shell to copy into this container; the message says why.</summary>
public sealed class BusyboxUnavailableException(string message) : Exception(message);
