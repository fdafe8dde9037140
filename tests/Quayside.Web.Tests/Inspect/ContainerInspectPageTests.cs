using Bunit;
using Quayside.TestSupport;
using Quayside.Web.Inspect;
using Quayside.Web.Stats;

namespace Quayside.Web.Tests.Inspect;

public class ContainerInspectPageTests : InspectPageTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_failing_health_check_shows_unhealthy_with_the_checks_output()
    {
        var name = await SleeperAsync("bu-health", "--health-cmd", "echo health-probe-failed; exit 1",
            "--health-interval", "1s", "--health-retries", "1");
        Assert.True(await EngineWait.UntilAsync(() => Ctx.Model.FindContainer(name)?.Health == "unhealthy", TimeSpan.FromSeconds(20)));

        var page = Render<ContainerInspectPage>(name);
        page.WaitForAssertion(() => Assert.StartsWith("unhealthy", page.Find("[data-testid=health-status]").TextContent), Wait);
        Assert.Contains("health-probe-failed", page.Find("[data-testid=health-log]").TextContent);
        Assert.Contains("docker inspect " + name, page.Find("[data-testid=inspect-cli] .command").TextContent);
    }

    [Fact]
    public async Task Secret_looking_values_stay_masked_until_clicked()
    {
        var name = await SleeperAsync("bu-env", "-e", "DB_PASSWORD=hunter2-very-secret", "-e", "GREETING=hello-there");
        var page = Render<ContainerInspectPage>(name);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=env-row]")), Wait);

        var secretRow = page.Find("[data-testid=env-row][data-name=DB_PASSWORD]");
        Assert.DoesNotContain("hunter2", secretRow.TextContent);
        Assert.Contains("hello-there", page.Find("[data-testid=env-row][data-name=GREETING]").TextContent);

        await TriggerAsync(page, () => page.Find("[data-testid=env-row][data-name=DB_PASSWORD] [data-testid=env-reveal]").Click());
        page.WaitForAssertion(() => Assert.Contains("hunter2-very-secret", page.Find("[data-testid=env-row][data-name=DB_PASSWORD]").TextContent));
    }

    [Fact]
    public async Task Markup_in_labels_and_env_is_shown_as_text_in_inspect_and_raw_json()
    {
        const string evil = "<script>window.pwned=1</script><img src=x onerror=alert(1)>";
        var name = await SleeperAsync("bu-xss", "--label", "evil=" + evil, "-e", "EVIL=" + evil);

        var inspect = Render<ContainerInspectPage>(name);
        inspect.WaitForAssertion(() => Assert.Contains(evil, inspect.Find("[data-testid=labels-table]").TextContent), Wait);
        Assert.Contains(evil, inspect.Find("[data-testid=env-row][data-name=EVIL]").TextContent);
        Assert.Empty(inspect.FindAll("section.detail-body script, section.detail-body img"));

        var json = Render<ContainerJsonPage>(name);
        json.WaitForAssertion(() => Assert.Contains(evil, json.Find("[data-testid=raw-json]").TextContent), Wait);
        Assert.Empty(json.FindAll("[data-testid=raw-json] script, [data-testid=raw-json] img"));
    }

    [Fact]
    public async Task Raw_json_holds_the_id_docker_inspect_prints_and_search_marks_matches()
    {
        var name = await SleeperAsync("bu-json", "--label", "findme=needle-value");
        var id = await DockerCommand.InspectAsync(name, "{{.Id}}");

        var page = Render<ContainerJsonPage>(name);
        page.WaitForAssertion(() => Assert.Contains($"\"{id}\"", page.Find("[data-testid=json-tree]").TextContent), Wait);
        Assert.Contains("docker inspect " + name, page.Find("[data-testid=json-cli] .command").TextContent);

        await TriggerAsync(page, () => page.Find("[data-testid=json-search]").Input("needle-value"));
        page.WaitForAssertion(() => Assert.Equal("1 of 1", page.Find("[data-testid=json-match-count]").TextContent));
        Assert.Equal("needle-value", page.Find("[data-testid=json-tree] mark").TextContent);

        // Folding hides a branch; search unfolds what holds a match.
        await TriggerAsync(page, () => page.Find("[data-testid=json-collapse-all]").Click());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=json-tree] mark")));
        await TriggerAsync(page, () => page.Find("[data-testid=json-search]").Input(""));
        page.WaitForAssertion(() => Assert.DoesNotContain("needle-value", page.Find("[data-testid=json-tree]").TextContent));
        Assert.Contains($"\"{id}\"", page.Find("[data-testid=json-tree]").TextContent); // top-level scalars stay
    }

    [Fact]
    public async Task Top_and_diff_show_what_the_test_did_inside()
    {
        var name = await SleeperAsync("bu-topdiff");
        var top = Render<ContainerTopPage>(name);
        top.WaitForAssertion(() => Assert.NotEmpty(top.FindAll("[data-testid=top-row]")), Wait);

        // Started after the tab opened: the 2 s refresh brings it in.
        await DockerCommand.OkAsync("exec", "-d", name, "sleep", "31337");
        top.WaitForAssertion(() => Assert.Contains(top.FindAll("[data-testid=top-row]"), r => r.TextContent.Contains("sleep 31337")), Wait);

        await DockerCommand.OkAsync("exec", name, "touch", "/created-by-bunit");
        var diff = Render<ContainerDiffPage>(name);
        diff.WaitForAssertion(() => Assert.Equal("Added", diff.Find("[data-testid=diff-row][data-path='/created-by-bunit']").GetAttribute("data-kind")), Wait);

        await TriggerAsync(diff, () => diff.Find("[data-testid=diff-filter]").Input("no-such-path"));
        diff.WaitForAssertion(() => Assert.Empty(diff.FindAll("[data-testid=diff-row]")));
        await TriggerAsync(diff, () => diff.Find("[data-testid=diff-filter]").Input("created-by"));
        diff.WaitForAssertion(() => Assert.Single(diff.FindAll("[data-testid=diff-row]")));
        await TriggerAsync(diff, () => diff.Find("[data-testid=diff-kind-Added]").Change(false));
        diff.WaitForAssertion(() => Assert.Empty(diff.FindAll("[data-testid=diff-row]")));
    }

    [Fact]
    public async Task Stats_show_memory_and_cpu_of_a_busy_container()
    {
        var name = LabContainers.UniqueName("bu-stats");
        await using var cleanup = new RemoveOnDispose(name);
        await DockerCommand.OkAsync("run", "-d", "--init", "--cpus", "0.5", "--name", name, "--label", $"{LabContainers.TestLabel}=1",
            LabContainers.BusyboxImage, "sh", "-c", "while :; do :; done");
        Assert.True(await EngineWait.UntilAsync(() => Ctx.Model.FindContainer(name)?.State == "running", TimeSpan.FromSeconds(5)));

        var page = Render<ContainerStatsPage>(name);
        page.WaitForAssertion(() => Assert.Matches(@"^\d+\.\d\d%$", page.Find("[data-testid=cpu-value]").TextContent), Wait);
        Assert.Matches(@"^[\d.]+(B|KiB|MiB|GiB) / [\d.]+(KiB|MiB|GiB|TiB)$", page.Find("[data-testid=memory-value]").TextContent);
        Assert.DoesNotMatch(@"^0B ", page.Find("[data-testid=memory-value]").TextContent);
        Assert.NotNull(page.Find("[data-testid=cpu-chart] polyline"));
        Assert.Equal("docker stats " + name, page.Find("[data-testid=stats-cli] .command").TextContent);
    }

    private sealed class RemoveOnDispose(string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await LabContainers.RemoveAsync(name);
    }
}
