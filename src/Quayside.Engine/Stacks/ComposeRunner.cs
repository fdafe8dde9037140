using System.Diagnostics;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Stacks;

/// <summary>What a compose command printed (stdout and stderr in the order they came) and how it ended.</summary>
public sealed record ComposeResult(string Line, int ExitCode, IReadOnlyList<string> Output)
{
    public bool Ok => ExitCode == 0;

    public string Text => string.Join('\n', Output);
}

/// <summary>
/// Runs the real compose CLI for one host: on this machine, pointed at the host through <c>DOCKER_HOST</c> (the
/// engine's own socket, or for a remote engine a private socket that forwards over its transport).
/// </summary>
public sealed class ComposeRunner(EngineClient client) : IAsyncDisposable
{
    private static readonly string[] Inherited = ["COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES", "COMPOSE_PATH_SEPARATOR",
        "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_API_VERSION", "COMPOSE_API_VERSION"];
    private readonly Lock _gate = new();
    private EngineSocketProxy? _proxy;

    public ComposeProgram? Program { get; init; } = ComposeProgram.Installed;

    public ComposeProgram RequireProgram() => Program ?? throw new ComposeMissingException();

    /// <summary>The line a command runs; where no compose CLI is installed, the line it would run with compose v2.</summary>
    public string Line(ComposeProject project, IEnumerable<string> command) => DockerCli.Compose(Program ?? NoneInstalled, project, command);

    private static readonly ComposeProgram NoneInstalled = new(["docker", "compose"], "");

    /// <param name="onLine">Called with each line of output as it comes (on a background thread).</param>
    /// <param name="stdin">Text written to the program's input, then closed.</param>
    public async Task<ComposeResult> RunAsync(ComposeProject project, IReadOnlyList<string> command, Action<string>? onLine = null,
        CancellationToken ct = default, string? stdin = null)
    {
        var words = DockerCli.ComposeWords(RequireProgram(), project, command);
        var start = new ProcessStartInfo(words[0])
        {
            WorkingDirectory = Directory.Exists(project.Directory) ? project.Directory : Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var w in words.Skip(1))
            start.ArgumentList.Add(w);
        foreach (var name in Inherited)
            start.Environment.Remove(name);
        start.Environment["DOCKER_HOST"] = DockerHost();
        if (client.Endpoint.ApiVersion is { } pinned)
        {
            start.Environment["DOCKER_API_VERSION"] = pinned.ToString();
            start.Environment["COMPOSE_API_VERSION"] = pinned.ToString();
        }
        start.Environment["COMPOSE_INTERACTIVE_NO_CLI"] = "1";
        start.Environment["NO_COLOR"] = "1";

        var output = new List<string>();
        void Take(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.Add(line);
            onLine?.Invoke(line);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output)
            return new ComposeResult(ShellQuote.Join(words), process.ExitCode, output.ToList());
    }

    private string DockerHost()
    {
        if (client.Endpoint.Transport == EngineTransport.Unix)
            return client.Endpoint.Address;
        lock (_gate)
            return (_proxy ??= new EngineSocketProxy(client.Endpoint)).DockerHost;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
            await _proxy.DisposeAsync();
    }
}

public sealed class ComposeMissingException() : Exception(ComposeProgram.Missing);
