using System.Globalization;
using System.Text.RegularExpressions;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Containers;

/// <summary>
/// Checks a <c>docker update</c> form against the container it changes. The fields the create form has use its rules
/// (<see cref="RunSpecRules"/>); the rest are the engine's own limits. Only changed fields are checked (a value the engine
/// already holds is not the user's doing); each message says what is wrong and what is accepted.
/// </summary>
public static partial class UpdateRules
{
    public static Dictionary<string, string> Validate(UpdateTarget target, UpdateSpec s)
    {
        var was = target.Current;
        var changed = UpdateChanges.Between(was, s).Select(c => c.Field).ToHashSet();
        var e = new Dictionary<string, string>();
        void Add(string field, string? problem, params string[] concerns)
        {
            if (problem is not null && (changed.Contains(field) || concerns.Any(changed.Contains) || Cleared(field, was, s)))
                e[field] = e.TryGetValue(field, out var before) ? before + " " + problem : problem;
        }

        var policy = s.RestartPolicy.Trim();
        Add(UpdateField.Restart, policy.Length == 0 ? "Choose a restart policy: no, always, unless-stopped or on-failure." : RunSpecRules.Restart(policy, s.MaxRetries, autoRemove: false));
        if (target.AutoRemove && policy != "no")
            Add(UpdateField.Restart, "This container is removed when it exits (--rm), so the engine does not let it have a restart policy: keep no.");

        Add(UpdateField.Memory, RunSpecRules.Memory(s.Memory, "memory limit", RunSpecRules.MinimumMemory));
        Add(UpdateField.Memory, CannotLift(was.Memory, s.Memory, "The memory limit", "set a larger limit"));
        Add(UpdateField.MemoryReservation, RunSpecRules.Memory(s.MemoryReservation, "memory reservation", 0));
        Add(UpdateField.MemoryReservation, RunSpecRules.ReservationAboveLimit(s.Memory, s.MemoryReservation), UpdateField.Memory);
        Add(UpdateField.MemoryReservation, CannotLift(was.MemoryReservation, s.MemoryReservation, "The memory reservation", "set it as high as the memory limit"));
        Add(UpdateField.MemorySwap, Swap(s), UpdateField.Memory);
        Add(UpdateField.MemorySwap, CannotLift(was.MemorySwap, s.MemorySwap, "The memory + swap limit", "use -1 for unlimited swap"));

        Add(UpdateField.Cpus, RunSpecRules.Cpus(s.Cpus));
        Add(UpdateField.Cpus, CannotLift(was.Cpus, s.Cpus, "The CPU limit", "set it to as many CPUs as the host has"));
        if (target.CpuQuotaSet)
            Add(UpdateField.Cpus, "This container's CPU limit was set as a CFS period and quota (--cpu-period, --cpu-quota), which the engine does not let --cpus replace. Recreate it with a number of CPUs on the Duplicate/Edit tab.");
        Add(UpdateField.CpuShares, CpuShares(s.CpuShares));
        Add(UpdateField.CpuShares, CannotLift(was.CpuShares, s.CpuShares, "The CPU shares", "set 1024, the default weight"));
        Add(UpdateField.CpusetCpus, CpuList(s.CpusetCpus, "CPUs", "0-3 or 0,2"));
        Add(UpdateField.CpusetCpus, CannotLift(was.CpusetCpus, s.CpusetCpus, "The CPU set", "list every CPU of the host, e.g. 0-3"));
        Add(UpdateField.CpusetMems, CpuList(s.CpusetMems, "memory nodes", "0 or 0-1"));
        Add(UpdateField.CpusetMems, CannotLift(was.CpusetMems, s.CpusetMems, "The memory node set", "list every memory node of the host, e.g. 0"));

        Add(UpdateField.PidsLimit, RunSpecRules.PidsLimit(s.PidsLimit));
        Add(UpdateField.BlkioWeight, BlkioWeight(s.BlkioWeight));
        Add(UpdateField.BlkioWeight, CannotLift(was.BlkioWeight, s.BlkioWeight, "The block I/O weight", "set 500, the usual default"));
        return e;
    }

