using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Containers;

public sealed class ContainersPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly Regex Exited = new(@"^exited\b");

    [Fact]
    public async Task Container_run_from_the_cli_shows_running_and_row_stop_turns_it_exited_live()
    {
        var name = await RunSleeperAsync("stop");
        await LoginAsync();
        await OpenContainersAsync(search: name);

        var row = Row(name);
        await Expect(row).ToHaveAttributeAsync("data-state", "running");
        await Expect(row.Locator("[data-testid=state]")).ToHaveTextAsync("running");

        // Marks this document: a reload would lose the mark.
        await Page.EvaluateAsync("() => window.__sameDocument = true");
        await row.Locator("[data-testid=row-stop]").ClickAsync();

        await Expect(row.Locator("[data-testid=state]")).ToHaveTextAsync(Exited, new() { Timeout = StateChange });
        await Expect(row).ToHaveAttributeAsync("data-state", "exited");
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker stop -t 10 {name}");
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        Assert.Equal("exited", await StatusOfAsync(name));
    }

    [Fact]
    public async Task Container_started_from_the_cli_appears_within_a_second_and_disappears_after_rm()
    {
        var name = NewName("live");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        await Expect(Page.Locator("[data-testid=no-containers]")).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => window.__sameDocument = true");

        await LabContainers.RunSleeperAsync(name);
        await Row(name).WaitForAsync(new() { Timeout = 1_000 });
        await Expect(Row(name)).ToHaveAttributeAsync("data-state", "running");

        await DockerCommand.OkAsync("rm", "-f", name);
        await Expect(Row(name)).ToHaveCountAsync(0, new() { Timeout = StateChange });
        await Expect(Page.Locator("[data-testid=no-containers]")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
    }

    [Fact]
    public async Task List_cli_line_follows_the_filters_and_the_real_cli_lists_the_same_names()
    {
        var token = "qt-filt-" + Guid.NewGuid().ToString("N")[..8];
        // Two names that match the name filter: one running, one only created.
        var running = Track(token + "-run");
        var created = Track(token + "-new");
        await LabContainers.RunSleeperAsync(running, "--init");
        await LabContainers.CreateAsync(created);

        await LoginAsync();
        await OpenContainersAsync();
        await Expect(Page.Locator("[data-testid=list-cli] .command")).ToHaveTextAsync("docker ps -a");

        await Page.Locator("label.chip", new() { Has = Page.Locator("input[data-testid=state-running]") }).ClickAsync();
        await Expect(Page.Locator("input[data-testid=state-running]")).ToBeCheckedAsync();
        await Page.Locator("[data-testid=filter-name]").FillAsync(token);

        var expectedLine = $"docker ps -a --filter status=running --filter name={token}";
        await Expect(Page.Locator("[data-testid=list-cli] .command")).ToHaveTextAsync(expectedLine);
        await Expect(Row(running)).ToBeVisibleAsync();
        await Expect(Row(created)).ToHaveCountAsync(0);

        var shown = (await Page.Locator("tr[data-testid=container-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.name)"))
            .Order(StringComparer.Ordinal).ToArray();
        var line = await Page.Locator("[data-testid=list-cli] .command").InnerTextAsync();
        var cli = (await DockerCommand.RunLineAsync(line + " --format '{{.Names}}'")).EnsureSuccess(line);
        var listed = cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal).ToArray();

        Assert.Equal([running], listed);
        Assert.Equal(listed, shown);
    }

    [Fact]
    public async Task Remove_asks_first_cancel_keeps_the_container_and_confirming_with_force_removes_it()
    {
        var name = await RunSleeperAsync("rm");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        var row = Row(name);
        await Expect(row).ToHaveAttributeAsync("data-state", "running");

        await OpenRowMenuAsync(row);
        await row.Locator("[data-testid=row-remove]").ClickAsync();
        var dialog = Page.Locator("[data-testid=confirm-dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=confirm-items] li")).ToHaveTextAsync([new Regex($"^{Regex.Escape(name)}\\b")]);

        await FluentButton(dialog, "Cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveCountAsync(0);
        Assert.Equal("running", await StatusOfAsync(name));

        await OpenRowMenuAsync(row);
        await row.Locator("[data-testid=row-remove]").ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        // A running container can only go with force, so force is ticked for it and shows in the command.
        await Expect(dialog.Locator("[data-testid=remove-force]")).ToBeCheckedAsync();
        await Expect(dialog.Locator("[data-testid=confirm-cli] .command")).ToHaveTextAsync($"docker rm -f {name}");
        await dialog.Locator("[data-testid=confirm-button]").ClickAsync();

        await Expect(row).ToHaveCountAsync(0, new() { Timeout = StateChange });
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker rm -f {name}");
        Assert.False(await ExistsAsync(name), $"{name} is still in docker ps -a");
    }

    [Fact]
    public async Task Label_value_with_html_shows_literally_and_never_runs()
    {
        const string payload = "<img src=x onerror=\"window.__xss=1\">";
        var name = await RunSleeperAsync("xss", "--label", "qt.payload=" + payload);
        await LoginAsync();
        await OpenContainersAsync(search: name);
        var row = Row(name);
        await Expect(row).ToBeVisibleAsync();

        await Page.Locator("[data-testid=columns-button]").ClickAsync();
        await Page.Locator("[data-testid=column-labels]").CheckAsync();
        await Page.Keyboard.PressAsync("Escape");
        // quayside.test=1, the payload and the lab image's own label.
        var labelCount = (await DockerCommand.InspectAsync(name, "{{len .Config.Labels}}")).Trim();
        await row.Locator("td.labels button", new() { HasTextString = $"{labelCount} labels" }).ClickAsync();
        var labels = row.Locator("[data-testid=labels]");
        await Expect(labels).ToBeVisibleAsync();
        await Expect(labels.Locator("dt", new() { HasTextString = "qt.payload" })).ToHaveCountAsync(1);
        await Expect(labels.Locator("dd").Filter(new() { HasTextString = "onerror" })).ToHaveTextAsync(payload);
        await Expect(row.Locator("img")).ToHaveCountAsync(0);

        // Give a broken image's error event time to fire, had one been made.
        await Page.WaitForTimeoutAsync(500);
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"), "the label's HTML ran in the page");
    }

    [Fact]
    public async Task Start_from_the_page_runs_a_stopped_container()
    {
        var name = await RunSleeperAsync("start");
        await DockerCommand.OkAsync("stop", name);
        await LoginAsync();
        await OpenContainersAsync(search: name);
        var row = Row(name);
        await Expect(row).ToHaveAttributeAsync("data-state", "exited");

        await row.Locator("[data-testid=row-start]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-state", "running", new() { Timeout = StateChange });
        await Expect(row.Locator("[data-testid=state]")).ToHaveTextAsync("running");
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker start {name}");
        Assert.Equal("running", await StatusOfAsync(name));
    }

    [Fact]
    public async Task Rename_from_the_page_renames_the_container_for_the_cli_too()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var oldName = $"qt-ren-{token}-old";
        var newName = $"qt-ren-{token}-new";
        Track(oldName);
        Track(newName);
        await LabContainers.RunSleeperAsync(oldName, "--init");
        await LoginAsync();
        await OpenContainersAsync(search: token);
        await Expect(Row(oldName)).ToBeVisibleAsync();

        await OpenRowMenuAsync(Row(oldName));
        await Row(oldName).GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        var panel = Page.Locator("[data-testid=rename-panel]");
        await Expect(panel.Locator("[data-testid=rename-input]")).ToHaveValueAsync(oldName);

        // A name docker refuses is caught on the page, before anything runs.
        await panel.Locator("[data-testid=rename-input]").FillAsync("-bad name");
        await panel.Locator("[data-testid=rename-save]").ClickAsync();
        await Expect(panel.Locator("[data-testid=rename-error]")).ToBeVisibleAsync();
        Assert.True(await ExistsAsync(oldName));

        await panel.Locator("[data-testid=rename-input]").FillAsync(newName);
        await panel.Locator("[data-testid=rename-save]").ClickAsync();
        await Expect(Row(newName)).ToBeVisibleAsync(new() { Timeout = StateChange });
        await Expect(Row(oldName)).ToHaveCountAsync(0);
        await Expect(panel).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker rename {oldName} {newName}");
        Assert.True(await ExistsAsync(newName), $"docker ps -a does not list {newName}");
        Assert.False(await ExistsAsync(oldName), $"docker ps -a still lists {oldName}");
    }

    [Fact]
    public async Task Stopping_two_selected_containers_from_the_toolbar_stops_both()
    {
        var token = "qt-bulk-" + Guid.NewGuid().ToString("N")[..8];
        string a = token + "-a", b = token + "-b";
        Track(a);
        Track(b);
        await LabContainers.RunSleeperAsync(a, "--init");
        await LabContainers.RunSleeperAsync(b, "--init");
        await LoginAsync();
        await OpenContainersAsync(search: token);
        await Expect(Page.Locator("tr[data-testid=container-row]")).ToHaveCountAsync(2);

        await Row(a).GetByRole(AriaRole.Checkbox, new() { Name = $"Select {a}" }).CheckAsync();
        await Row(b).GetByRole(AriaRole.Checkbox, new() { Name = $"Select {b}" }).CheckAsync();
        await Expect(Page.Locator("section.toolbar")).ToContainTextAsync("2 selected");
        await FluentButton(Page.Locator("section.toolbar"), "Stop").ClickAsync();

        await Expect(Row(a)).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = StateChange });
        await Expect(Row(b)).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = StateChange });
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker stop -t 10 {a} {b}");
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");
        Assert.Equal("exited", await StatusOfAsync(a));
        Assert.Equal("exited", await StatusOfAsync(b));
    }

    [Fact]
    public async Task An_action_in_one_browser_shows_in_another_browser_at_once()
    {
        var name = await RunSleeperAsync("two");
        await LoginAsync();
        await OpenContainersAsync(search: name);

        await using var otherContext = await NewContextAsync();
        var other = await NewPageAsync(otherContext);
        await LoginAsync(other);
        await OpenContainersAsync(search: name, page: other);
        await Expect(Row(other, name)).ToHaveAttributeAsync("data-state", "running");

        await Row(name).Locator("[data-testid=row-stop]").ClickAsync();
        await Expect(Row(other, name)).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = StateChange });
        // The other browser only watched: it has no outcome of its own.
        await Expect(other.Locator("[data-testid=outcome]")).ToHaveCountAsync(0);
    }
}
