using System.Diagnostics;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;

namespace Quayside.Engine.Hosts;

/// <summary>What "Test connection" found: the engine's versions and the round trip, or the problem in words.</summary>
public sealed record HostProbeResult(EngineVersion? Version, TimeSpan RoundTrip, EngineProblem? Problem, string? HostKeyToConfirm = null)
{
    public bool Ok => Version is not null;
}

public static class HostProbe
{
    /// <summary>Asks the engine for its version over its transport; an SSH host whose key is not pinned yet returns the key to confirm.</summary>
    public static async Task<HostProbeResult> TestAsync(EngineEndpoint endpoint, CancellationToken ct)
    {
        try
        {
            using var client = new EngineClient(endpoint);
            var clock = Stopwatch.StartNew();
            var version = await client.GetAsync<EngineVersion>(EngineRoutes.Version(), ct, TimeSpan.FromSeconds(20));
            var first = clock.Elapsed;
            // The first call pays for the connection (and an SSH or TLS handshake); the second is the round trip a page sees.
            clock.Restart();
            await client.GetAsync<EngineVersion>(EngineRoutes.Version(), ct, TimeSpan.FromSeconds(20));
            return new HostProbeResult(version, TimeSpan.FromTicks(Math.Min(first.Ticks, clock.Elapsed.Ticks)), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var key = FindHostKey(e);
            return new HostProbeResult(null, TimeSpan.Zero, EngineErrorTranslator.Translate(e, endpoint), key is { Pinned: null } ? key.Seen : null);
        }
    }

    private static SshHostKeyException? FindHostKey(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SshHostKeyException key)
                return key;
        return null;
    }
}