    public static string? CpuShares(string text) =>
        text.Trim() is { Length: > 0 } t && !(long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 2 and <= 262_144)
            ? $"'{t}' is not a CPU shares value: use a whole number from 2 to 262144 (1024 is the default weight; 512 gets half as much CPU under contention)."
            : null;

    public static string? BlkioWeight(string text) =>
        text.Trim() is { Length: > 0 } t && !(long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 10 and <= 1000)
            ? $"'{t}' is not a block I/O weight: use a whole number from 10 to 1000."
            : null;

    /// <summary>A cpuset list as the kernel reads it: numbers and ranges separated by commas.</summary>
    public static string? CpuList(string text, string what, string example) =>
        text.Trim() is { Length: > 0 } t && !CpuListPattern().IsMatch(t)
            ? $"'{t}' is not a list of {what}: use numbers and ranges separated by commas, e.g. {example}."
            : null;

    /// <summary>Memory+swap: -1 or a size, at least the memory limit, and only with a memory limit.</summary>
    private static string? Swap(UpdateSpec s)
    {
        var t = s.MemorySwap.Trim();
        var memory = MemorySize.Parse(s.Memory);
        if (t.Length == 0)
            return memory is > 0 ? "A new memory limit needs memory + swap set with it (the engine refuses one without the other here): use e.g. twice the memory limit, or -1 for unlimited swap." : null;
        if (t != "-1" && RunSpecRules.Memory(t, "memory + swap limit", RunSpecRules.MinimumMemory) is { } problem)
            return problem + " Or use -1 for unlimited swap.";
        if (s.Memory.Trim().Length == 0)
            return "Memory + swap needs a memory limit: set the memory limit too, or clear this field.";
        return UpdateChanges.Swap(t) is > 0 and var swap && memory is { } limit && swap < limit
            ? $"Memory + swap ({MemorySize.Describe(swap)}) is below the memory limit ({MemorySize.Describe(limit)}): it counts memory and swap together, so make it at least the memory limit, or -1 for unlimited swap."
            : null;
    }

    /// <summary>An emptied field: the engine reads an absent or zero value as "keep", so a limit cannot be lifted by clearing it.</summary>
    private static string? CannotLift(string was, string now, string what, string instead) =>
        was.Trim().Length > 0 && now.Trim().Length == 0
            ? $"{what} cannot be removed from an existing container (the engine reads an empty value as \"keep\"): {instead} instead, or recreate the container without it on the Duplicate/Edit tab."
            : null;

    private static bool Cleared(string field, UpdateSpec was, UpdateSpec now) => field switch
    {
        UpdateField.Memory => was.Memory.Trim().Length > 0 && now.Memory.Trim().Length == 0,
        UpdateField.MemoryReservation => was.MemoryReservation.Trim().Length > 0 && now.MemoryReservation.Trim().Length == 0,
        UpdateField.MemorySwap => was.MemorySwap.Trim().Length > 0 && now.MemorySwap.Trim().Length == 0,
        UpdateField.Cpus => was.Cpus.Trim().Length > 0 && now.Cpus.Trim().Length == 0,
        UpdateField.CpuShares => was.CpuShares.Trim().Length > 0 && now.CpuShares.Trim().Length == 0,
        UpdateField.CpusetCpus => was.CpusetCpus.Trim().Length > 0 && now.CpusetCpus.Trim().Length == 0,
        UpdateField.CpusetMems => was.CpusetMems.Trim().Length > 0 && now.CpusetMems.Trim().Length == 0,
        UpdateField.BlkioWeight => was.BlkioWeight.Trim().Length > 0 && now.BlkioWeight.Trim().Length == 0,
        _ => false,
    };

    [GeneratedRegex(@"^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$")] private static partial Regex CpuListPattern();
}
