using System.Globalization;
using System.Text.Json.Nodes;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Containers;

/// <summary>
/// One <c>docker update</c> option whose value differs from the container's: the field, the CLI flag and value as typed,
/// and the engine's body key and value (null while the text does not parse).
/// </summary>
public sealed record UpdateChange(string Field, string Flag, string CliValue, string ApiKey, JsonNode? ApiValue);

/// <summary>
/// What an update form changes, compared by value (512m and 512MiB are the same), in the CLI's order. Only these are
/// sent: the engine reads a missing or zero value as "keep". Clearing the PIDs limit sends -1 (unlimited).
/// </summary>
public static class UpdateChanges
{
    public static List<UpdateChange> Between(UpdateSpec current, UpdateSpec wanted)
    {
        var changes = new List<UpdateChange>();
        if (Restart(current) != Restart(wanted))
        {
            var policy = wanted.RestartPolicy.Trim();
            var retries = int.TryParse(wanted.MaxRetries.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
            var cli = policy == "on-failure" && wanted.MaxRetries.Trim().Length > 0 ? $"on-failure:{wanted.MaxRetries.Trim()}" : policy;
            changes.Add(new(UpdateField.Restart, "--restart", cli, "RestartPolicy",
                new JsonObject { ["Name"] = policy, ["MaximumRetryCount"] = retries }));
        }
        var memory = Add(changes, UpdateField.Memory, "--memory", "Memory", current.Memory, wanted.Memory, MemorySize.Parse);
        Add(changes, UpdateField.MemoryReservation, "--memory-reservation", "MemoryReservation", current.MemoryReservation, wanted.MemoryReservation, MemorySize.Parse);
        // The engine takes a new memory limit only together with memory+swap (unless it stays below the swap limit already
        // set): a memory change carries the swap field along even when that is unchanged.
        Add(changes, UpdateField.MemorySwap, "--memory-swap", "MemorySwap", memory ? "" : current.MemorySwap, wanted.MemorySwap, Swap);
        Add(changes, UpdateField.Cpus, "--cpus", "NanoCpus", current.Cpus, wanted.Cpus, RunSpecBody.NanoCpus);
        Add(changes, UpdateField.CpuShares, "--cpu-shares", "CpuShares", current.CpuShares, wanted.CpuShares, Whole);
        Add(changes, UpdateField.CpusetCpus, "--cpuset-cpus", "CpusetCpus", current.CpusetCpus, wanted.CpusetCpus, null);
        Add(changes, UpdateField.CpusetMems, "--cpuset-mems", "CpusetMems", current.CpusetMems, wanted.CpusetMems, null);
        // An empty field means unlimited, which the engine is told as -1 (an absent value would keep the limit).
        Add(changes, UpdateField.PidsLimit, "--pids-limit", "PidsLimit", Unlimited(current.PidsLimit), Unlimited(wanted.PidsLimit), Pids);
        Add(changes, UpdateField.BlkioWeight, "--blkio-weight", "BlkioWeight", current.BlkioWeight, wanted.BlkioWeight, Whole);
        return changes;
    }

    /// <summary>The engine's request body for the changes.</summary>
    public static JsonObject Body(IEnumerable<UpdateChange> changes) =>
        new(changes.Select(c => KeyValuePair.Create(c.ApiKey, c.ApiValue?.DeepClone())));

    /// <summary>The value a memory+swap text means: bytes, or -1 for unlimited swap.</summary>
    public static long? Swap(string text) => text.Trim() == "-1" ? -1 : MemorySize.Parse(text);

    private static (string, int) Restart(UpdateSpec s) =>
        (s.RestartPolicy.Trim(), s.RestartPolicy.Trim() == "on-failure" && int.TryParse(s.MaxRetries.Trim(), out var n) ? n : 0);

    /// <summary>Adds the option when the value differs (by value where it parses, else by text); true when added.</summary>
    private static bool Add(List<UpdateChange> changes, string field, string flag, string apiKey, string current, string wanted, Func<string, long?>? parse)
    {
        var (was, now) = (current.Trim(), wanted.Trim());
        if (now.Length == 0)
            return false; // nothing to send: a limit cannot be lifted this way (UpdateRules says so)
        var value = parse?.Invoke(now);
        var same = parse is null ? was == now : value is not null && value == parse(was);
        if (same)
            return false;
        changes.Add(new(field, flag, now, apiKey, parse is null ? JsonValue.Create(now) : value is { } v ? JsonValue.Create(v) : null));
        return true;
    }

    private static string Unlimited(string pids) => pids.Trim().Length == 0 ? "-1" : pids;

    private static long? Whole(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static long? Pids(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
