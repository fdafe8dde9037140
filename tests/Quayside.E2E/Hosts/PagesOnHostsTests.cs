using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Hosts;

/// <summary>The pages of a container and of the host's resources, on a host other than the default one (the lab's TLS engine).</summary>
public sealed class PagesOnHostsTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const float Connect = 30_000;
    private static readonly string Flags = $"-H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem";

    /// <summary>Adds the lab's TLS engine under a new name through the API, as the page's own session.</summary>
    private async Task<string> AddTlsHostAsync()
    {
        await LabEngines.EnsureAsync();
        var host = "e2e-pages-" + Guid.NewGuid().ToString("N")[..6];
        var added = await Context.APIRequest.PostAsync("/api/hosts", new()
        {
            Headers = await AntiforgeryHeaderAsync(),
            DataObject = new
            {
                name = host,
                address = LabEngines.TlsAddress,
                caPem = await File.ReadAllTextAsync(LabEngines.TlsFile("ca.pem")),
                certPem = await File.ReadAllTextAsync(LabEngines.TlsFile("client-cert.pem")),
                keyPem = await File.ReadAllTextAsync(LabEngines.TlsFile("client-key.pem")),
            },
        });
        Assert.True(added.Ok, await added.TextAsync());
        return host;
    }

    private async Task RemoveHostAsync(string host) =>
        await Context.APIRequest.DeleteAsync($"/api/hosts/{host}", new() { Headers = await AntiforgeryHeaderAsync() });

    /// <summary>The header the API wants on a change, with a token for the page's own session.</summary>
    private async Task<Dictionary<string, string>> AntiforgeryHeaderAsync()
    {
        var token = JsonDocument.Parse(await (await Context.APIRequest.GetAsync("/api/antiforgery")).TextAsync()).RootElement;
        return new() { [token.GetProperty("headerName").GetString()!] = token.GetProperty("token").GetString()! };
    }

    [Fact]
    public async Task A_container_on_a_tls_host_opens_with_its_inspect_logs_and_console_all_on_that_host()
    {
        await LabEngines.EnsureAsync();
        var name = NewName("pages-tls");
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1",
            LabContainers.BusyboxImage, "sh", "-c", "echo logged-on-the-tls-node; exec sleep 1000");
        await LoginAsync(Page, "/containers");
        var host = await AddTlsHostAsync();
        try
        {
            await Page.GotoAsync($"/hosts/{host}/containers");
            await WaitForInteractiveAsync(Page, "[data-testid=search]");
            await Expect(Row(name)).ToHaveAttributeAsync("data-state", "running", new() { Timeout = Connect });
            await Row(name).Locator("[data-testid=container-link]").ClickAsync();

            await Expect(Page).ToHaveURLAsync(new Regex($"/hosts/{host}/containers/[0-9a-f]{{64}}$"), new() { Timeout = StateChange });
            await Expect(Page.Locator("h1")).ToContainTextAsync(name, new() { Timeout = Connect });
            await Expect(Page.Locator("[data-testid=inspect-cli] .command")).ToHaveTextAsync($"docker {Flags} inspect {name}");

            await Page.GotoAsync($"/hosts/{host}/containers/{name}/logs");
            await Expect(Page.Locator("[data-testid=logs-row]").Filter(new() { HasText = "logged-on-the-tls-node" })).ToHaveCountAsync(1, new() { Timeout = Connect });
            await Expect(Page.Locator("[data-testid=logs-cli] .command")).ToHaveTextAsync($"docker {Flags} logs --follow --tail 500 {name}");

            await Page.GotoAsync($"/hosts/{host}/containers/{name}/console");
            await WaitForInteractiveAsync(Page, "[data-testid=console-form]");
            await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected", new() { Timeout = Connect });
            await Expect(Page.Locator("[data-testid=console-cli] .command")).ToHaveTextAsync($"docker {Flags} exec -it {name} /bin/sh");
            await Page.Locator(".xterm-helper-textarea").FocusAsync();
            await Page.Keyboard.TypeAsync("echo on-t''ls");
            await Page.Keyboard.PressAsync("Enter");
            await Page.WaitForFunctionAsync(
                "() => { const t = document.querySelector('[data-testid=terminal]')?.quaysideConsole?.term; if (!t) return false; const b = t.buffer.active;"
                + " for (let i = 0; i < b.length; i++) if ((b.getLine(i)?.translateToString(true) ?? '').trimEnd() === 'on-tls') return true; return false; }",
                null, new() { Timeout = Connect, PollingInterval = 50 });
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", name);
            await RemoveHostAsync(host);
        }
    }

    [Fact]
    public async Task The_sections_of_a_host_list_that_engines_images_and_volumes_and_its_links_stay_on_it()
    {
        await LabEngines.EnsureAsync();
        var volume = LabContainers.UniqueName("pages-vol");
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "volume", "create", "--label", $"{LabContainers.TestLabel}=1", volume);
        await LoginAsync(Page, "/containers");
        var host = await AddTlsHostAsync();
        try
        {
            await Page.GotoAsync($"/hosts/{host}/volumes");
            await Expect(Page.Locator("[data-testid=volume-link]").Filter(new() { HasText = volume })).ToHaveCountAsync(1, new() { Timeout = Connect });
            await Expect(Page.Locator("nav[aria-label=Sections] a", new() { HasText = "Images" })).ToHaveAttributeAsync("href", $"/hosts/{host}/images");

            await Page.Locator("nav[aria-label=Sections] a", new() { HasText = "Images" }).ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/hosts/{host}/images$"), new() { Timeout = StateChange });
            await Expect(Page.Locator("[data-testid=list-cli] .command")).ToContainTextAsync($"docker {Flags} images", new() { Timeout = Connect });
            await Expect(Page.Locator("[data-testid=image-row]").Filter(new() { HasText = "quayside-lab/busybox" }).First).ToBeVisibleAsync(new() { Timeout = Connect });

            await Page.GotoAsync("/volumes");
            await WaitForInteractiveAsync(Page, "[data-testid=search]");
            await Expect(Page.Locator("[data-testid=volume-link]").Filter(new() { HasText = volume })).ToHaveCountAsync(0);
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "volume", "rm", "-f", volume);
            await RemoveHostAsync(host);
        }
    }

    [Fact]
    public async Task All_hosts_lists_a_container_of_each_host_and_one_stop_stops_both()
    {
        await LabEngines.EnsureAsync();
        var team = "e2e-team-" + Guid.NewGuid().ToString("N")[..6];
        var local = await RunSleeperAsync("all-local", "--label", $"com.example.team={team}");
        var remote = LabContainers.UniqueName("all-remote");
        await LoginAsync(Page, "/containers");
        var host = await AddTlsHostAsync();
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "run", "-d", "--name", remote, "--label", $"{LabContainers.TestLabel}=1",
            "--label", $"com.example.team={team}", LabContainers.BusyboxImage, "sleep", "1000");
        try
        {
            await Page.Locator("[data-testid=all-hosts-link]").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex("/all/containers$"), new() { Timeout = StateChange });
            await WaitForInteractiveAsync(Page, "[data-testid=all-search]");
            await Page.Locator("[data-testid=all-search]").FillAsync(team);
            // Other tests may have the same lab engine added under other names meanwhile: only these two hosts' rows count.
            var rows = Page.Locator($"[data-testid=all-row][data-host=local], [data-testid=all-row][data-host={host}]");
            await Expect(rows).ToHaveCountAsync(2, new() { Timeout = Connect });
            await Expect(Page.Locator($"[data-testid=all-row][data-host=local][data-name={local}]")).ToHaveAttributeAsync("data-state", "running");
            await Expect(Page.Locator($"[data-testid=all-row][data-host={host}][data-name={remote}]")).ToHaveAttributeAsync("data-state", "running", new() { Timeout = Connect });
            await Expect(Page.Locator("[data-testid=all-cli] .command").Filter(new() { HasText = LabEngines.TlsAddress })).ToHaveTextAsync($"docker {Flags} ps -a");

            await Page.Locator($"label:has([data-testid=host-filter][data-host={host}])").ClickAsync();
            await Expect(Page.Locator("[data-testid=all-row]")).ToHaveCountAsync(1);
            await Expect(Page.Locator("[data-testid=all-row]").First).ToHaveAttributeAsync("data-name", remote);
            await Page.Locator($"label:has([data-testid=host-filter][data-host={host}])").ClickAsync();
            await Expect(rows).ToHaveCountAsync(2);

            foreach (var select in await rows.Locator("[data-testid=all-select]").AllAsync())
                await select.CheckAsync();
            await Expect(Page.Locator("[data-testid=all-selected]")).ToHaveTextAsync("2 selected");
            await Page.Locator("[data-testid=all-stop]").ClickAsync();
            await Expect(Page.Locator($"[data-testid=all-row][data-name={local}]")).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = Connect });
            await Expect(Page.Locator($"[data-testid=all-row][data-name={remote}]")).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = Connect });
            await Expect(Page.Locator($"[data-testid=all-outcome][data-host={host}] [data-testid=outcome-cli] .command")).ToHaveTextAsync($"docker {Flags} stop -t 10 {remote}");
            Assert.Equal("exited", await StatusOfAsync(local));
            Assert.Equal("exited", await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "inspect", "-f", "{{.State.Status}}", remote));

            await Page.Locator($"[data-testid=all-row][data-name={remote}] [data-testid=all-container-link]").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/hosts/{host}/containers/[0-9a-f]{{64}}$"), new() { Timeout = StateChange });
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", remote);
            await RemoveHostAsync(host);
        }
    }
}
