using System.Globalization;
using System.Text.Json.Nodes;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Containers;

/// <summary>
/// The <c>docker update</c> form as typed (text, so nothing typed is lost while it is invalid). Prefilled from the
/// container's inspect (<see cref="UpdateTarget"/>); an empty field means "no limit". <see cref="UpdateRules"/> checks
/// it and <see cref="UpdateChanges"/> lists what differs from the container, which is all that is sent.
/// </summary>
public sealed class UpdateSpec
{
    /// <summary>no, always, unless-stopped or on-failure.</summary>
    public string RestartPolicy { get; set; } = "no";
    public string MaxRetries { get; set; } = "";
    public string Memory { get; set; } = "";
    public string MemoryReservation { get; set; } = "";
    /// <summary>Memory and swap together; -1 for unlimited swap.</summary>
    public string MemorySwap { get; set; } = "";
    public string Cpus { get; set; } = "";
    public string CpuShares { get; set; } = "";
    public string CpusetCpus { get; set; } = "";
    public string CpusetMems { get; set; } = "";
    public string PidsLimit { get; set; } = "";
    public string BlkioWeight { get; set; } = "";

    public UpdateSpec Clone() => (UpdateSpec)MemberwiseClone();

    /// <summary>The values a container has now, from its inspect's HostConfig (0 and unset read as empty).</summary>
    public static UpdateSpec From(JsonNode? host)
    {
        var policy = Text(host?["RestartPolicy"]?["Name"]);
        return new UpdateSpec
        {
            RestartPolicy = policy is "" ? "no" : policy,
            MaxRetries = policy == "on-failure" && Long(host?["RestartPolicy"]?["MaximumRetryCount"]) is > 0 and var retries ? Invariant(retries) : "",
            Memory = Long(host?["Memory"]) is > 0 and var memory ? MemorySize.Short(memory) : "",
            MemoryReservation = Long(host?["MemoryReservation"]) is > 0 and var reservation ? MemorySize.Short(reservation) : "",
            MemorySwap = Long(host?["MemorySwap"]) switch { > 0 and var swap => MemorySize.Short(swap), -1 => "-1", _ => "" },
            Cpus = Long(host?["NanoCpus"]) is > 0 and var nano ? (nano / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture) : "",
            CpuShares = Long(host?["CpuShares"]) is > 0 and var shares ? Invariant(shares) : "",
            CpusetCpus = Text(host?["CpusetCpus"]),
            CpusetMems = Text(host?["CpusetMems"]),
            PidsLimit = Long(host?["PidsLimit"]) is > 0 and var pids ? Invariant(pids) : "",
            BlkioWeight = Long(host?["BlkioWeight"]) is > 0 and var weight ? Invariant(weight) : "",
        };
    }

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static long? Long(JsonNode? n) => n is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;
}

/// <summary>A container as the update form needs it: its names, state, the values it has now and whether it is --rm.</summary>
public sealed record UpdateTarget(string Id, string Name, string State, bool AutoRemove, bool CpuQuotaSet, UpdateSpec Current)
{
    public static UpdateTarget From(JsonNode inspect)
    {
        var host = inspect["HostConfig"];
        return new UpdateTarget(
            inspect["Id"]?.GetValue<string>() ?? "",
            (inspect["Name"]?.GetValue<string>() ?? "").TrimStart('/'),
            inspect["State"]?["Status"]?.GetValue<string>() ?? "",
            host?["AutoRemove"] is JsonValue v && v.TryGetValue<bool>(out var rm) && rm,
            host?["CpuPeriod"] is JsonValue p && p.TryGetValue<long>(out var period) && period > 0
                || host?["CpuQuota"] is JsonValue q && q.TryGetValue<long>(out var quota) && quota > 0,
            UpdateSpec.From(host));
    }
}

/// <summary>The update form's field names, shared by the rules, the engine-error mapping and the page. Those the
/// create form has too carry its names (<see cref="RunField"/>), so the engine's refusals land on the same field.</summary>
public static class UpdateField
{
    public const string Restart = RunField.Restart, Memory = RunField.Memory, MemoryReservation = RunField.MemoryReservation,
        MemorySwap = "memory-swap", Cpus = RunField.Cpus, CpuShares = "cpu-shares", CpusetCpus = "cpuset-cpus",
        CpusetMems = "cpuset-mems", PidsLimit = RunField.PidsLimit, BlkioWeight = "blkio-weight", General = RunField.General;

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        Restart, Memory, MemoryReservation, MemorySwap, Cpus, CpuShares, CpusetCpus, CpusetMems, PidsLimit, BlkioWeight, General,
    };
}
