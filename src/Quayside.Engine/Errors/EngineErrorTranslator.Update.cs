using System.Globalization;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Errors;

/// <summary>The engine's refusals of <c>docker update</c> (resource limits), each on the update form's field.</summary>
public static partial class EngineErrorTranslator
{
    private static (Regex Pattern, Func<Match, EngineProblem> Phrase)[] UpdateRefusals() =>
    [
        (MemoryBelowUsage(), m => new($"The memory limit {Binary(m.Groups[1].Value)} is below what the container uses now ({Binary(m.Groups[2].Value)}).",
            "Set a limit above its current use, or free memory inside the container first.", "memory")),
        (MemoryAboveSwap(), _ => new("The new memory limit is above the container's memory + swap limit.",
            "Change memory + swap at the same time: at least the memory limit, or -1 for unlimited swap.", "memory-swap")),
        (SwapBelowMemory(), _ => new("Memory + swap is below the memory limit (it counts memory and swap together).",
            "Make it at least the memory limit, or -1 for unlimited swap.", "memory-swap")),
        (SwapWithoutMemory(), _ => new("Memory + swap needs a memory limit.", "Set the memory limit too.", "memory-swap")),
        (SwapWriteRefused(), _ => new("The kernel refused the memory + swap limit: it must be at least the memory limit, and the container needs a memory limit.",
            "Set both, memory + swap at least the memory limit, or -1 for unlimited swap.", "memory-swap")),
        (ReservationAboveLimit(), _ => new("The memory reservation is above the memory limit.", "Make it smaller or equal.", "memory-reservation")),
        (CpuQuotaConflict(), _ => new("This container's CPU limit was set as a CFS period and quota (--cpu-period, --cpu-quota), which --cpus cannot replace.",
            "Recreate it with a number of CPUs on the Duplicate/Edit tab.", "cpus")),
        (CpusetUnavailable(), m => new($"The CPUs {m.Groups[1].Value} are not all on this host: it has CPUs {m.Groups[2].Value}.", "List only those.", "cpuset-cpus")),
        (MemsUnavailable(), m => new($"The memory nodes {m.Groups[1].Value} are not all on this host: it has {m.Groups[2].Value}.", "List only those.", "cpuset-mems")),
        (CpusetInvalid(), m => new($"'{m.Groups[1].Value}' is not a list the engine reads as {(m.Groups[2].Value == "cpus" ? "CPUs" : "memory nodes")}.",
            "Use numbers and ranges separated by commas, e.g. 0-3 or 0,2.", m.Groups[2].Value == "cpus" ? "cpuset-cpus" : "cpuset-mems")),
        (CpuSharesRange(), m => new($"The kernel accepts CPU shares of {(m.Groups[1].Value.Equals("minimum", StringComparison.OrdinalIgnoreCase) ? "at least" : "at most")} {m.Groups[2].Value}.",
            "1024 is the default weight.", "cpu-shares")),
        (BlkioWeightRange(), _ => new("The block I/O weight is out of range.", "Use a whole number from 10 to 1000.", "blkio-weight")),
        (RestartWithAutoRemove(), _ => new("This container is removed when it exits (--rm), so the engine does not let it have a restart policy.", "Keep the policy no.", "restart")),
    ];

    /// <summary>A byte count from an engine message, in binary units (the CLI's own), e.g. 40.4 MiB.</summary>
    private static string Binary(string bytes)
    {
        if (!double.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return bytes;
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    [GeneratedRegex(@"unable to set memory limit to (\d+) \(current usage: (\d+)", RegexOptions.IgnoreCase)] private static partial Regex MemoryBelowUsage();
    [GeneratedRegex(@"Memory limit should be smaller than already set memoryswap limit", RegexOptions.IgnoreCase)] private static partial Regex MemoryAboveSwap();
    [GeneratedRegex(@"Minimum memoryswap limit should be larger than memory limit", RegexOptions.IgnoreCase)] private static partial Regex SwapBelowMemory();
    [GeneratedRegex(@"You should always set the Memory limit when using Memoryswap limit", RegexOptions.IgnoreCase)] private static partial Regex SwapWithoutMemory();
    [GeneratedRegex(@"memory\.memsw\.limit_in_bytes: (?:invalid argument|device or resource busy)", RegexOptions.IgnoreCase)] private static partial Regex SwapWriteRefused();
    [GeneratedRegex(@"Minimum memory limit can not be less than memory reservation limit", RegexOptions.IgnoreCase)] private static partial Regex ReservationAboveLimit();
    [GeneratedRegex(@"Nano CPUs cannot be updated as CPU (?:Period|Quota) has already been set|Nano CPUs and CPU (?:Period|Quota) cannot both be set", RegexOptions.IgnoreCase)] private static partial Regex CpuQuotaConflict();
    [GeneratedRegex(@"Requested CPUs are not available - requested (\S+), available: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex CpusetUnavailable();
    [GeneratedRegex(@"Requested memory nodes are not available - requested (\S+), available: (\S+)", RegexOptions.IgnoreCase)] private static partial Regex MemsUnavailable();
    [GeneratedRegex(@"Invalid value (\S+) for cpuset (cpus|mems)", RegexOptions.IgnoreCase)] private static partial Regex CpusetInvalid();
    [GeneratedRegex(@"the (minimum|maximum) allowed cpu-shares is (\d+)", RegexOptions.IgnoreCase)] private static partial Regex CpuSharesRange();
    [GeneratedRegex(@"Range of blkio weight is from", RegexOptions.IgnoreCase)] private static partial Regex BlkioWeightRange();
    [GeneratedRegex(@"Restart policy cannot be updated because AutoRemove is enabled", RegexOptions.IgnoreCase)] private static partial Regex RestartWithAutoRemove();
}
