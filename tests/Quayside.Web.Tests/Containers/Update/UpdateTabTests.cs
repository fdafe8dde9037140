using Bunit;
using Quayside.Engine.Containers;
using Quayside.TestSupport;
using Quayside.Web.Containers.Update;
using Quayside.Web.Tests.Inspect;

namespace Quayside.Web.Tests.Containers.Update;

/// <summary>The container page's Update tab on a running container of the real engine.</summary>
public class UpdateTabTests : InspectPageTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_form_shows_the_current_limits_and_updating_sets_the_new_ones_that_docker_inspect_then_shows()
    {
        var name = await SleeperAsync("bu-upd", "--memory", "64m", "--memory-swap", "128m", "--pids-limit", "30");
        var page = Render<ContainerUpdatePage>(name);
        page.WaitForAssertion(() => Assert.Equal("64m", page.Find("[data-testid=update-memory]").GetAttribute("value")), Wait);
        Assert.Equal("Now: 30.", page.Find("[data-testid=update-pids-limit-now]").TextContent);
        Assert.Equal($"docker update {name}", page.Find("[data-testid=update-cli] .command").TextContent);

        await TriggerAsync(page, () => page.Find("[data-testid=update-memory]").Input("96m"));
        await TriggerAsync(page, () => page.Find("[data-testid=update-memory-swap]").Input("192m"));
        await TriggerAsync(page, () => page.Find("[data-testid=update-cpus]").Input("0.75"));
        await TriggerAsync(page, () => page.Find("[data-testid=update-restart]").Change("unless-stopped"));
        page.WaitForAssertion(() => Assert.Equal($"docker update --restart unless-stopped --memory 96m --memory-swap 192m --cpus 0.75 {name}",
            page.Find("[data-testid=update-cli] .command").TextContent));

        await TriggerAsync(page, () => page.Find("[data-testid=update-apply]").Click());
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=update-outcome]").GetAttribute("data-ok")), Wait);
        Assert.Equal("unless-stopped 100663296 201326592 750000000 30", await DockerCommand.InspectAsync(name,
            "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}"));
        // The form now starts from what the engine holds.
        page.WaitForAssertion(() => Assert.Equal("Now: 96m.", page.Find("[data-testid=update-memory-now]").TextContent));
        Assert.Equal($"docker update {name}", page.Find("[data-testid=update-cli] .command").TextContent);
    }

    [Fact]
    public async Task A_bad_value_says_what_is_wrong_next_to_its_field_and_nothing_is_sent()
    {
        var name = await SleeperAsync("bu-upd-bad");
        var page = Render<ContainerUpdatePage>(name);
        page.WaitForAssertion(() => page.Find("[data-testid=update-form]"), Wait);

        await TriggerAsync(page, () => page.Find("[data-testid=update-memory]").Input("lots"));
        await TriggerAsync(page, () => page.Find("[data-testid=update-cpu-shares]").Input("1"));
        page.WaitForAssertion(() => Assert.StartsWith("'lots' is not a size for the memory limit: use a number of bytes",
            page.Find($"[data-testid=error-{UpdateField.Memory}]").TextContent));
        Assert.StartsWith("'1' is not a CPU shares value: use a whole number from 2 to 262144", page.Find($"[data-testid=error-{UpdateField.CpuShares}]").TextContent);
        Assert.Contains("invalid", page.Find("[data-testid=update-memory]").ClassList);
        Assert.Equal("Some fields need correcting; the line shows what is typed.", page.Find("[data-testid=update-cli] .note").TextContent);

        await TriggerAsync(page, () => page.Find("[data-testid=update-apply]").Click());
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=update-outcome]").GetAttribute("data-ok")), Wait);
        Assert.Equal("0 0", await DockerCommand.InspectAsync(name, "{{.HostConfig.Memory}} {{.HostConfig.CpuShares}}"));
    }

    [Fact]
    public async Task The_engines_refusal_shows_in_words_next_to_the_field_it_concerns()
    {
        var name = await SleeperAsync("bu-upd-refused");
        var page = Render<ContainerUpdatePage>(name);
        page.WaitForAssertion(() => page.Find("[data-testid=update-form]"), Wait);

        await TriggerAsync(page, () => page.Find("[data-testid=update-cpuset-cpus]").Input("0-63"));
        await TriggerAsync(page, () => page.Find("[data-testid=update-apply]").Click());
        page.WaitForAssertion(() => Assert.Matches(@"^The CPUs 0-63 are not all on this host: it has CPUs 0",
            page.Find($"[data-testid=error-{UpdateField.CpusetCpus}]").TextContent), Wait);
        Assert.Equal($"docker update --cpuset-cpus 0-63 {name}", page.Find("[data-testid=update-outcome-cli] .command").TextContent);
    }
}
