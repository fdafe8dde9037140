using Quayside.Engine.Containers;

namespace Quayside.Engine.Tests.Containers.Update;

/// <summary>The update form's checks: what is wrong and what is accepted, before anything reaches the engine.</summary>
public class UpdateRulesTests
{
    private static UpdateTarget Target(Action<UpdateSpec>? now = null, bool autoRemove = false, bool cpuQuota = false)
    {
        var current = new UpdateSpec();
        now?.Invoke(current);
        return new UpdateTarget("0123456789ab", "web", "running", autoRemove, cpuQuota, current);
    }

    private static Dictionary<string, string> Check(UpdateTarget target, Action<UpdateSpec> edit)
    {
        var wanted = target.Current.Clone();
        edit(wanted);
        return UpdateRules.Validate(target, wanted);
    }

    [Theory]
    [InlineData(UpdateField.Memory, "lots", "'lots' is not a size for the memory limit: use a number of bytes, or a number with a unit k, m, g, t")]
    [InlineData(UpdateField.Memory, "1m", "The memory limit 1,048,576 bytes (1 MiB) is below the engine's minimum of 6 MiB.")]
    [InlineData(UpdateField.Cpus, "-1", "'-1' is not a number of CPUs: use a positive number such as 0.5, 1 or 2.5.")]
    [InlineData(UpdateField.Cpus, "two", "'two' is not a number of CPUs")]
    [InlineData(UpdateField.PidsLimit, "0", "'0' is not a PIDs limit: use a whole number above 0, or -1 for unlimited.")]
    [InlineData(UpdateField.CpuShares, "1", "'1' is not a CPU shares value: use a whole number from 2 to 262144")]
    [InlineData(UpdateField.CpusetCpus, "0-", "'0-' is not a list of CPUs: use numbers and ranges separated by commas, e.g. 0-3 or 0,2.")]
    [InlineData(UpdateField.CpusetMems, "all", "'all' is not a list of memory nodes")]
    [InlineData(UpdateField.BlkioWeight, "5", "'5' is not a block I/O weight: use a whole number from 10 to 1000.")]
    [InlineData(UpdateField.MemoryReservation, "a bit", "'a bit' is not a size for the memory reservation")]
    public void A_bad_value_says_what_is_wrong_and_what_is_accepted(string field, string value, string message)
    {
        var errors = Check(Target(), s => typeof(UpdateSpec).GetProperties().Single(p => Field(p.Name) == field).SetValue(s, value));
        Assert.StartsWith(message, errors[field]);
    }

    private static string Field(string property) => property switch
    {
        nameof(UpdateSpec.Memory) => UpdateField.Memory,
        nameof(UpdateSpec.MemoryReservation) => UpdateField.MemoryReservation,
        nameof(UpdateSpec.Cpus) => UpdateField.Cpus,
        nameof(UpdateSpec.PidsLimit) => UpdateField.PidsLimit,
        nameof(UpdateSpec.CpuShares) => UpdateField.CpuShares,
        nameof(UpdateSpec.CpusetCpus) => UpdateField.CpusetCpus,
        nameof(UpdateSpec.CpusetMems) => UpdateField.CpusetMems,
        nameof(UpdateSpec.BlkioWeight) => UpdateField.BlkioWeight,
        _ => "",
    };

    [Fact]
    public void Restart_rules_are_the_create_forms()
    {
        Assert.Equal("A maximum retry count works only with the on-failure policy: choose on-failure, or clear the count.",
            Check(Target(), s => (s.RestartPolicy, s.MaxRetries) = ("always", "3"))[UpdateField.Restart]);
        Assert.Equal("'x' is not a retry count: use a whole number, 0 for unlimited.",
            Check(Target(), s => (s.RestartPolicy, s.MaxRetries) = ("on-failure", "x"))[UpdateField.Restart]);
        Assert.Equal("'sometimes' is not a restart policy: use no, always, unless-stopped or on-failure.",
            Check(Target(), s => s.RestartPolicy = "sometimes")[UpdateField.Restart]);
        Assert.StartsWith("This container is removed when it exits (--rm)",
            Check(Target(autoRemove: true), s => s.RestartPolicy = "always")[UpdateField.Restart]);
    }

    [Fact]
    public void Memory_and_swap_are_checked_together()
    {
        var limited = Target(s => (s.Memory, s.MemorySwap) = ("64m", "128m"));
        Assert.StartsWith("Memory + swap (33,554,432 bytes (32 MiB)) is below the memory limit (67,108,864 bytes (64 MiB))",
            Check(limited, s => s.MemorySwap = "32m")[UpdateField.MemorySwap]);
        Assert.StartsWith("Memory + swap (134,217,728 bytes (128 MiB)) is below the memory limit (268,435,456 bytes (256 MiB))",
            Check(limited, s => s.Memory = "256m")[UpdateField.MemorySwap]);
        Assert.StartsWith("The reservation (100,663,296 bytes (96 MiB)) is above the limit",
            Check(limited, s => s.MemoryReservation = "96m")[UpdateField.MemoryReservation]);
        Assert.StartsWith("A new memory limit needs memory + swap set with it",
            Check(Target(), s => s.Memory = "64m")[UpdateField.MemorySwap]);
        Assert.Equal("Memory + swap needs a memory limit: set the memory limit too, or clear this field.",
            Check(Target(), s => s.MemorySwap = "-1")[UpdateField.MemorySwap]);
        Assert.Empty(Check(Target(), s => (s.Memory, s.MemorySwap) = ("64m", "-1")));
        Assert.Empty(Check(limited, s => s.Memory = "100m"));
    }

    [Fact]
    public void A_limit_cannot_be_lifted_by_clearing_it_and_the_message_says_what_to_do_instead()
    {
        var target = Target(s => (s.Memory, s.MemorySwap, s.Cpus, s.CpusetCpus) = ("64m", "128m", "1", "0"));
        var errors = Check(target, s => (s.Memory, s.Cpus, s.CpusetCpus) = ("", "", ""));
        Assert.StartsWith("The memory limit cannot be removed from an existing container (the engine reads an empty value as \"keep\"): set a larger limit instead",
            errors[UpdateField.Memory]);
        Assert.Contains("set it to as many CPUs as the host has instead", errors[UpdateField.Cpus]);
        Assert.Contains("list every CPU of the host, e.g. 0-3 instead", errors[UpdateField.CpusetCpus]);
        // The PIDs limit can be lifted: empty means unlimited.
        Assert.Empty(Check(Target(s => s.PidsLimit = "50"), s => s.PidsLimit = ""));
    }

    [Fact]
    public void A_value_the_container_already_has_is_not_the_users_doing_and_is_not_flagged()
    {
        var odd = Target(s => (s.Memory, s.MemorySwap, s.MemoryReservation) = ("64m", "128m", "96m")); // the engine allowed it
        Assert.Empty(Check(odd, s => s.PidsLimit = "100"));
        Assert.Contains(UpdateField.MemoryReservation, Check(odd, s => s.Memory = "80m").Keys);
    }

    [Fact]
    public void Cpus_cannot_replace_a_cfs_quota_and_the_message_says_how_to_get_there()
    {
        var errors = Check(Target(cpuQuota: true), s => s.Cpus = "1");
        Assert.StartsWith("This container's CPU limit was set as a CFS period and quota (--cpu-period, --cpu-quota)", errors[UpdateField.Cpus]);
        Assert.Contains("Duplicate/Edit", errors[UpdateField.Cpus]);
    }
}
