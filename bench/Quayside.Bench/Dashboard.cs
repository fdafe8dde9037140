using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quayside.Bench;

/// <summary>
/// The dashboard as a child process (the Release build, a fresh data directory, a free loopback port),
/// and an HTTP client logged in to it with a session cookie.
/// </summary>
public sealed partial class Dashboard : IDisposable
{
    private readonly Process _process;
    private readonly object _outputLock = new();
    private readonly List<string> _problems = [];
    private int _stopped;

    private Dashboard(Process process, Uri baseUri, string dataDirectory, string password)
    {
        _process = process;
        BaseUri = baseUri;
        DataDirectory = dataDirectory;
        Password = password;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = _cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        Http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    private readonly CookieContainer _cookies = new();

    public Uri BaseUri { get; }

    /// <summary>The session's cookies as a Cookie header, for a WebSocket opened beside <see cref="Http"/>.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(BaseUri);

    /// <summary>A POST to the API with the antiforgery header it wants from a cookie session.</summary>
    public Task<HttpResponseMessage> PostApiAsync(string path, object body, CancellationToken ct) => SendApiAsync(HttpMethod.Post, path, body, ct);

    /// <summary>A request to the API with the antiforgery header it wants from a cookie session.</summary>
    public async Task<HttpResponseMessage> SendApiAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var tokenResponse = await Http.GetAsync("/api/antiforgery", ct);
        var token = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(ct)).RootElement;
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await Http.SendAsync(request, ct);
    }
    public string DataDirectory { get; }
    public string Password { get; }
    public int ProcessId => _process.Id;

    /// <summary>Carries the session cookie once <see cref="LoginAsync"/> succeeded.</summary>
    public HttpClient Http { get; }

    /// <summary>Lists the warning and error lines the dashboard printed, if any.</summary>
    public void ReportProblems()
    {
        if (Problems is not { Count: > 0 } problems)
            return;
        Console.WriteLine($"dashboard output held {problems.Count} warning/error line(s):");
        foreach (var line in problems)
            Console.WriteLine("  " + line);
    }

    /// <summary>Lines of the dashboard's output that are warnings, errors or exceptions.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_outputLock)
                return [.. _problems];
        }
    }

    /// <summary>src/Quayside.Web/bin/Release/net10.0/Quayside.Web.dll, built first when this benchmark was not built in Release.</summary>
    public static async Task<string> EnsureBuiltAsync(string repoRoot, CancellationToken ct)
    {
        var webDir = Path.Combine(repoRoot, "src", "Quayside.Web");
        var dll = Path.Combine(webDir, "bin", "Release", "net10.0", "Quayside.Web.dll");
        // In Release the project reference has just built the dashboard in Release too.
        if (BuildConfiguration == "Release" && File.Exists(dll))
            return dll;
        Console.WriteLine("dashboard: dotnet build src/Quayside.Web -c Release");
        var build = Process.Start(new ProcessStartInfo(DotnetHost, ["build", webDir, "-c", "Release", "--nologo", "-v", "q"]) { UseShellExecute = false })
            ?? throw new BenchException("could not start dotnet build");
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0 || !File.Exists(dll))
            throw new BenchException($"dotnet build src/Quayside.Web -c Release failed (exit code {build.ExitCode}).");
        return dll;
    }

    public static async Task<Dashboard> StartAsync(string repoRoot, string dll, CancellationToken ct)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("quayside-bench-").FullName;
        var password = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var port = FreeLoopbackPort();
        var baseUri = new Uri($"http://127.0.0.1:{port}");

        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = Path.Combine(repoRoot, "src", "Quayside.Web"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["QUAYSIDE_DATA"] = dataDirectory;
        start.Environment["QUAYSIDE_ADMIN_PASSWORD"] = password;
        start.Environment["QUAYSIDE_URLS"] = baseUri.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
            throw new BenchException("could not start the dashboard");
        var dashboard = new Dashboard(process, baseUri, dataDirectory, password);
        process.Exited += (_, _) =>
        {
            if (Volatile.Read(ref dashboard._stopped) == 0)
                dashboard.Note($"the dashboard process exited with code {process.ExitCode} without being asked to");
        };
        process.OutputDataReceived += (_, e) => dashboard.Echo(e.Data);
        process.ErrorDataReceived += (_, e) => dashboard.Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await dashboard.WaitForHealthAsync(ct);
        }
        catch
        {
            dashboard.Dispose();
            throw;
        }
        return dashboard;
    }

    private void Echo(string? line)
    {
        if (line is null)
            return;
        lock (_outputLock)
        {
            Console.WriteLine("  [dashboard] " + line);
            if (ProblemLine().IsMatch(line))
                _problems.Add(line);
        }
    }

    private void Note(string message)
    {
        lock (_outputLock)
        {
            Console.WriteLine("  [bench] " + message);
            _problems.Add("[bench] " + message);
        }
    }

    private async Task WaitForHealthAsync(CancellationToken ct)
    {
        using var probe = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
                throw new BenchException($"the dashboard exited with code {_process.ExitCode} before answering /health (its output is above).");
            try
            {
                if (await probe.GetStringAsync("/health", ct) == "ok")
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(200, ct);
        }
        throw new BenchException("the dashboard did not answer GET /health with 'ok' within 90 s.");
    }

    /// <summary>GET /login for the antiforgery token and cookie, then POST /auth/login; success is a 302 to /.</summary>
    public async Task LoginAsync(CancellationToken ct)
    {
        using var page = await Http.GetAsync("/login", ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        if (page.StatusCode != HttpStatusCode.OK)
            throw new BenchException($"GET /login answered {(int)page.StatusCode}.");
        var token = AntiforgeryInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["value"].Value)
            : throw new BenchException("GET /login holds no hidden __RequestVerificationToken input.");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["password"] = Password,
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "/",
        });
        using var response = await Http.PostAsync("/auth/login", form, ct);
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.Redirect || location != "/")
            throw new BenchException($"POST /auth/login answered {(int)response.StatusCode} to '{location}', not 302 to '/'.");
    }

    /// <summary>Polls the API until the label filter lists <paramref name="count"/> containers (the model has loaded).</summary>
    public async Task<TimeSpan> WaitForContainerCountAsync(string labelFilter, int count, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var url = "/api/containers?label=" + Uri.EscapeDataString(labelFilter);
        var seen = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            using var response = await Http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
                throw new BenchException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            seen = await CountAsync(response, ct);
            if (seen == count)
                return clock.Elapsed;
            await Task.Delay(250, ct);
        }
        throw new BenchException($"GET {url} still reports Count = {seen} after 120 s, not {count}.");
    }

    /// <summary>The Count of a list response.</summary>
    /// <summary>The viewer's log stream for a query (<c>c=NAME&amp;tail=…</c>): a socket set up as the page's, not yet connected, so the caller's clock can include the connect.</summary>
    public (System.Net.WebSockets.ClientWebSocket Socket, Uri Address) LogsSocket(string cookie, string query)
    {
        var ws = new System.Net.WebSockets.ClientWebSocket();
        ws.Options.SetRequestHeader("Cookie", cookie);
        ws.Options.SetRequestHeader("Origin", BaseUri.GetLeftPart(UriPartial.Authority));
        return (ws, new UriBuilder(BaseUri) { Scheme = "ws", Path = "/ws/logs", Query = query }.Uri);
    }

    public static async Task<int> CountAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name.Equals("count", StringComparison.OrdinalIgnoreCase))
                return property.Value.GetInt32();
        }
        throw new BenchException("the API's list response has no Count.");
    }

    /// <summary>The dashboard's memory from /proc/&lt;pid&gt;/status, in KiB.</summary>
    public MemoryFigures Memory()
    {
        ThrowIfExited("before its memory could be read");
        var values = new Dictionary<string, long>();
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
                values[parts[0]] = long.Parse(parts[1].Trim().Split(' ')[0]);
        }
        long Get(string key) => values.GetValueOrDefault(key);
        return new MemoryFigures(Get("VmRSS"), Get("VmHWM"), Get("RssAnon"), Get("RssFile"), Get("RssShmem"));
    }

    /// <summary>Fails with a sentence when the dashboard is gone although the benchmark did not stop it.</summary>
    public void ThrowIfExited(string when)
    {
        if (_process.HasExited)
            throw new BenchException($"the dashboard exited on its own (exit code {_process.ExitCode}) {when}; its output is above.");
    }

    /// <summary>SIGTERM and up to 10 s for a clean shutdown (so its shutdown errors show), then kill the whole tree.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        try
        {
            if (!_process.HasExited)
            {
                _ = SysKill(_process.Id, 15);
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    Note("the dashboard did not stop within 10 s of SIGTERM; killing it");
                    _process.Kill(entireProcessTree: true);
                }
            }
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    /// <summary>For the process-exit path: no waiting, just make sure nothing outlives the benchmark.</summary>
    public void KillNow()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Stop();
        Http.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host that runs this benchmark (DOTNET_HOST_PATH is set by the SDK), else dotnet on PATH.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string BuildConfiguration => typeof(Dashboard).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<value>[^""]*)""|<input[^>]*value=""(?<value>[^""]*)""[^>]*name=""__RequestVerificationToken""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"^\s*(warn|fail|crit):|Exception\b|^\s+at ", RegexOptions.IgnoreCase)]
    private static partial Regex ProblemLine();
}

/// <summary>VmRSS and its parts (anonymous, file-backed, shared memory) and the peak VmHWM, in KiB.</summary>
public sealed record MemoryFigures(long RssKiB, long PeakKiB, long AnonKiB, long FileKiB, long ShmemKiB)
{
    public double RssMb => RssKiB / 1024.0;

    public string Parts => $"anon {AnonKiB / 1024.0:F1} + file {FileKiB / 1024.0:F1} + shmem {ShmemKiB / 1024.0:F1} MB; peak {PeakKiB / 1024.0:F1} MB";
}
