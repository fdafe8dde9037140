using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Tests.Hosts;

/// <summary>
/// Every feature's API and socket on a host other than the default one (the lab's TLS and SSH engines): the answers come
/// from that engine, the actions land on it, and the CLI lines name it as the user would type them.
/// </summary>
public class FeaturesOnHostsApiTests : LoggedInTest
{
    private const string Tls = "feat-tls";
    private static readonly string TlsFlags = $"-H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem";

    private async Task<EngineHost> AddAsync(string name, Task<Engine.Connection.EngineEndpoint> endpoint)
    {
        await LabEngines.EnsureAsync();
        var host = App.Services.GetRequiredService<HostRegistry>().Put(name, await endpoint);
        Assert.True(await host.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(30)), host.Model.Status.Problem?.ToString());
        return host;
    }

    private static Task<string> OnNodeAsync(string node, params string[] args) => DockerCommand.OkAsync(["exec", node, "docker", .. args]);

    [Fact]
    public async Task Images_volumes_networks_system_and_events_answer_from_the_tls_engine_with_lines_naming_it()
    {
        var host = await AddAsync(Tls, Task.FromResult(LabEngines.TlsEndpoint()));
        var volume = LabContainers.UniqueName("feat-vol");
        var network = LabContainers.UniqueName("feat-net");
        await OnNodeAsync(LabEngines.TlsContainer, "network", "create", "--label", $"{LabContainers.TestLabel}=1", network);
        try
        {
            var images = await GetJsonAsync($"/api/hosts/{Tls}/images");
            Assert.StartsWith($"docker {TlsFlags} images", images.GetProperty("cli").GetString());
            Assert.Contains(images.GetProperty("items").EnumerateArray(), i => i.GetRawText().Contains(LabContainers.BusyboxImage));

            var created = await Client.PostAsJsonAsync($"/api/hosts/{Tls}/volumes", new { name = volume, labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1" } });
            var outcome = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(created.IsSuccessStatusCode, outcome.ToString());
            Assert.StartsWith($"docker {TlsFlags} volume create", outcome.GetProperty("cli").GetString());
            Assert.Equal(volume, await OnNodeAsync(LabEngines.TlsContainer, "volume", "inspect", "-f", "{{.Name}}", volume));
            Assert.True(await EngineWait.UntilAsync(async () => (await GetJsonAsync($"/api/hosts/{Tls}/volumes")).GetRawText().Contains(volume), TimeSpan.FromSeconds(15)));
            Assert.DoesNotContain(volume, (await GetJsonAsync("/api/volumes")).GetRawText());

            Assert.True(await EngineWait.UntilAsync(async () => (await GetJsonAsync($"/api/hosts/{Tls}/networks")).GetRawText().Contains(network), TimeSpan.FromSeconds(15)),
                "the TLS host's networks never listed the network made on it");
            Assert.DoesNotContain(network, (await GetJsonAsync("/api/networks")).GetRawText());

            var version = await GetJsonAsync($"/api/hosts/{Tls}/system/version");
            Assert.Equal(await OnNodeAsync(LabEngines.TlsContainer, "version", "-f", "{{.Server.Version}}"), version.GetProperty("Version").GetString());
            var df = await GetJsonAsync($"/api/hosts/{Tls}/system/df");
            Assert.Equal($"docker {TlsFlags} system df -v", df.GetProperty("cli").GetString());
            Assert.True((await GetJsonAsync($"/api/hosts/{Tls}/engine/status")).GetProperty("isConnected").GetBoolean());

            var events = await GetJsonAsync($"/api/hosts/{Tls}/events/recent?type=volume");
            Assert.Contains(events.EnumerateArray(), e => e.GetRawText().Contains(volume));

            var removed = await Client.DeleteAsync($"/api/hosts/{Tls}/volumes/{volume}");
            Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
            Assert.Equal(1, (await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "volume", "inspect", volume)).ExitCode);
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "volume", "rm", "-f", volume);
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "network", "rm", network);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }

    [Fact]
    public async Task A_container_on_the_tls_engine_is_inspected_its_files_read_and_written_its_log_downloaded_and_its_stats_read()
    {
        var host = await AddAsync(Tls + "-c", Task.FromResult(LabEngines.TlsEndpoint()));
        var on = $"/api/hosts/{host.Name}";
        var name = LabContainers.UniqueName("feat-c");
        await OnNodeAsync(LabEngines.TlsContainer, "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage,
            "sh", "-c", "echo hello-from-the-tls-node; exec sleep 1000");
        try
        {
            var inspect = await GetJsonAsync($"{on}/containers/{name}/inspect");
            Assert.Equal($"docker {TlsFlags} inspect {name}", inspect.GetProperty("cli").GetString());
            Assert.Equal("/" + name, inspect.GetProperty("inspect").GetProperty("Name").GetString());

            var top = await GetJsonAsync($"{on}/containers/{name}/top");
            Assert.Contains("sleep 1000", top.GetProperty("processes").GetRawText());

            var upload = await Client.PostAsync($"{on}/containers/{name}/files/upload?path=/etc&name=up.txt", new ByteArrayContent("written over TLS"u8.ToArray()));
            Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
            Assert.Equal("written over TLS", await OnNodeAsync(LabEngines.TlsContainer, "exec", name, "cat", "/etc/up.txt"));
            Assert.Contains("up.txt", (await GetJsonAsync($"{on}/containers/{name}/files?path=/etc")).GetRawText());

            var log = await Client.GetAsync($"{on}/logs/download?c={name}");
            Assert.True(log.IsSuccessStatusCode, await log.Content.ReadAsStringAsync());
            Assert.Contains("hello-from-the-tls-node", await log.Content.ReadAsStringAsync());
            Assert.StartsWith($"docker {TlsFlags} logs", log.Headers.GetValues("X-Docker-Cli").Single());

            var stats = await GetJsonAsync($"{on}/containers/{name}/stats");
            Assert.Equal($"docker {TlsFlags} stats --no-stream {name}", stats.GetProperty("cli").GetString());
            Assert.True(stats.GetProperty("latest").GetProperty("memoryUsage").GetDouble() > 0, stats.ToString());

            var missing = await Client.GetAsync($"/api/containers/{name}/inspect");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", name);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }

    [Fact]
    public async Task The_console_and_logs_sockets_reach_a_container_on_the_ssh_engine()
    {
        var host = await AddAsync("feat-ssh", LabEngines.SshEndpointAsync());
        var name = LabContainers.UniqueName("feat-ssh");
        await OnNodeAsync(LabEngines.SshContainer, "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage,
            "sh", "-c", "echo first-line-over-ssh; exec sleep 1000");
        try
        {
            var cookie = await App.SessionCookieAsync();
            using (var console = await App.WebSocketClient("http://localhost", cookie)
                .ConnectAsync(new Uri($"ws://localhost/ws/hosts/feat-ssh/exec/{name}?cmd=%2Fbin%2Fsh"), CancellationToken.None))
            {
                await console.SendAsync("echo ech''o-over-ssh; exit 3\n"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
                var (output, control) = await ReadAsync(console, text => text.Contains("\"end\""));
                Assert.Contains("echo-over-ssh\r\n", output);
                Assert.Contains("\"exitCode\":3", control);
            }

            using var logs = await App.WebSocketClient("http://localhost", cookie)
                .ConnectAsync(new Uri($"ws://localhost/ws/hosts/feat-ssh/logs?c={name}&follow=1"), CancellationToken.None);
            var (_, stream) = await ReadAsync(logs, text => text.Contains("first-line-over-ssh"));
            Assert.Contains("first-line-over-ssh", stream);

            // The CLI line as the pages show it for this host, run by the real docker CLI (over the system's ssh).
            var ps = await DockerCommand.RunLineAsync(host.Cli($"docker ps -a --filter name={name} --format '{{{{.Names}}}} {{{{.State}}}}'"));
            Assert.True(ps.ExitCode == 0, ps.Stderr);
            Assert.Equal($"{name} running", ps.Stdout.Trim());

            var unknown = App.WebSocketClient("http://localhost", cookie);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => unknown.ConnectAsync(new Uri($"ws://localhost/ws/hosts/no-such-host/logs?c={name}"), CancellationToken.None));
            Assert.Contains("404", refused.Message);
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.SshContainer, "docker", "rm", "-f", name);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }

    [Fact]
    public async Task A_pull_started_on_the_tcp_engine_lands_there_and_is_listed_on_that_host_only()
    {
        var host = await AddAsync("feat-tcp", Task.FromResult(LabEngines.TcpEndpoint));
        var reference = await LabRegistry.CopyTagAsync(LabRegistry.Open, LabRegistry.Busybox, "1-amd64", LabRegistry.UniqueTag("feat-pull"));
        try
        {
            var started = await Client.PostAsJsonAsync("/api/hosts/feat-tcp/pulls", new { reference });
            var job = await started.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(started.IsSuccessStatusCode, job.ToString());
            Assert.Equal($"docker -H {LabEngines.TcpAddress} pull {reference}", job.GetProperty("cli").GetString());
            Assert.True(await EngineWait.UntilAsync(async () => (await DockerCommand.RunAsync("exec", LabEngines.TcpContainer, "docker", "image", "inspect", reference)).ExitCode == 0,
                TimeSpan.FromSeconds(60)), $"{reference} never arrived on the TCP engine");
            Assert.Contains(reference, (await GetJsonAsync("/api/hosts/feat-tcp/pulls")).GetRawText());
            Assert.DoesNotContain(reference, (await GetJsonAsync("/api/pulls")).GetRawText());
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TcpContainer, "docker", "rmi", "-f", reference);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }

    private static async Task<(string Binary, string Text)> ReadAsync(WebSocket ws, Func<string, bool> done)
    {
        var binary = new StringBuilder();
        var text = new StringBuilder();
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done(text.ToString()))
        {
            var frame = await ws.ReceiveAsync(buffer, timeout.Token);
            if (frame.MessageType == WebSocketMessageType.Close)
                break;
            (frame.MessageType == WebSocketMessageType.Binary ? binary : text).Append(Encoding.UTF8.GetString(buffer, 0, frame.Count));
        }
        return (binary.ToString(), text.ToString());
    }
}
