using System.Net;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;

namespace Quayside.Engine.Containers;

/// <summary>What <c>docker wait</c> saw: the exit code once the container stopped, or why it could not wait, in words.</summary>
public sealed record WaitResult(string Cli, long? ExitCode, string? Problem);

/// <summary><c>docker wait</c>: one engine request that the engine answers when the container stops.</summary>
public sealed class ContainerWait(HostModel model)
{
    private EngineClient Client => model.Client;

    /// <summary>
    /// Waits until the container is no longer running, for as long as that takes: no timeout of its own, the request
    /// (one engine connection, no thread) ends with the container or with <paramref name="ct"/>, which throws.
    /// </summary>
    public async Task<WaitResult> WaitAsync(string container, CancellationToken ct)
    {
        var cli = DockerCli.Wait(model.FindContainer(container)?.Name ?? container);
        try
        {
            var (_, body) = await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerWait(container, "not-running"),
                ct: ct, timeout: Timeout.InfiniteTimeSpan);
            var code = body?["StatusCode"]?.GetValue<long>();
            if (body?["Error"]?["Message"]?.GetValue<string>() is { Length: > 0 } error)
                return new WaitResult(cli, code, EngineErrorTranslator.FromEngine(HttpStatusCode.InternalServerError, error).ToString());
            return new WaitResult(cli, code, code is null ? "The engine ended the wait without an exit code." : null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new WaitResult(cli, null, EngineErrorTranslator.Translate(e, Client.Endpoint).ToString());
        }
    }
}
