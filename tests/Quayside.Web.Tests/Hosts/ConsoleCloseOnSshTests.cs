using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Tests.Hosts;

/// <summary>
/// A console on the SSH engine that the browser leaves: the socket's close is answered and the shell it ran is ended on
/// that host. (SSH.NET's reads do not stop when cancelled; the console used to wait on one forever, keeping the socket
/// open, the shell running and the SSH channel taken.)
/// </summary>
public class ConsoleCloseOnSshTests : LoggedInTest
{
    [Fact]
    public async Task A_console_on_the_ssh_engine_that_the_browser_closes_is_answered_and_its_shell_ended()
    {
        await LabEngines.EnsureAsync();
        var host = App.Services.GetRequiredService<HostRegistry>().Put("close-ssh", await LabEngines.SshEndpointAsync());
        Assert.True(await host.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(30)), host.Model.Status.Problem?.ToString());
        var name = LabContainers.UniqueName("close-ssh");
        await DockerCommand.OkAsync(["exec", LabEngines.SshContainer, "docker", "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1",
            LabContainers.BusyboxImage, "sleep", "1000"]);
        try
        {
            var cookie = await App.SessionCookieAsync();
            using var console = await App.WebSocketClient("http://localhost", cookie)
                .ConnectAsync(new Uri($"ws://localhost/ws/hosts/close-ssh/exec/{name}?cmd=%2Fbin%2Fsh"), CancellationToken.None);
            await console.SendAsync("echo al''ive\n"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Contains("alive\r\n", await ReadUntilAsync(console, "alive\r\n"));
            Assert.Contains("/bin/sh", await ProcessesAsync(name));

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var refused = await Record.ExceptionAsync(() => console.CloseAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token));
            Assert.True(refused is null, $"the console never answered the browser's close: {refused?.Message}");
            Assert.Equal(WebSocketCloseStatus.NormalClosure, console.CloseStatus);
            Assert.True(await EngineWait.UntilAsync(async () => !(await ProcessesAsync(name)).Contains("/bin/sh"), TimeSpan.FromSeconds(30)),
                "the console's shell still runs on the SSH host after the browser closed it");
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.SshContainer, "docker", "rm", "-f", name);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }

    private static Task<string> ProcessesAsync(string container) =>
        DockerCommand.OkAsync(["exec", LabEngines.SshContainer, "docker", "top", container, "-o", "pid,args"]);

    private static async Task<string> ReadUntilAsync(WebSocket ws, string wanted)
    {
        var output = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!output.ToString().Contains(wanted))
        {
            var frame = await ws.ReceiveAsync(buffer, timeout.Token);
            if (frame.MessageType == WebSocketMessageType.Close)
                break;
            if (frame.MessageType == WebSocketMessageType.Binary)
                output.Append(Encoding.UTF8.GetString(buffer, 0, frame.Count));
        }
        return output.ToString();
    }
}
