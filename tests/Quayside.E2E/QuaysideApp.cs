using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using Quayside.TestSupport;

namespace Quayside.E2E;

/// <summary>
/// The test classes of the app run here: they run one after another, and the app and the browser start once per test
/// run. Only tests that start a Quayside of their own are elsewhere (<see cref="OwnQuaysideCollection"/>), beside this one.
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<QuaysideApp>
{
    public const string Name = "Quayside in Chromium";
}

/// <summary>
/// The real app as a user runs it: the built Quayside.Web.dll in a child process on a free loopback port, with a fresh
/// data folder and an administrator made from QUAYSIDE_ADMIN_PASSWORD; plus one <see cref="TestBrowser"/>.
/// </summary>
public sealed class QuaysideApp : IAsyncLifetime
{
    public const string UserName = "admin";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private readonly TestBrowser _browser = new();

    public string Password { get; } = "e2e-pass-" + Guid.NewGuid().ToString("N");
    public string BaseUrl { get; private set; } = "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "quayside-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    public IBrowser Browser => _browser.Browser;
    /// <summary>Stands in for hub.docker.com (QUAYSIDE_HUB_URL) with recorded answers.</summary>
    public HubReplayServer Hub { get; } = HubReplayServer.FromRecordings();

    /// <summary>What the app printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public async Task InitializeAsync()
    {
        var root = RepoRoot();
        var webDir = Path.Combine(root, "src", "Quayside.Web");
        var dll = Path.Combine(webDir, "bin", "Debug", "net10.0", "Quayside.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} does not exist: build the solution first (dotnet build).");

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(DataDirectory);

        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", BaseUrl })
            psi.ArgumentList.Add(arg);
        psi.Environment["QUAYSIDE_DATA"] = DataDirectory;
        psi.Environment["QUAYSIDE_ADMIN_PASSWORD"] = Password;
        psi.Environment["QUAYSIDE_URLS"] = BaseUrl;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["QUAYSIDE_HUB_URL"] = Hub.BaseUri.ToString();

        AppLogAudit.RecordSecret("admin password", Password);
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.Exited += (_, _) => Append($"[e2e fixture] Quayside.Web exited at {DateTime.Now:HH:mm:ss.fff}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // The browser starts while the app does.
        await Task.WhenAll(WaitForHealthAsync(), _browser.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        Hub.Dispose();
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                    _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // Already gone, or not gone in time: nothing more this fixture can do.
            }
            _process.Dispose();
            using var log = AppLogAudit.OpenLog("e2e");
            log.Write(Output);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Fails the calling test at once, with the app's output, when the app is no longer running.</summary>
    public void EnsureRunning()
    {
        if (_process is { HasExited: true } p)
            throw new InvalidOperationException($"Quayside.Web is no longer running (exit code {p.ExitCode}). Its output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                _process.WaitForExit(); // flushes the redirected output
                throw new InvalidOperationException($"Quayside.Web exited early with code {_process.ExitCode}. Its output:\n{Output}");
            }
            try
            {
                if (await http.GetStringAsync(BaseUrl + "/health") == "ok")
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Quayside.Web did not answer {BaseUrl}/health with \"ok\" within {StartupTimeout.TotalSeconds} s. Its output:\n{Output}");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string RepoRoot() => RepoPaths.Root;
}
