using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.HostResources;

public sealed class VolumesAndNetworksPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output), IAsyncLifetime
{
    private readonly List<string> _volumes = [];
    private readonly List<string> _networks = [];

    private static readonly string TestLabels = $"{LabContainers.TestLabel}=1\n{LabResources.Issue8Label}=1";

    [Fact]
    public async Task Volume_and_network_created_from_the_pages_show_the_container_run_on_them_from_the_cli()
    {
        var volume = Volume("pagevol");
        var network = Network("pagenet");
        var container = NewName("onboth");

        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=create-open]").ClickAsync();
        await Page.Locator("[data-testid=create-name]").FillAsync(volume);
        await Page.Locator("[data-testid=create-labels]").FillAsync(TestLabels);
        await Expect(Page.Locator("[data-testid=create-cli] .command")).ToContainTextAsync($"docker volume create --label {LabContainers.TestLabel}=1");
        await Page.Locator("[data-testid=create-save]").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");
        var volumeRow = Page.Locator($"tr[data-testid=volume-row][data-name=\"{volume}\"]");
        await Expect(volumeRow).ToHaveCountAsync(1, new() { Timeout = StateChange });
        await Expect(volumeRow.Locator("[data-testid=unused]")).ToBeVisibleAsync();
        await Expect(volumeRow.Locator("[data-testid=volume-refcount]")).ToHaveTextAsync("0");
        Assert.Equal("1", await DockerCommand.OkAsync("volume", "inspect", "--format", $"{{{{index .Labels \"{LabResources.Issue8Label}\"}}}}", volume));

