using Quayside.Engine.Model;

namespace Quayside.Engine.Networks;

/// <summary>What a network prune would remove, from the live model.</summary>
public static class NetworkQuery
{
    /// <summary>
    /// What <c>docker network prune</c> removes: every network but bridge/host/none without an active endpoint. A stopped
    /// container holds no endpoint, so a network only stopped containers use goes too (measured on engine 20.10).
    /// </summary>
    public static IReadOnlyList<NetworkSummary> PruneCandidates(HostModel model, string? label = null) =>
        [.. model.Networks.Values
            .Where(n => !n.IsPredefined && !n.Ingress && !HasActiveEndpoints(model, n) && LabelMatch.Matches(n.LabelsOrEmpty, label))
            .OrderBy(n => n.Name, StringComparer.Ordinal)];

    public static bool HasActiveEndpoints(HostModel model, NetworkSummary network) =>
        model.ContainersOnNetwork(network.Name).Any(c => c.State is "running" or "paused" or "restarting");
}
