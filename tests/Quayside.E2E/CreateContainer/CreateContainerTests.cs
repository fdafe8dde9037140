using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.CreateContainer;

/// <summary>The create-container form in the browser, checked against what the engine then holds.</summary>
public sealed class CreateContainerTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const float CreateTimeout = 30_000;

    private ILocator Field(string testId) => Page.Locator($"[data-testid={testId}]");

    private async Task OpenFormAsync(string? image = LabContainers.BusyboxImage)
    {
        await LoginAsync(Page, "/containers/new");
        await WaitForInteractiveAsync(Page, "[data-testid=image]");
        if (image is not null)
            await Field("image").FillAsync(image);
    }

    /// <summary>Name, command, and the test label (so a left-over container is cleaned up with the others).</summary>
    private async Task FillBasicsAsync(string name, string command = "sleep 100000")
    {
        await Field("name").FillAsync(name);
        await Field("command").FillAsync(command);
        await AddLabelAsync(LabContainers.TestLabel, "1");
    }

    private async Task AddLabelAsync(string key, string value)
    {
        var index = await Page.Locator("[data-testid^=label-key-]").CountAsync();
        await Field("add-label").ClickAsync();
        await Field($"label-key-{index}").FillAsync(key);
        await Field($"label-value-{index}").FillAsync(value);
    }

    private async Task CreateAsync(bool expectOk = true)
    {
        await FluentButton(Page.Locator("section.actions"), await Field("start-after-create").IsCheckedAsync() ? "Create and start" : "Create").ClickAsync();
        await Expect(Field("create-outcome")).ToHaveAttributeAsync("data-ok", expectOk ? "true" : "false", new() { Timeout = CreateTimeout });
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task A_bind_mount_and_a_published_port_serve_a_host_file_from_the_container()
    {
        var site = Directory.CreateTempSubdirectory("qt-site-");
        try
        {
            var marker = "served-" + Guid.NewGuid().ToString("N");
            await File.WriteAllTextAsync(Path.Combine(site.FullName, "index.html"), marker);
            var name = NewName("web");
            var port = FreePort();
            await OpenFormAsync();
            await FillBasicsAsync(name, "busybox httpd -f -p 8080 -h /www");
            await Field("add-bind").ClickAsync();
            await Field("bind-host-0").FillAsync(site.FullName);
            await Field("bind-container-0").FillAsync("/www");
            await Field("bind-ro-0").CheckAsync();
            await Field("add-port").ClickAsync();
            await Field("port-ip-0").FillAsync("127.0.0.1");
            await Field("port-host-0").FillAsync(port.ToString());
            await Field("port-container-0").FillAsync("8080");

            await Expect(Field("run-cli").Locator(".command")).ToHaveTextAsync(
                $"docker run -d --name {name} --label {LabContainers.TestLabel}=1 -v {site.FullName}:/www:ro -p 127.0.0.1:{port}:8080 {LabContainers.BusyboxImage} busybox httpd -f -p 8080 -h /www");
            await CreateAsync();
            Assert.Equal("running", await StatusOfAsync(name));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            string? body = null;
            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                try
                {
                    body = await http.GetStringAsync($"http://127.0.0.1:{port}/index.html");
                    return true;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(10)), "the published port never answered");
            Assert.Equal(marker, body);
        }
        finally
        {
            site.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Host_network_environment_and_labels_reach_the_engine()
    {
        var name = NewName("hostnet");
        await OpenFormAsync();
        await FillBasicsAsync(name);
        await Field("network").FillAsync("host");
        await Field("add-env").ClickAsync();
        await Field("env-key-0").FillAsync("GREETING");
        await Field("env-value-0").FillAsync("hello world");
        await Field("env-block").Locator("xpath=..").Locator("summary").ClickAsync();
        await Field("env-block").FillAsync("# pasted\nMODE=\"prod\"\nexport LEVEL=3\n");
        await Field("env-block-add").ClickAsync();
        await AddLabelAsync("com.example.team", "blue green");

        await Expect(Field("run-cli").Locator(".command")).ToContainTextAsync("-e 'GREETING=hello world' -e MODE=prod -e LEVEL=3");
        await CreateAsync();
        Assert.Equal("host", await DockerCommand.InspectAsync(name, "{{.HostConfig.NetworkMode}}"));
        var env = await DockerCommand.InspectAsync(name, "{{json .Config.Env}}");
        Assert.Contains("\"GREETING=hello world\"", env);
        Assert.Contains("\"MODE=prod\"", env);
        Assert.Contains("\"LEVEL=3\"", env);
        Assert.Equal("blue green", await DockerCommand.InspectAsync(name, "{{index .Config.Labels \"com.example.team\"}}"));
    }

    [Theory]
    [InlineData("512m", 536870912L, "536,870,912 bytes (512 MiB)")]
    [InlineData("1g", 1073741824L, "1,073,741,824 bytes (1 GiB)")]
    [InlineData("1.5GiB", 1610612736L, "1,610,612,736 bytes (1.5 GiB)")]
    [InlineData("268435456", 268435456L, "268,435,456 bytes (256 MiB)")]
    public async Task A_memory_limit_in_each_unit_form_shows_its_bytes_and_is_what_the_engine_gets(string typed, long bytes, string shown)
    {
        var name = NewName("mem");
        await OpenFormAsync();
        await FillBasicsAsync(name);
        await Field("start-after-create").UncheckAsync();
        await Field("memory").FillAsync(typed);
        await Expect(Field("memory-bytes")).ToHaveTextAsync("= " + shown);
        await Expect(Field("run-cli").Locator(".command")).ToContainTextAsync($"docker create --name {name}");
        await CreateAsync();
        Assert.Equal(bytes.ToString(), await DockerCommand.InspectAsync(name, "{{.HostConfig.Memory}}"));
        Assert.Equal("created", await StatusOfAsync(name));
    }

    [Fact]
    public async Task A_health_check_and_a_restart_policy_are_set_and_the_container_turns_healthy()
    {
        var name = NewName("health");
        await OpenFormAsync();
        await FillBasicsAsync(name);
        await Field("health-cmd").FillAsync("test -d /proc");
        await Field("health-interval").FillAsync("1s");
        await Field("health-retries").FillAsync("2");
        await Field("restart").SelectOptionAsync("on-failure");
        await Field("max-retries").FillAsync("4");
        await Expect(Field("run-cli").Locator(".command")).ToContainTextAsync("--restart on-failure:4 --health-cmd 'test -d /proc' --health-interval 1s --health-retries 2");
        await CreateAsync();

        Assert.Equal("on-failure 4", await DockerCommand.InspectAsync(name, "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"));
        Assert.Equal("[\"CMD-SHELL\",\"test -d /proc\"] 1s", await DockerCommand.InspectAsync(name, "{{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}}"));
        Assert.True(await EngineWait.UntilAsync(async () => await DockerCommand.InspectAsync(name, "{{.State.Health.Status}}") == "healthy", TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Invalid_inputs_each_get_their_message_and_nothing_is_created()
    {
        var name = NewName("bad");
        await OpenFormAsync();
        await FillBasicsAsync(name);
        await Field("add-port").ClickAsync();
        await Field("port-container-0").FillAsync("99999");
        await Field("memory").FillAsync("12x");
        await Field("add-bind").ClickAsync();
        await Field("bind-host-0").FillAsync("site");
        await Field("bind-container-0").FillAsync("/data");
        await Field("health-interval").FillAsync("30");

        await Expect(Field("error-ports")).ToContainTextAsync("'99999' is not a port: use a number from 1 to 65535");
        await Expect(Field("error-memory")).ToContainTextAsync("'12x' is not a size for the memory limit: use a number of bytes, or a number with a unit");
        await Expect(Field("error-binds")).ToContainTextAsync("the host path 'site' is relative: bind mounts need an absolute path");
        await Expect(Field("error-health")).ToContainTextAsync("is not a duration: use a number with a unit ms, s, m or h");

        await FluentButton(Page.Locator("section.actions"), "Create and start").ClickAsync();
        await Expect(Field("error-ports")).ToBeVisibleAsync();
        Assert.False(await ExistsAsync(name));
    }

    [Fact]
    public async Task A_name_in_use_is_reported_next_to_the_name_and_the_form_keeps_what_was_typed()
    {
        var existing = await RunSleeperAsync("taken");
        await OpenFormAsync();
        await FillBasicsAsync(existing, "echo kept");
        await Field("memory").FillAsync("64m");
        await CreateAsync(expectOk: false);

        await Expect(Field("error-name")).ToContainTextAsync($"The name '{existing}' is already used by another container.");
        await Expect(Field("name")).ToHaveValueAsync(existing);
        await Expect(Field("command")).ToHaveValueAsync("echo kept");
        await Expect(Field("memory")).ToHaveValueAsync("64m");
        await Expect(Field("label-key-0")).ToHaveValueAsync(LabContainers.TestLabel);
        Assert.Equal("sleep 100000", await DockerCommand.InspectAsync(existing, "{{join .Config.Cmd \" \"}}"));
    }

    [Fact]
    public async Task The_new_container_button_and_an_image_link_open_the_form()
    {
        await LoginAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Field("new-container").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/containers/new");
        await Expect(Field("run-cli").Locator(".command")).ToHaveTextAsync("docker run -d IMAGE");

        // An image row's "Create container" opens the form with that image.
        await Page.GotoAsync($"/containers/new?image={Uri.EscapeDataString(LabContainers.BusyboxImage)}");
        await WaitForInteractiveAsync(Page, "[data-testid=image]");
        await Expect(Field("image")).ToHaveValueAsync(LabContainers.BusyboxImage);
        await Expect(Field("run-cli").Locator(".command")).ToHaveTextAsync($"docker run -d {LabContainers.BusyboxImage}");
    }
}