        await Page.Locator("nav a[href='/networks']").ClickAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=create-open]");
        await Page.Locator("[data-testid=create-open]").ClickAsync();
        await Page.Locator("[data-testid=create-name]").FillAsync(network);
        await Page.Locator("[data-testid=create-subnet]").FillAsync("10.213.0.0/24");
        await Page.Locator("[data-testid=create-labels]").FillAsync(TestLabels);
        await Page.Locator("[data-testid=create-save]").ClickAsync();
        var networkRow = Page.Locator($"tr[data-testid=network-row][data-name=\"{network}\"]");
        await Expect(networkRow).ToHaveCountAsync(1, new() { Timeout = StateChange });
        await Expect(networkRow).ToContainTextAsync("10.213.0.0/24");

        await LabContainers.RunSleeperAsync(container, "-v", $"{volume}:/data", "--network", network);
        await Expect(networkRow.Locator("[data-testid=network-containers]")).ToContainTextAsync(container, new() { Timeout = StateChange });
        await Expect(networkRow.Locator("[data-testid=network-containers]")).ToContainTextAsync("10.213.0.");

        await Page.Locator("nav a[href='/volumes']").ClickAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Expect(volumeRow.Locator("[data-testid=volume-refcount]")).ToHaveTextAsync("1", new() { Timeout = StateChange });
        await Expect(volumeRow.Locator("[data-testid=volume-containers] a")).ToHaveTextAsync(container);
        await Expect(volumeRow.Locator("[data-testid=unused]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_second_container_resolves_the_first_by_the_alias_given_on_the_network_page_until_disconnected()
    {
        var network = Network("aliasnet");
        await LabResources.CreateNetworkAsync(network);
        var first = await RunSleeperAsync("first");
        var second = await RunSleeperAsync("second", "--network", network);
        var alias = "db-" + Guid.NewGuid().ToString("N")[..6];
        var networkId = await DockerCommand.InspectAsync(network, "{{.Id}}");

        await LoginAsync(Page, $"/networks/{networkId}");
        await WaitForInteractiveAsync(Page, "[data-testid=connect-save]");
        await Page.Locator("[data-testid=connect-container]").SelectOptionAsync(first);
        await Page.Locator("[data-testid=connect-aliases]").FillAsync(alias);
        await Expect(Page.Locator("[data-testid=connect-cli] .command")).ToHaveTextAsync($"docker network connect --alias {alias} {network} {first}");
        await Page.Locator("[data-testid=connect-save]").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true");

        var firstRow = Page.Locator($"tr[data-testid=attached-row][data-name=\"{first}\"]");
        await Expect(firstRow).ToHaveCountAsync(1, new() { Timeout = StateChange });
        await Expect(firstRow.Locator("[data-testid=attached-aliases]")).ToContainTextAsync(alias, new() { Timeout = StateChange });
        await Expect(firstRow.Locator("[data-testid=attached-ip]")).ToHaveTextAsync(new Regex(@"^\d+\.\d+\.\d+\.\d+/\d+$"));

        var ping = await DockerCommand.RunAsync("exec", second, "ping", "-c1", "-W2", alias);
        Assert.True(ping.ExitCode == 0, $"{second} could not ping {first} by its alias {alias}: {ping.Stdout} {ping.Stderr}");

        await firstRow.Locator("[data-testid=disconnect]").ClickAsync();
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(firstRow).ToHaveCountAsync(0, new() { Timeout = StateChange });
        var after = await DockerCommand.RunAsync("exec", second, "ping", "-c1", "-W2", alias);
        Assert.NotEqual(0, after.ExitCode);
    }

    [Fact]
    public async Task Refused_removals_say_why_in_words_and_the_predefined_networks_offer_no_remove()
    {
        var volume = Volume("busyvol");
        var network = Network("busynet");
        await LabResources.CreateVolumeAsync(volume);
        await LabResources.CreateNetworkAsync(network);
        await RunSleeperAsync("holder", "-v", $"{volume}:/d", "--network", network);

        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(volume);
        await Page.Locator($"tr[data-testid=volume-row][data-name=\"{volume}\"] [data-testid=row-remove]").ClickAsync();
        await Expect(Page.Locator("[data-testid=confirm-items]")).ToContainTextAsync(volume);
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "false");
        await Expect(Page.Locator("[data-testid=outcome]")).ToContainTextAsync($"The volume '{volume}' is in use by container");
        await Expect(Page.Locator("[data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker volume rm {volume}");

        await Page.Locator("nav a[href='/networks']").ClickAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        foreach (var predefined in new[] { "bridge", "host", "none" })
        {
            var row = Page.Locator($"tr[data-testid=network-row][data-name=\"{predefined}\"]");
            await Expect(row.Locator("[data-testid=predefined]")).ToBeVisibleAsync();
            await Expect(row.Locator("[data-testid=row-remove]")).ToHaveCountAsync(0);
        }
        await Page.Locator($"tr[data-testid=network-row][data-name=\"{network}\"] [data-testid=row-remove]").ClickAsync();
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "false");
        await Expect(Page.Locator("[data-testid=outcome]")).ToContainTextAsync($"The network '{network}' still has containers connected");
        Assert.Equal(0, (await DockerCommand.RunAsync("network", "inspect", network)).ExitCode);
    }

    [Fact]
    public async Task A_volume_prune_scoped_by_label_lists_first_then_removes_exactly_that_and_reports_the_space()
    {
        var label = LabResources.UniqueLabel();
        var unused = Volume("pruneme");
        var kept = Volume("keepme");
        await LabResources.CreateVolumeAsync(unused, "--label", label);
        await LabResources.CreateVolumeAsync(kept, "--label", label);
        await RunSleeperAsync("keeper", "-v", $"{kept}:/d");

        await LoginAsync(Page, "/volumes");
        await WaitForInteractiveAsync(Page, "[data-testid=prune-label]");
        await Page.Locator("[data-testid=prune-label]").FillAsync(label);
        await Expect(Page.Locator($"tr[data-testid=volume-row][data-name=\"{kept}\"] [data-testid=volume-refcount]")).ToHaveTextAsync("1", new() { Timeout = StateChange });
        await Page.Locator("[data-testid=prune]").ClickAsync();

        var items = Page.Locator("[data-testid=confirm-items] li");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.First).ToContainTextAsync(unused);
        await Expect(Page.Locator("[data-testid=confirm-cli] .command")).ToHaveTextAsync($"docker volume prune -f --filter label={label}");
        await Page.Locator("[data-testid=confirm-button]").ClickAsync();

        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 30_000 });
        await Expect(Page.Locator("[data-testid=outcome]")).ToContainTextAsync($"Removed 1 volume: {unused}; reclaimed");
        Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", unused)).ExitCode);
        Assert.Equal(0, (await DockerCommand.RunAsync("volume", "inspect", kept)).ExitCode);
        await Expect(Page.Locator($"tr[data-testid=volume-row][data-name=\"{unused}\"]")).ToHaveCountAsync(0, new() { Timeout = StateChange });
    }

    [Fact]
    public async Task Bad_form_input_is_refused_with_what_is_wrong_and_what_is_accepted_before_reaching_the_engine()
    {
        var network = Network("badnet");
        await LoginAsync(Page, "/networks");
        await WaitForInteractiveAsync(Page, "[data-testid=create-open]");
        await Page.Locator("[data-testid=create-open]").ClickAsync();
        await Page.Locator("[data-testid=create-name]").FillAsync(network);
        await Page.Locator("[data-testid=create-subnet]").FillAsync("10.300.0.0/16");
        await Page.Locator("[data-testid=create-labels]").FillAsync("= nokey");
        await Page.Locator("[data-testid=create-save]").ClickAsync();
        var errors = Page.Locator("[data-testid=create-error]");
        await Expect(errors).ToHaveTextAsync([
            "'10.300.0.0/16' is not a valid subnet: use CIDR notation, e.g. 172.30.0.0/16 or fd00:1::/64.",
            "'= nokey' is not a valid label: write one KEY=VALUE per line (the key has no spaces; the value may be empty).",
        ]);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("network", "inspect", network)).ExitCode);

        await Page.Locator("nav a[href='/volumes']").ClickAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=prune-label]");
        await Page.Locator("[data-testid=prune-label]").FillAsync("has space");
        await Expect(Page.Locator("[data-testid=prune-label-error]")).ToContainTextAsync("is not a label filter");
        await Page.Locator("[data-testid=prune]").ClickAsync();
        await Expect(Page.Locator("[data-testid=confirm-dialog]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=outcome]")).ToHaveAttributeAsync("data-ok", "false");
    }

    private string Volume(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _volumes.Add(name);
        return name;
    }

    private string Network(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _networks.Add(name);
        return name;
    }

    // Re-implements IAsyncLifetime.DisposeAsync: containers go first (base), then the volumes and networks they held.
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await LabResources.RemoveVolumesAsync([.. _volumes]);
        await LabResources.RemoveNetworksAsync([.. _networks]);
    }
}
