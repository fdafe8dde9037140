using Quayside.TestSupport;

namespace Quayside.E2E.Hosts;

public sealed class HostsPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const float Connect = 30_000;

    [Fact]
    public async Task A_TLS_engine_added_on_the_page_lists_its_containers_whose_cli_line_runs_and_whose_stop_stops_it_there()
    {
        await LabEngines.EnsureAsync();
        var host = "e2e-tls-" + Guid.NewGuid().ToString("N")[..6];
        var name = NewName("on-tls");
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage, "sleep", "1000");
        try
        {
            await LoginAsync(Page, "/hosts");
            await WaitForInteractiveAsync(Page, "[data-testid=host-form]");
            await Page.Locator("[data-testid=host-name]").FillAsync(host);
            await Page.Locator("[data-testid=host-address]").FillAsync(LabEngines.TlsAddress);
            await Page.Locator("[data-testid=host-ca]").FillAsync(await File.ReadAllTextAsync(LabEngines.TlsFile("ca.pem")));
            await Page.Locator("[data-testid=host-cert]").FillAsync(await File.ReadAllTextAsync(LabEngines.TlsFile("client-cert.pem")));
            await Page.Locator("[data-testid=host-key-pem]").FillAsync(await File.ReadAllTextAsync(LabEngines.TlsFile("client-key.pem")));
            await Page.Locator("[data-testid=host-form-test]").ClickAsync();
            await Expect(Page.Locator("[data-testid=host-probe]")).ToContainTextAsync($"Connected to {LabEngines.TlsAddress}: Docker 20.10", new() { Timeout = Connect });
            await Page.Locator("[data-testid=host-save]").ClickAsync();

            var row = Page.Locator($"tr[data-testid=host-row][data-host=\"{host}\"]");
            await Expect(row).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Connect });
            await Expect(row.Locator("[data-testid=host-cli]")).ToHaveTextAsync($"docker -H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem ps -a");

            await Page.Locator("[data-testid=host-select]").SelectOptionAsync(host);
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/hosts/{host}/containers$"), new() { Timeout = StateChange });
            await WaitForInteractiveAsync(Page, "[data-testid=search]");
            await Expect(Row(name)).ToHaveAttributeAsync("data-state", "running", new() { Timeout = StateChange });
            var line = await Page.Locator("[data-testid=list-cli] .command").TextContentAsync();
            Assert.Equal($"docker -H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem ps -a", line);

            // The line as shown, run by the real CLI beside the user's copies of the three files.
            var folder = Directory.CreateTempSubdirectory("qt-tls-").FullName;
            File.Copy(LabEngines.TlsFile("ca.pem"), Path.Combine(folder, "ca.pem"));
            File.Copy(LabEngines.TlsFile("client-cert.pem"), Path.Combine(folder, "cert.pem"));
            File.Copy(LabEngines.TlsFile("client-key.pem"), Path.Combine(folder, "key.pem"));
            var ran = await DockerCommand.RunLineAsync($"cd {folder} && {line}");
            Directory.Delete(folder, recursive: true);
            Assert.True(ran.ExitCode == 0, ran.Stderr);
            Assert.Contains(name, ran.Stdout);

            await Row(name).Locator("[data-testid=row-stop]").ClickAsync();
            await Expect(Row(name)).ToHaveAttributeAsync("data-state", "exited", new() { Timeout = Connect });
            Assert.Equal("exited", await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "inspect", "-f", "{{.State.Status}}", name));

            await Page.GotoAsync("/containers");
            await WaitForInteractiveAsync(Page, "[data-testid=search]");
            await Expect(Row(name)).ToHaveCountAsync(0);

            await Page.GotoAsync("/hosts");
            await WaitForInteractiveAsync(Page, "[data-testid=host-form]");
            await row.Locator("[data-testid=host-remove]").ClickAsync();
            await Expect(Page.Locator("[data-testid=confirm-items]")).ToContainTextAsync("its TLS certificate and key");
            await Page.Locator("[data-testid=confirm-button]").ClickAsync();
            await Expect(row).ToHaveCountAsync(0, new() { Timeout = StateChange });
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", name);
        }
    }

    [Fact]
    public async Task An_unknown_host_in_the_address_is_a_not_found_page()
    {
        await LoginAsync(Page, "/hosts");
        await Page.GotoAsync("/hosts/no-such-host/containers");
        await Expect(Page.Locator("h1")).ToContainTextAsync("not found", new() { Timeout = StateChange, IgnoreCase = true });
        await Expect(Page.Locator("[data-testid=container-row]")).ToHaveCountAsync(0);
    }
}
