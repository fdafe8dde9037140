using System.Text.RegularExpressions;

namespace Quayside.E2E.Networks;

public sealed class NetworksPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task A_network_created_from_the_page_shows_the_container_run_on_it_from_the_cli()
    {
        var network = NewNetwork("pagenet");
        var container = NewName("onnet");

        await LoginAsync(Page, "/networks");
        await WaitForInteractiveAsync(Page, "[data-testid=create-open]");
        await Page.Locator("[data-testid=create-open]").ClickAsync();
        await Page.Locator("[data-testid=create-name]").FillAsync(network);
        await Page.Locator("[data-testid=create-subnet]").FillAsync("10.213.0.0/24");
        await Page.Locator("[data-testid=create-labels]").FillAsync(LabLabelLines);
        await Page.Locator("[data-testid=create-save]").ClickAsync();
        var networkRow = Page.Locator($"tr[data-testid=network-row][data-name=\"{network}\"]");
        await Expect(networkRow).ToHaveCountAsync(1, new() { Timeout = StateChange });
        await Expect(networkRow).ToContainTextAsync("10.213.0.0/24");

        await LabContainers.RunSleeperAsync(container, "--network", network);
        await Expect(networkRow.Locator("[data-testid=network-containers]")).ToContainTextAsync(container, new() { Timeout = StateChange });
        await Expect(networkRow.Locator("[data-testid=network-containers]")).ToContainTextAsync("10.213.0.");
    }

    [Fact]
    public async Task A_second_container_resolves_the_first_by_the_alias_given_on_the_network_page_until_disconnected()
    {
        var network = NewNetwork("aliasnet");
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
    public async Task Removing_a_network_in_use_is_refused_in_words_and_the_predefined_networks_offer_no_remove()
    {
        var network = NewNetwork("busynet");
        await LabResources.CreateNetworkAsync(network);
        await RunSleeperAsync("holder", "--network", network);

        await LoginAsync(Page, "/networks");
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
    public async Task Bad_form_input_is_refused_with_what_is_wrong_and_what_is_accepted_before_reaching_the_engine()
    {
        var network = NewNetwork("badnet");
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
    }
}
