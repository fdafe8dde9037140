using System.Text.Json;
using System.Text.RegularExpressions;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Inspect;

public sealed class ContainerViewsTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const float Slow = 20_000;

    [Fact]
    public async Task Inspect_from_the_row_shows_an_unhealthy_check_with_its_output_and_a_masked_password_until_clicked()
    {
        var name = await RunSleeperAsync("e2e-health", "-e", "DB_PASSWORD=swordfish-42", "-e", "MODE=demo",
            "--health-cmd", "echo the-probe-failed; exit 1", "--health-interval", "1s", "--health-retries", "1");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        await Row(name).Locator("[data-testid=container-link]").ClickAsync();
        await Expect(Page.Locator("[data-testid=tab-inspect]")).ToHaveClassAsync("active");
        await Expect(Page.Locator("[data-testid=inspect-cli] .command")).ToHaveTextAsync("docker inspect " + name);

        // The view reads the container again when its health changes (the model's status text moves).
        await Expect(Page.Locator("[data-testid=health-status]")).ToHaveTextAsync(new Regex("^unhealthy"), new() { Timeout = Slow });
        await Expect(Page.Locator("[data-testid=health-log]")).ToContainTextAsync("the-probe-failed");

        var secret = Page.Locator("[data-testid=env-row][data-name=DB_PASSWORD]");
        await Expect(secret).Not.ToContainTextAsync("swordfish");
        await Expect(Page.Locator("[data-testid=env-row][data-name=MODE]")).ToContainTextAsync("demo");
        await secret.Locator("[data-testid=env-reveal]").ClickAsync();
        await Expect(secret.Locator("[data-testid=env-value]")).ToHaveTextAsync("swordfish-42");
    }

    [Fact]
    public async Task Raw_json_holds_what_docker_inspect_prints_copies_it_and_never_runs_markup()
    {
        const string payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
        var name = await RunSleeperAsync("e2e-json", "--label", "qt.payload=" + payload);
        using var cli = JsonDocument.Parse(await DockerCommand.OkAsync("inspect", name));
        var id = cli.RootElement[0].GetProperty("Id").GetString()!;

        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await LoginAsync(Page, $"/containers/{name}/json");
        var tree = Page.Locator("[data-testid=json-tree]");
        await Expect(tree).ToContainTextAsync($"\"{id}\"");
        await Expect(tree).ToContainTextAsync(payload.Replace("\"", "\\\"")); // as a JSON string: quotes escaped, markup as text
        await Expect(tree.Locator("img, script")).ToHaveCountAsync(0);
        Assert.Null(await Page.EvaluateAsync<int?>("() => window.__xss ?? null"));

        await WaitForInteractiveAsync(Page, "[data-testid=json-search]");
        await Page.Locator("[data-testid=json-search]").FillAsync("qt.payload");
        await Expect(Page.Locator("[data-testid=json-match-count]")).ToHaveTextAsync("1 of 1");
        await Expect(tree.Locator("mark")).ToHaveTextAsync("qt.payload");

        await Page.Locator("[data-testid=json-copy]").ClickAsync();
        await Expect(Page.Locator("[data-testid=json-copy]")).ToHaveTextAsync("Copied");
        var copied = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        using var pasted = JsonDocument.Parse(copied);
        Assert.Equal(id, pasted.RootElement.GetProperty("Id").GetString());
        Assert.Equal(payload, pasted.RootElement.GetProperty("Config").GetProperty("Labels").GetProperty("qt.payload").GetString());
    }

    [Fact]
    public async Task Top_refreshes_with_a_process_started_inside_and_diff_shows_a_file_made_inside_as_added()
    {
        var name = await RunSleeperAsync("e2e-topdiff");
        await LoginAsync(Page, $"/containers/{name}/top");
        await Expect(Page.Locator("[data-testid=top-row]").First).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=top-cli] .command")).ToHaveTextAsync("docker top " + name);

        await DockerCommand.OkAsync("exec", "-d", name, "sleep", "4711");
        await Expect(Page.Locator("[data-testid=top-row]", new() { HasTextString = "sleep 4711" })).ToHaveCountAsync(1, new() { Timeout = 6_000 });

        await DockerCommand.OkAsync("exec", name, "touch", "/e2e-was-here");
        await Page.Locator("[data-testid=tab-diff]").ClickAsync();
        var added = Page.Locator("[data-testid=diff-row][data-path='/e2e-was-here']");
        await Expect(added).ToHaveAttributeAsync("data-kind", "Added");
        await Expect(added.Locator("td").First).ToHaveTextAsync("Added");
        await Expect(Page.Locator("[data-testid=diff-cli] .command")).ToHaveTextAsync("docker diff " + name);
    }

    [Fact]
    public async Task Stats_tab_and_list_columns_show_live_cpu_and_memory_of_a_busy_container()
    {
        var name = NewName("e2e-stats");
        await DockerCommand.OkAsync("run", "-d", "--init", "--cpus", "0.5", "--name", name, "--label", $"{LabContainers.TestLabel}=1",
            LabContainers.BusyboxImage, "sh", "-c", "while :; do :; done");

        await LoginAsync(Page, $"/containers/{name}/stats");
        var cpu = Page.Locator("[data-testid=cpu-value]");
        await Expect(cpu).ToHaveTextAsync(new Regex(@"^\d+\.\d\d%$"), new() { Timeout = 10_000 });
        await Expect(Page.Locator("[data-testid=memory-value]")).ToHaveTextAsync(new Regex(@"^(?!0B )[\d.]+(B|KiB|MiB|GiB) / "));
        await Expect(Page.Locator("[data-testid=cpu-chart] polyline")).ToHaveCountAsync(1);
        var readAt = await Page.Locator("[data-testid=stats-read-at]").InnerTextAsync();
        await Expect(Page.Locator("[data-testid=stats-read-at]")).Not.ToHaveTextAsync(readAt, new() { Timeout = 5_000 });

        await OpenContainersAsync(search: name);
        await Expect(Row(name).Locator("[data-testid=cpu]")).ToHaveCountAsync(0);
        await Page.Locator("[data-testid=columns-button]").ClickAsync();
        await Page.Locator("[data-testid=show-stats]").CheckAsync();
        await Expect(Row(name).Locator("[data-testid=cpu]")).ToHaveTextAsync(new Regex(@"^\d+\.\d\d%$"), new() { Timeout = 10_000 });
        await Expect(Row(name).Locator("[data-testid=memory]")).ToHaveTextAsync(new Regex(@"^[\d.]+(B|KiB|MiB|GiB) \(\d+\.\d\d%\)$"));
        await Expect(Page.Locator("[data-testid=stats-cli] .command")).ToHaveTextAsync("docker stats --no-stream");
    }

    [Fact]
    public async Task The_arm64_lab_image_shows_arm64_the_emulation_note_and_its_history()
    {
        var id = (await DockerCommand.OkAsync("image", "inspect", "--format", "{{.Id}}", "quayside-lab/busybox-arm64:latest")).Trim();
        await LoginAsync(Page, $"/images/{id}");
        await Expect(Page.Locator("[data-testid=image-architecture]")).ToHaveTextAsync("arm64");
        await Expect(Page.Locator("[data-testid=emulation-note]")).ToContainTextAsync("run under emulation");
        await Expect(Page.Locator("[data-testid=emulator]")).ToContainTextAsync("qemu-aarch64");

        await WaitForInteractiveAsync(Page, "[data-testid=image-inspect-cli] fluent-button");
        await Page.Locator("[data-testid=tab-history]").ClickAsync();
        await Expect(Page.Locator("[data-testid=history-cli] .command")).ToHaveTextAsync("docker history --no-trunc quayside-lab/busybox-arm64:latest");
        await Expect(Page.Locator("[data-testid=history-row][data-empty=false]", new() { HasTextString = "COPY" })).ToHaveCountAsync(1);
    }
}
