using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Deploy;

/// <summary>
/// Quayside run as a container by deploy/run-in-docker.sh, from an image built from deploy/Dockerfile, seen from the
/// host as a user sees it: over HTTP(S) in Chromium. Each test has its own container, volume and port.
/// </summary>
[Collection(OwnQuaysideCollection.Name)]
public sealed class RunInDockerTests(TestBrowser browser, QuaysideImage image, ITestOutputHelper output) : IClassFixture<QuaysideImage>, IAsyncLifetime
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private readonly string _name = LabContainers.UniqueName("deploy");
    private readonly string _password = "deploy-pass-" + Guid.NewGuid().ToString("N")[..12];
    private readonly int _port = QuaysideApp.FreePort();

    private string Url(string scheme = "http") => $"{scheme}://127.0.0.1:{_port}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await QuaysideImage.RemoveDeploymentAsync(_name, output);
        // Whatever the test did, the host's socket is as it was: never chown'ed or chmod'ed.
        Assert.Equal(image.SocketBefore, await QuaysideImage.SocketOwnerAndModeAsync());
    }

    private async Task<DockerCommand.Result> ScriptAsync(bool withPassword, params string[] args)
    {
        var result = await image.RunScriptAsync(image.ScriptEnvironment(_name, withPassword ? _password : null), args);
        output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} $ run-in-docker.sh {string.Join(' ', args)}  (exit {result.ExitCode})\n{result.Stdout}{result.Stderr}");
        return result;
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + HealthTimeout;
        var status = "";
        while (DateTime.UtcNow < deadline)
        {
            status = await DockerCommand.InspectAsync(_name, "{{.State.Health.Status}}");
            if (status == "healthy")
                return;
            await Task.Delay(1000);
        }
        Assert.Fail($"{_name} was still '{status}' after {HealthTimeout.TotalSeconds} s");
    }

    private async Task<IPage> LoginAsync(string scheme = "http")
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = Url(scheme), IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1600, Height = 1000 } });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(60_000); // the first page of a fresh container, on a busy shared machine
        var page = await context.NewPageAsync();
        page.RequestFailed += (_, r) => output.WriteLine($"browser: request failed ({r.Failure}) {r.Method} {r.Url}");
        await GotoAsync(page, "/login?returnUrl=%2Fcontainers");
        await page.Locator("#userName").FillAsync(QuaysideApp.UserName);
        await page.Locator("#password").FillAsync(_password);
        output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} login form loaded over {scheme}");
        await page.Locator("button[type=submit]").ClickAsync();
        try
        {
            await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/containers", new() { WaitUntil = WaitUntilState.Commit, Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            // The redirect after the login was aborted (ERR_NETWORK_CHANGED, see GotoAsync); the session cookie came with
            // the login's answer, so the page opens now, or sends back to /login if the login failed.
            output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} after the login the page is at {page.Url}; opening /containers again");
            await GotoAsync(page, "/containers");
        }
        Assert.Equal("/containers", new Uri(page.Url).AbsolutePath);
        output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} logged in");
        return page;
    }

    [Fact]
    public async Task Run_starts_a_healthy_unprivileged_container_that_lists_itself_marked_and_warns_before_stopping_itself()
    {
        var run = await ScriptAsync(true, "-r", "-p", _port.ToString(), "-i", QuaysideImage.Tag);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Quayside is running in container {_name}: {Url()}", run.Stdout);
        Assert.Contains("docker create --name " + _name + " --restart unless-stopped --network " + _name + "-net -p 127.0.0.1:" + _port + ":8000", run.Stderr);
        Assert.Contains("docker start " + _name, run.Stderr);
        await WaitHealthyAsync();

        // The app runs as its own user with the socket's group added, not as root.
        var status = await DockerCommand.OkAsync("exec", _name, "cat", "/proc/1/status");
        Assert.Contains("Uid:\t10001\t10001", status);
        var socketGid = image.SocketBefore.Split(' ')[0].Split(':')[1];
        Assert.Matches($@"Groups:\s*{socketGid}\s*\n", status);

        // Stacks run compose in here: it answers, and reaches the engine, as the app's user with the socket's group.
        var compose = await DockerCommand.OkAsync("exec", "-u", $"10001:{socketGid}", _name, "docker-compose", "version");
        Assert.Matches(@"(?i)^docker[- ]compose version v?\d+\.\d+", compose);
        var ps = await DockerCommand.RunAsync("exec", "-u", $"10001:{socketGid}", _name, "sh", "-c",
            $"printf 'services:\\n  probe:\\n    image: {LabContainers.BusyboxImage}\\n' | docker-compose -f - -p {_name} ps");
        Assert.True(ps.ExitCode == 0, $"docker-compose ps in the container failed ({ps.ExitCode}): {ps.Stderr}");

        // Running it again changes nothing and says where it is.
        var id = await DockerCommand.InspectAsync(_name, "{{.Id}}");
        var again = await ScriptAsync(true, "-r", "-p", _port.ToString(), "-i", QuaysideImage.Tag);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains(Url(), again.Stdout);
        Assert.Equal(id, await DockerCommand.InspectAsync(_name, "{{.Id}}"));

        var page = await LoginAsync();
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=search]").FillAsync(_name);
        var row = page.Locator($"tr[data-testid=container-row][data-name=\"{_name}\"]");
        await Expect(row.Locator("[data-testid=self-badge]")).ToHaveTextAsync("this is Quayside", new() { Timeout = 15_000 });
        // Another container (a lab sleeper) is listed too, without the mark.
        var other = LabContainers.UniqueName("deploy-other");
        try
        {
            await LabContainers.RunSleeperAsync(other);
            await page.Locator("[data-testid=search]").FillAsync(other);
            var otherRow = page.Locator($"tr[data-testid=container-row][data-name=\"{other}\"]");
            await Expect(otherRow).ToHaveCountAsync(1);
            await Expect(otherRow.Locator("[data-testid=self-badge]")).ToHaveCountAsync(0);
        }
        finally
        {
            await LabContainers.RemoveAsync(other);
        }

        await page.Locator("[data-testid=search]").FillAsync(_name);
        await row.Locator("[data-testid=row-stop]").ClickAsync();
        var dialog = page.Locator("[data-testid=confirm-dialog]");
        await Expect(dialog).ToContainTextAsync("This is the Quayside container; stopping it ends this page.");
        await Expect(dialog.Locator("[data-testid=confirm-cli] .command")).ToHaveTextAsync($"docker stop -t 10 {_name}");
        await dialog.Locator("fluent-button", new() { HasText = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal("running", await DockerCommand.InspectAsync(_name, "{{.State.Status}}"));

        await row.Locator("[data-testid=row-more]").ClickAsync();
        await row.Locator("[data-testid=row-remove]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("This is the Quayside container; stopping it ends this page.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upgrade_recreates_the_container_keeping_the_admin_account_and_stop_removes_it_but_not_the_data()
    {
        Assert.Equal(0, (await ScriptAsync(true, "-r", "-p", _port.ToString(), "-i", QuaysideImage.Tag)).ExitCode);
        var firstId = await DockerCommand.InspectAsync(_name, "{{.Id}}");
        var page = await LoginAsync();
        await page.Context.CloseAsync();

        // Without QUAYSIDE_ADMIN_PASSWORD this time: a lost volume would mean no admin and a setup token instead.
        var upgrade = await ScriptAsync(false, "-u");
        Assert.Equal(0, upgrade.ExitCode);
        Assert.Contains(Url(), upgrade.Stdout);
        Assert.DoesNotContain("setup token", upgrade.Stdout);
        Assert.NotEqual(firstId, await DockerCommand.InspectAsync(_name, "{{.Id}}"));
        Assert.Equal("unless-stopped", await DockerCommand.InspectAsync(_name, "{{.HostConfig.RestartPolicy.Name}}"));
        Assert.Equal(_name + "-net", await DockerCommand.InspectAsync(_name, "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}"));
        page = await LoginAsync();
        await Expect(page.Locator("[data-testid=containers-table]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Context.CloseAsync();

        var stop = await ScriptAsync(false, "-s");
        Assert.Equal(0, stop.ExitCode);
        Assert.False((await DockerCommand.RunAsync("container", "inspect", _name)).ExitCode == 0, "the container is still there");
        Assert.Equal(0, (await DockerCommand.RunAsync("volume", "inspect", _name + "-data")).ExitCode);
        Assert.False((await DockerCommand.RunAsync("network", "inspect", _name + "-net")).ExitCode == 0, "the container's network is still there");
        var stopAgain = await ScriptAsync(false, "-s");
        Assert.Equal(0, stopAgain.ExitCode);
        Assert.Contains("nothing to stop", stopAgain.Stdout);
    }

    [Fact]
    public async Task Tls_option_serves_https_with_a_self_signed_certificate_kept_in_the_data_volume()
    {
        var run = await ScriptAsync(true, "-r", "-t", "-p", _port.ToString(), "-i", QuaysideImage.Tag);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Quayside is running in container {_name}: {Url("https")}", run.Stdout);
        await WaitHealthyAsync();

        var first = await ServerCertificateAsync();
        Assert.Equal("CN=Quayside", first.Subject);
        var page = await LoginAsync("https");
        await Expect(page.Locator("[data-testid=containers-table]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
        using (var plain = new HttpClient())
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetStringAsync(Url() + "/health"));

        // Recreated: same certificate, from the volume; still HTTPS without giving -t again.
        Assert.Equal(0, (await ScriptAsync(false, "-u")).ExitCode);
        var second = await ServerCertificateAsync();
        Assert.Equal(first.Thumbprint, second.Thumbprint);
    }

    [Fact]
    public async Task Unknown_options_are_refused_with_the_help_text()
    {
        var result = await ScriptAsync(false, "-x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option -x", result.Stderr);
        Assert.Contains("-u        upgrade", result.Stderr);
        var help = await ScriptAsync(false, "-h");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("-i IMAGE", help.Stdout);
    }

    [Fact]
    public async Task Image_carries_version_and_source_labels_a_healthcheck_and_the_busybox_binaries()
    {
        Assert.Equal(image.Version, await DockerCommand.InspectAsync(QuaysideImage.Tag, "{{index .Config.Labels \"org.opencontainers.image.version\"}}"));
        Assert.StartsWith("https://", await DockerCommand.InspectAsync(QuaysideImage.Tag, "{{index .Config.Labels \"org.opencontainers.image.source\"}}"));
        Assert.Contains("--health-check", await DockerCommand.InspectAsync(QuaysideImage.Tag, "{{json .Config.Healthcheck.Test}}"));
        Assert.Equal("/data", (await DockerCommand.InspectAsync(QuaysideImage.Tag, "{{range $k, $v := .Config.Volumes}}{{$k}}{{end}}")));
        var list = await DockerCommand.OkAsync("run", "--rm", "--label", $"{LabContainers.TestLabel}=1", "--entrypoint", "/app/busybox/amd64/busybox", QuaysideImage.Tag, "ls", "/app/busybox/arm64");
        Assert.Equal("busybox", list);
    }

    private async Task<X509Certificate2> ServerCertificateAsync()
    {
        var deadline = DateTime.UtcNow + HealthTimeout;
        while (true)
        {
            try
            {
                X509Certificate2? seen = null;
                using var handler = new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        RemoteCertificateValidationCallback = (_, cert, _, _) =>
                        {
                            seen = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
                            return true;
                        },
                    },
                };
                using var http = new HttpClient(handler);
                Assert.Equal("ok", await http.GetStringAsync(Url("https") + "/health"));
                return seen ?? throw new InvalidOperationException("no certificate seen");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// Chromium aborts a navigation with ERR_NETWORK_CHANGED when the host's interfaces change, which they do whenever
    /// a container starts or stops on the shared engine: navigate again then.
    /// </summary>
    private static async Task GotoAsync(IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(path);
                return;
            }
            catch (PlaywrightException e) when (attempt < 5 && e.Message.Contains("ERR_NETWORK_CHANGED"))
            {
                await Task.Delay(300);
            }
        }
    }

    private static async Task WaitForInteractiveAsync(IPage page)
    {
        await GotoAsync(page, "/containers");
        await page.WaitForFunctionAsync(
            "s => { const e = document.querySelector(s); return !!e && Object.keys(e).some(k => k.startsWith('_blazorEvents_')); }",
            "[data-testid=search]", new() { Timeout = 60_000, PollingInterval = 50 });
    }
}
