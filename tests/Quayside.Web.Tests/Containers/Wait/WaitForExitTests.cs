using Bunit;
using Quayside.TestSupport;
using Quayside.Web.Inspect;
using Quayside.Web.Tests.Inspect;

namespace Quayside.Web.Tests.Containers.Wait;

/// <summary>The container header's "Wait for exit" (docker wait) on the real engine.</summary>
public class WaitForExitTests : InspectPageTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Wait_for_exit_shows_the_exit_code_once_docker_stop_ends_the_container()
    {
        var name = LabContainers.UniqueName("bu-wait");
        await using var removed = new Removal(name);
        await DockerCommand.OkAsync("run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage,
            "sh", "-c", "trap 'exit 42' TERM; sleep 100000 & wait");
        Assert.True(await EngineWait.UntilAsync(() => Ctx.Model.FindContainer(name)?.State == "running", TimeSpan.FromSeconds(5)));

        var page = Render<ContainerInspectPage>(name);
        page.WaitForAssertion(() => page.Find("[data-testid=wait-for-exit]"), Wait);
        await TriggerAsync(page, () => page.Find("[data-testid=wait-for-exit]").Click());
        page.WaitForAssertion(() => Assert.Equal($"Waiting for {name} to exit…", page.Find("[data-testid=wait-status]").TextContent));
        Assert.Equal($"docker wait {name}", page.Find("[data-testid=wait-cli] .command").TextContent);
        Assert.Empty(page.FindAll("[data-testid=wait-for-exit]"));

        await DockerCommand.OkAsync("stop", "-t", "10", name);
        page.WaitForAssertion(() => Assert.Equal("Exited with code 42.", page.Find("[data-testid=wait-status]").TextContent), Wait);
        Assert.Equal("42", await DockerCommand.InspectAsync(name, "{{.State.ExitCode}}"));
        Assert.Equal($"docker wait {name}", page.Find("[data-testid=wait-cli] .command").TextContent);
    }

    [Fact]
    public async Task A_killed_container_reads_as_killed_by_sigkill()
    {
        var name = await SleeperAsync("bu-wait-kill");
        var page = Render<ContainerInspectPage>(name);
        page.WaitForAssertion(() => page.Find("[data-testid=wait-for-exit]"), Wait);
        await TriggerAsync(page, () => page.Find("[data-testid=wait-for-exit]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=wait-cancel]"));

        await DockerCommand.OkAsync("kill", name);
        page.WaitForAssertion(() => Assert.Equal("Exited with code 137 (killed by SIGKILL).", page.Find("[data-testid=wait-status]").TextContent), Wait);
    }

    [Fact]
    public async Task A_stopped_container_offers_no_wait()
    {
        var name = await SleeperAsync("bu-wait-stopped");
        await DockerCommand.OkAsync("stop", "-t", "0", name);
        Assert.True(await EngineWait.UntilAsync(() => Ctx.Model.FindContainer(name)?.State == "exited", TimeSpan.FromSeconds(5)));
        var page = Render<ContainerInspectPage>(name);
        page.WaitForAssertion(() => page.Find("[data-testid=inspect-status]"), Wait);
        Assert.Empty(page.FindAll("[data-testid=wait-for-exit]"));
    }

    private sealed class Removal(string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await LabContainers.RemoveAsync(name);
    }
}
