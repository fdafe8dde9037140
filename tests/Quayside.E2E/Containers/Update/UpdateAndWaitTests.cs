using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Containers.Update;

/// <summary>The container page's Update tab (docker update) and its header's Wait for exit (docker wait), in Chromium.</summary>
public sealed class UpdateAndWaitTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private ILocator Field(string testId) => Page.Locator($"[data-testid={testId}]");

    [Fact]
    public async Task The_update_tab_sets_memory_cpus_restart_and_pids_limit_of_a_running_container_and_shows_the_new_values()
    {
        var name = await RunSleeperAsync("e2e-upd", "--memory", "64m", "--memory-swap", "128m");
        await LoginAsync(Page, $"/containers/{name}");
        await Field("tab-update").ClickAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=update-memory]");
        await Expect(Field("update-memory")).ToHaveValueAsync("64m");
        await Expect(Field("update-memory-swap")).ToHaveValueAsync("128m");
        await Expect(Field("update-restart")).ToHaveValueAsync("no");
        await Expect(Field("update-cli").Locator(".command")).ToHaveTextAsync($"docker update {name}");

        await Field("update-memory").FillAsync("100m");
        await Field("update-memory-swap").FillAsync("-1");
        await Field("update-cpus").FillAsync("0.5");
        await Field("update-pids-limit").FillAsync("64");
        await Field("update-restart").SelectOptionAsync("on-failure");
        await Field("update-max-retries").FillAsync("4");
        await Expect(Field("update-cli").Locator(".command")).ToHaveTextAsync(
            $"docker update --restart on-failure:4 --memory 100m --memory-swap -1 --cpus 0.5 --pids-limit 64 {name}");

        await FluentButton(Page.Locator("section.actions"), $"Update {name}").ClickAsync();
        await Expect(Field("update-outcome")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(Field("update-outcome")).ToContainTextAsync($"Updated {name}: restart, memory, memory-swap, cpus, pids-limit.");
        Assert.Equal("on-failure:4 104857600 -1 500000000 64 running", await DockerCommand.InspectAsync(name,
            "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} " +
            "{{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.State.Status}}"));

        // The form starts again from the engine's values, and the Inspect tab shows them too.
        await Expect(Field("update-memory-now")).ToHaveTextAsync("Now: 100m.");
        await Expect(Field("update-restart-now")).ToHaveTextAsync("Now: on-failure:4.");
        await Field("tab-inspect").ClickAsync();
        await Expect(Field("restart-policy")).ToContainTextAsync("on-failure");
    }

    [Fact]
    public async Task A_bad_value_is_explained_next_to_its_field_as_it_is_typed()
    {
        var name = await RunSleeperAsync("e2e-upd-bad");
        await LoginAsync(Page, $"/containers/{name}/update");
        await WaitForInteractiveAsync(Page, "[data-testid=update-pids-limit]");
        await Field("update-pids-limit").FillAsync("0");
        await Expect(Field("error-pids-limit")).ToHaveTextAsync("'0' is not a PIDs limit: use a whole number above 0, or -1 for unlimited.");
        await Field("update-memory").FillAsync("3m");
        await Expect(Field("error-memory")).ToHaveTextAsync("The memory limit 3,145,728 bytes (3 MiB) is below the engine's minimum of 6 MiB.");
        await Expect(Field("update-memory")).ToHaveAttributeAsync("aria-describedby", "u-memory-help");
    }

    [Fact]
    public async Task Wait_for_exit_shows_the_exit_code_when_docker_stop_ends_the_container()
    {
        var name = NewName("e2e-wait");
        await DockerCommand.OkAsync("run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage,
            "sh", "-c", "trap 'exit 42' TERM; sleep 100000 & wait");
        await LoginAsync(Page, $"/containers/{name}");
        await WaitForInteractiveAsync(Page, "[data-testid=wait-for-exit]");
        await Field("wait-for-exit").ClickAsync();
        await Expect(Field("wait-status")).ToHaveTextAsync($"Waiting for {name} to exit…");
        await Expect(Field("wait-cli").Locator(".command")).ToHaveTextAsync($"docker wait {name}");

        await DockerCommand.OkAsync("stop", "-t", "10", name);
        await Expect(Field("wait-status")).ToHaveTextAsync("Exited with code 42.", new() { Timeout = 15_000 });
        Assert.Equal("42", await DockerCommand.InspectAsync(name, "{{.State.ExitCode}}"));
    }

    [Fact]
    public async Task On_a_phone_the_update_form_and_a_waiting_header_fit_the_screen()
    {
        var name = await RunSleeperAsync("e2e-upd-phone");
        await Page.SetViewportSizeAsync(390, 844);
        await LoginAsync(Page, $"/containers/{name}/update");
        await WaitForInteractiveAsync(Page, "[data-testid=wait-for-exit]");
        await Field("wait-for-exit").ClickAsync();
        await Expect(Field("wait-status")).ToHaveTextAsync($"Waiting for {name} to exit…");
        await Field("update-cpuset-cpus").FillAsync("0-1,3; with a long wrong value that goes on and on");
        await Expect(Field("error-cpuset-cpus")).ToBeVisibleAsync();
        // The header's wait panel and the whole form stay inside the 390 px screen (the rest of the layout is not this test's).
        foreach (var testId in new[] { "wait-panel", "update-form", "update-cli", "error-cpuset-cpus" })
        {
            var right = await Field(testId).EvaluateAsync<double>("e => Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth)");
            Assert.True(right <= 390, $"{testId} reaches {right} px, past the 390 px screen");
        }
    }
}
