using System.Net;
using System.Text.RegularExpressions;
using Quayside.E2E.Deploy;
using Quayside.TestSupport;
using Xunit.Abstractions;

namespace Quayside.E2E.Security;

/// <summary>
/// Attacks on Quayside as deploy/run-in-docker.sh runs it (image from deploy/Dockerfile, built once by QuaysideImage):
/// other containers on the host, `docker inspect` readers and the health check. Each test has its own container,
/// volume, network and port, all labelled for the test run's cleanup.
/// </summary>
[Collection(OwnQuaysideCollection.Name)]
public sealed partial class ContainerDeploymentTests(QuaysideImage image, ITestOutputHelper output) : IClassFixture<QuaysideImage>, IAsyncLifetime
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private readonly string _name = LabContainers.UniqueName("sec-deploy");
    private readonly string _password = "sec-deploy-pass-" + Guid.NewGuid().ToString("N")[..12];
    private readonly int _port = QuaysideApp.FreePort();

    private string Url => $"http://127.0.0.1:{_port}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await QuaysideImage.RemoveDeploymentAsync(_name, output);
    }

    private async Task StartAsync(bool withPassword)
    {
        var run = await image.RunScriptAsync(image.ScriptEnvironment(_name, withPassword ? _password : null), "-r", "-p", _port.ToString(), "-i", QuaysideImage.Tag);
        output.WriteLine($"$ run-in-docker.sh -r -p {_port}  (exit {run.ExitCode})\n{run.Stdout}{run.Stderr}");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Quayside is running in container {_name}: {Url}", run.Stdout);
        // Its first answer can take seconds on a busy machine; the probes below give up after a few.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal("ok", await http.GetStringAsync(Url + "/health"));
    }

    [Fact]
    public async Task A_container_on_the_default_bridge_cannot_connect_to_Quayside_to_replay_a_stolen_cookie()
    {
        await StartAsync(withPassword: false);
        var networks = await DockerCommand.InspectAsync(_name, "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}");
        var (network, address) = networks.Trim().Split(' ') is [var only] ? (only.Split('=')[0], only.Split('=')[1])
            : throw new InvalidOperationException($"{_name} is on several networks: {networks}");
        output.WriteLine($"Quayside is on {network} at {address}");

        // The attacker: a container on the default bridge, trying Quayside's own address and the published port on the
        // bridge's gateway (the host as containers see it).
        var attacker = await ProbeAsync("bridge", address);
        Assert.DoesNotContain("HTTP/1.1 200", attacker);
        Assert.Matches(@"direct: nc: (timed out|can't connect)", attacker);
        Assert.Matches(@"gateway \S+: nc: (timed out|can't connect)", attacker);

        // The control: the same probe from Quayside's own network does connect, so the probe can tell.
        var neighbour = await ProbeAsync(network, address);
        Assert.Contains("direct: HTTP/1.1 200 OK", neighbour);
    }

    [Fact]
    public async Task The_admin_password_leaves_no_trace_in_docker_inspect_or_in_the_container_and_still_logs_in()
    {
        await StartAsync(withPassword: true);

        var inspect = await DockerCommand.OkAsync("container", "inspect", _name);
        Assert.DoesNotContain(_password, inspect);
        Assert.DoesNotContain("QUAYSIDE_ADMIN_PASSWORD=", inspect);
        var logs = await DockerCommand.RunAsync("logs", _name);
        Assert.DoesNotContain(_password, logs.Stdout + logs.Stderr);
        Assert.Contains("Deleted the password file", logs.Stdout + logs.Stderr);
        // The file that carried it in is gone from the container.
        var files = await DockerCommand.OkAsync("exec", _name, "ls", "-A", "/tmp");
        Assert.DoesNotContain("quayside-admin-password", files);

        Assert.StartsWith("/login?error=invalid", await LoginAsync("not-" + _password)); // the check can tell
        Assert.Equal("/", await LoginAsync(_password));
    }

    [Fact]
    public async Task The_health_check_runs_the_app_as_its_own_user_not_as_root_and_the_container_becomes_healthy()
    {
        await StartAsync(withPassword: false);
        var deadline = DateTime.UtcNow + HealthTimeout;
        var status = "";
        while (DateTime.UtcNow < deadline && (status = await DockerCommand.InspectAsync(_name, "{{.State.Health.Status}}")) != "healthy")
            await Task.Delay(1000);
        Assert.Equal("healthy", status);

        // The probe's own output, as the engine recorded it from the health check it ran.
        var log = await DockerCommand.InspectAsync(_name, "{{range .State.Health.Log}}{{.ExitCode}}: {{.Output}}{{end}}");
        output.WriteLine(log);
        Assert.Matches(@"0: http://127\.0\.0\.1:8000/health: 200 \(asked as user quayside\)", log);
        Assert.DoesNotContain("as user root", log);
    }

    /// <summary>From a lab busybox container on the given network: an HTTP request to Quayside's address and to its published port on the gateway.</summary>
    private async Task<string> ProbeAsync(string network, string address)
    {
        // busybox's nc, not its wget: the lab's static busybox wget segfaults. The request's side stays open a while:
        // Kestrel may drop a request whose client has already closed its sending side. The Host is the address itself: Quayside
        // serves only names it knows and IP addresses.
        const string script = """
            probe() { { printf 'GET /health HTTP/1.0\r\nHost: %s\r\n\r\n' "$1"; sleep 3; } | nc -w 5 "$1" "$2" 2>&1 | tr -d '\r' | head -1; }
            gw=$(ip route | awk '/^default/ { print $3 }')
            echo "direct: $(probe "$ADDRESS" 8000)"
            echo "gateway $gw: $(probe "$gw" "$PORT")"
            """;
        string[] probe = ["run", "--rm", "--label", $"{LabContainers.TestLabel}=1", "--network", network,
            "-e", "ADDRESS=" + address, "-e", "PORT=" + _port, LabContainers.BusyboxImage, "sh", "-c", script];
        DockerCommand.Result result;
        try
        {
            result = await DockerCommand.RunAsync(probe);
        }
        catch (TaskCanceledException)
        {
            // Once in a CI run the engine left the probe container in "Created" for minutes; a second probe is the same question.
            output.WriteLine($"probe from {network}: docker run did not return within 3 minutes; probing again");
            result = await DockerCommand.RunAsync(probe);
        }
        output.WriteLine($"probe from {network}:\n{result.Stdout}{result.Stderr}");
        return result.EnsureSuccess("run busybox probe").Stdout;
    }

    /// <summary>Posts the login form as a browser would (its cookies sent back whatever their flags); returns where the answer redirects.</summary>
    private async Task<string> LoginAsync(string password)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Url) };
        var form = await http.GetAsync("/login");
        var html = await form.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(FormToken().Match(html).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), "no antiforgery field on /login");
        var cookies = string.Join("; ", form.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = QuaysideApp.UserName, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        post.Headers.Add("Origin", Url);
        var answer = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!.ToString();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
