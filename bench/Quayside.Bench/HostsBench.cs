using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Quayside.Engine.Connection;
using static Quayside.Bench.Figures;

namespace Quayside.Bench;

/// <summary>
/// The hosts benchmark (<c>./quayside.sh bench --hosts 3</c>): the lab's engines (TLS, SSH, plain TCP) with N created
/// containers each, added to a fresh dashboard. It measures, each against a baseline of the same run: the all-hosts
/// list against the sum of the raw lists; the memory one more engine adds; how soon a stopped engine shows as down and a
/// restarted one as up; and, over SSH, the console's echo against <c>docker -H ssh://... exec</c>.
/// </summary>
public static class HostsBench
{
    private const string Prefix = "qbh-";
    private const double ListGoal = 0.3;
    private const double RssGoalMb = 10;
    private const double StateGoalSeconds = 5;
    private const int Rounds = 30;
    private const int Echoes = 50;
    private static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(30);
    private static readonly string LabDir = Path.Combine(Environment.GetEnvironmentVariable("QUAYSIDE_LAB_DIR") ?? "/var/lib/quayside-lab", "engines");

    /// <summary>The figures, each printed as soon as it is measured and all again at the end.</summary>
    private sealed class Results : List<string>
    {
        public new void Add(string line)
        {
            Console.WriteLine("figure: " + line);
            base.Add(line);
        }
    }

    /// <param name="Form">The form that adds this engine to the dashboard under a given name.</param>
    private sealed record LabHost(string Name, string Container, EngineEndpoint Endpoint, Func<string, object> Form);

    public static async Task<int> RunAsync(string[] args, string root, CancellationToken ct)
    {
        var hosts = 3;
        var perHost = 300;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--hosts" && int.TryParse(args[i + 1], out var h))
                hosts = h;
            if (args[i] == "--containers" && int.TryParse(args[i + 1], out var n) && n > 0)
                perHost = n;
        }
        if (hosts is < 1 or > 3)
            throw new BenchException("--hosts takes 1 to 3: the lab has three extra engines (TLS, SSH and plain TCP).");
        var (code, _, stderr) = await Commands.RunAsync(Path.Combine(root, "scripts", "lab-engines.sh"), [], ct);
        if (code != 0)
            throw new BenchException("scripts/lab-engines.sh failed: " + stderr.Trim());
        var lab = (await LabHostsAsync(ct)).Take(hosts).ToList();
        Console.WriteLine($"Quayside hosts bench: {lab.Count} engines ({string.Join(", ", lab.Select(l => l.Endpoint.Address))}) with {perHost} containers each, {Environment.ProcessorCount} cores");

        var clients = lab.Select(l => new EngineClient(l.Endpoint)).ToList();
        var results = new Results();
        Dashboard? dashboard = null;
        try
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(c => EnsureContainersAsync(c, perHost, ct)));
            Console.WriteLine($"containers: {perHost} on each engine ({clock.Elapsed.TotalSeconds:F1} s to prepare)");

            dashboard = await Dashboard.StartAsync(root, await Dashboard.EnsureBuiltAsync(root, ct), ct);
            await dashboard.LoginAsync(ct);
            await WarmUpAsync(dashboard, ct);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var alone = dashboard.Memory();

            foreach (var host in lab)
                await AddAsync(dashboard, host, ct);
            var expected = perHost * lab.Count;
            await WaitAsync(async () => await CountAsync(dashboard, ct) >= expected, TimeSpan.FromSeconds(120), $"the all-hosts list never reached {expected} bench containers", ct);
            await WarmUpAsync(dashboard, ct);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var with = dashboard.Memory();
            var perExtra = (with.RssMb - alone.RssMb) / lab.Count;
            results.Add($"RSS added per extra engine: {perExtra:F1} MB ({alone.RssMb:F1} MB with the local engine alone: {alone.Parts}; {with.RssMb:F1} MB with {lab.Count} more: {with.Parts}) "
                + $"→ ratio {perExtra / alone.RssMb:F3} of the one-engine dashboard (goal ≤ {RssGoalMb} MB){Missed(perExtra <= RssGoalMb)}");
            var marginal = await MarginalRssAsync(dashboard, lab, expected, with, ct);
            results.Add($"RSS added per further engine of a transport already in use (the {lab.Count} engines added again under other names): {marginal:F1} MB");

            var (raw, all) = await TimeListsAsync(dashboard, clients, ct);
            results.Add($"all-hosts list ({expected + 0} bench containers and the rest): Quayside GET /api/all/containers {Probe.Ms(all)} vs the {lab.Count} raw GET /containers/json?all=1 "
                + $"{Probe.Ms(raw)} (sum of medians) → ratio {all / raw:F2} (goal ≤ {ListGoal}){Missed(all / raw <= ListGoal)}");

            var tcp = lab.FirstOrDefault(l => l.Endpoint.Transport == EngineTransport.Tcp) ?? lab[^1];
            var (down, up, engineBack) = await TimeDownAndUpAsync(dashboard, tcp, ct);
            results.Add($"{tcp.Name} stopped → shown as down after {down:F2} s (goal ≤ {StateGoalSeconds} s){Missed(down <= StateGoalSeconds)}");
            results.Add($"{tcp.Name} started → its engine answered after {engineBack:F2} s, Quayside showed it up {up:F2} s later "
                + $"→ ratio {(engineBack + up) / engineBack:F2} of the engine's own start (goal ≤ {StateGoalSeconds} s){Missed(up <= StateGoalSeconds)}");

            if (lab.FirstOrDefault(l => l.Endpoint.Transport == EngineTransport.Ssh) is { } ssh)
            {
                var (ours, cli) = await TimeSshEchoAsync(dashboard, ssh, clients[lab.IndexOf(ssh)], ct);
                results.Add($"console round trip over SSH (a typed echo line and its answer), median of {Echoes}: Quayside {Probe.Ms(ours)} vs docker -H {ssh.Endpoint.Address} exec -it {Probe.Ms(cli)} → ratio {ours / cli:F2}");
            }
            Console.WriteLine();
            foreach (var line in results)
                Console.WriteLine(line);
            return 0;
        }
        finally
        {
            dashboard?.Stop();
            foreach (var client in clients)
            {
                await RemoveBenchContainersAsync(client, CancellationToken.None);
                client.Dispose();
            }
        }
    }

    private static async Task<IReadOnlyList<LabHost>> LabHostsAsync(CancellationToken ct)
    {
        string Tls(string file) => File.ReadAllText(Path.Combine(LabDir, "tls", file));
        var tls = EngineEndpoint.Parse("tcp://127.0.0.1:23761") with { Tls = new TlsMaterial(Tls("ca.pem"), Tls("client-cert.pem"), Tls("client-key.pem")) };
        var key = await File.ReadAllTextAsync(Path.Combine(LabDir, "ssh", "id_ed25519"), ct);
        var sshAddress = EngineEndpoint.Parse("ssh://root@127.0.0.1:22221");
        var ssh = sshAddress with { Ssh = new SshMaterial(key, null, await Quayside.Engine.Connection.SshDialer.ReadHostKeyAsync(sshAddress, ct)) };
        return
        [
            new("bench-tls", "quayside-lab-tls", tls, name => new { name, address = tls.Address, caPem = Tls("ca.pem"), certPem = Tls("client-cert.pem"), keyPem = Tls("client-key.pem") }),
            new("bench-ssh", "quayside-lab-ssh", ssh, name => new { name, address = ssh.Address, sshPrivateKey = key }),
            new("bench-tcp", "quayside-lab-tcp", EngineEndpoint.Parse("tcp://127.0.0.1:23751"), name => new { name, address = "tcp://127.0.0.1:23751", acceptPlainTcp = true }),
        ];
    }

    private static async Task AddAsync(Dashboard dashboard, LabHost host, CancellationToken ct, string? asName = null)
    {
        var name = asName ?? host.Name;
        using var added = await dashboard.PostApiAsync("/api/hosts", host.Form(name), ct);
        if (!added.IsSuccessStatusCode)
            throw new BenchException($"POST /api/hosts ({name}) answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync(ct)}");
        if (host.Endpoint.Transport == EngineTransport.Ssh)
        {
            using var trusted = await dashboard.PostApiAsync($"/api/hosts/{name}/trust", new { fingerprint = host.Endpoint.Ssh!.HostKeySha256 }, ct);
            if (!trusted.IsSuccessStatusCode)
                throw new BenchException($"trusting {name}'s host key answered {(int)trusted.StatusCode}: {await trusted.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>
    /// The same engines once more under other names: each brings its own connection, session and model as any engine
    /// does, but nothing a first engine of its transport loads once for all (TLS and SSH libraries, their compiled code).
    /// </summary>
    private static async Task<double> MarginalRssAsync(Dashboard dashboard, IReadOnlyList<LabHost> lab, int expected, MemoryFigures before, CancellationToken ct)
    {
        foreach (var host in lab)
            await AddAsync(dashboard, host, ct, host.Name + "-again");
        await WaitAsync(async () => await CountAsync(dashboard, ct) >= 2 * expected, TimeSpan.FromSeconds(120), $"the all-hosts list never reached {2 * expected} bench containers", ct);
        await WarmUpAsync(dashboard, ct);
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var again = dashboard.Memory();
        foreach (var host in lab)
        {
            using var removed = await dashboard.SendApiAsync(HttpMethod.Delete, $"/api/hosts/{host.Name}-again", null, ct);
            if (!removed.IsSuccessStatusCode)
                throw new BenchException($"DELETE /api/hosts/{host.Name}-again answered {(int)removed.StatusCode}");
        }
        return (again.RssMb - before.RssMb) / lab.Count;
    }

    /// <summary>
    /// The requests the bench makes of the dashboard around adding engines, made in both memory states so that neither
    /// counts code or first-use state the other never had: a host added and removed again (saved, its secrets store
    /// opened, its model started), the hosts list and the all-hosts list. The host's address refuses connections.
    /// </summary>
    private static async Task WarmUpAsync(Dashboard dashboard, CancellationToken ct)
    {
        const string name = "bench-warm-up";
        using (var added = await dashboard.PostApiAsync("/api/hosts", new { name, address = "tcp://127.0.0.1:9", acceptPlainTcp = true }, ct))
            if (!added.IsSuccessStatusCode)
                throw new BenchException($"POST /api/hosts ({name}) answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync(ct)}");
        for (var i = 0; i < 20; i++)
        {
            await CountAsync(dashboard, ct);
            using var all = await dashboard.Http.GetAsync("/api/all/containers", ct);
            using var hosts = await dashboard.Http.GetAsync("/api/hosts", ct);
        }
        using var removed = await dashboard.SendApiAsync(HttpMethod.Delete, $"/api/hosts/{name}", null, ct);
        if (!removed.IsSuccessStatusCode)
            throw new BenchException($"DELETE /api/hosts/{name} answered {(int)removed.StatusCode}: {await removed.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<int> CountAsync(Dashboard dashboard, CancellationToken ct)
    {
        using var response = await dashboard.Http.GetAsync("/api/all/containers?search=" + Prefix, ct);
        return response.IsSuccessStatusCode ? await Dashboard.CountAsync(response, ct) : -1;
    }

    private static async Task<(double Raw, double All)> TimeListsAsync(Dashboard dashboard, IReadOnlyList<EngineClient> clients, CancellationToken ct)
    {
        var raw = clients.Select(_ => new List<double>()).ToList();
        var all = new List<double>();
        async Task RawAsync(bool record)
        {
            for (var i = 0; i < clients.Count; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await clients[i].SendStreamingAsync(HttpMethod.Get, "/containers/json?all=1", null, ct);
                await response.Content.CopyToAsync(Stream.Null, ct);
                if (record)
                    raw[i].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        async Task AllAsync(bool record)
        {
            var clock = Stopwatch.StartNew();
            using var response = await dashboard.Http.GetAsync("/api/all/containers", HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.CopyToAsync(Stream.Null, ct);
            if (record)
                all.Add(clock.Elapsed.TotalMilliseconds);
        }
        for (var i = 0; i < 5; i++)
        {
            await RawAsync(false);
            await AllAsync(false);
        }
        for (var round = 0; round < Rounds; round++)
            await InTurnAsync(round, () => RawAsync(true), () => AllAsync(true));
        return (raw.Sum(Median), Median(all));
    }

    private static async Task<(double Down, double Up, double EngineBack)> TimeDownAndUpAsync(Dashboard dashboard, LabHost host, CancellationToken ct)
    {
        await Commands.DockerOutputAsync(["stop", "-t", "5", host.Container], ct);
        var down = Stopwatch.StartNew();
        await WaitAsync(async () => await StateAsync(dashboard, host.Name, ct) != "connected", TimeSpan.FromSeconds(60), $"{host.Name} was never shown as down", ct);
        var downSeconds = down.Elapsed.TotalSeconds;

        var started = Stopwatch.StartNew();
        await Commands.DockerOutputAsync(["start", host.Container], ct);
        using (var probe = new EngineClient(host.Endpoint))
        {
            await WaitAsync(async () =>
            {
                try
                {
                    using var ping = await probe.SendStreamingAsync(HttpMethod.Get, "/_ping", null, ct);
                    return ping.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(90), $"{host.Container} never answered again", ct);
        }
        var engineBack = started.Elapsed.TotalSeconds;
        var up = Stopwatch.StartNew();
        await WaitAsync(async () => await StateAsync(dashboard, host.Name, ct) == "connected", TimeSpan.FromSeconds(90), $"{host.Name} was never shown as up again", ct);
        return (downSeconds, up.Elapsed.TotalSeconds, engineBack);
    }

    private static async Task<string?> StateAsync(Dashboard dashboard, string name, CancellationToken ct)
    {
        var hosts = await dashboard.Http.GetFromJsonAsync<JsonElement>("/api/hosts", ct);
        return hosts.EnumerateArray().FirstOrDefault(h => h.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } row
            ? row.GetProperty("state").GetString() : null;
    }

    /// <summary>A line typed into a shell (<c>echo …</c>) and its answer: through Quayside's console socket, and through the CLI's <c>exec -it</c>.</summary>
    private static async Task<(double Ours, double Cli)> TimeSshEchoAsync(Dashboard dashboard, LabHost host, EngineClient client, CancellationToken ct)
    {
        var name = Prefix + "echo";
        await RemoveAsync(client, name, ct);
        await CreateAsync(client, name, ["sleep", "100000"], ct);
        using (var start = await client.SendStreamingAsync(HttpMethod.Post, $"/containers/{name}/start", null, ct))
            start.EnsureSuccessStatusCode();

        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Cookie", dashboard.CookieHeader);
        ws.Options.SetRequestHeader("Origin", dashboard.BaseUri.GetLeftPart(UriPartial.Authority));
        using (var connecting = Bounded(ct))
            await ws.ConnectAsync(new UriBuilder(dashboard.BaseUri) { Scheme = "ws", Path = $"/ws/hosts/{host.Name}/exec/{name}", Query = "cmd=%2Fbin%2Fsh" }.Uri, connecting.Token);
        var buffer = new byte[4096];
        var ours = new List<double>();
        var seen = new EchoTrace();
        for (var i = 0; i < Echoes + 5; i++)
        {
            // The quotes keep the typed line (which the terminal echoes) from containing the answer.
            var output = new StringBuilder();
            var clock = Stopwatch.StartNew();
            await ws.SendAsync(Encoding.UTF8.GetBytes($"echo q''{i}b\n"), WebSocketMessageType.Binary, true, ct);
            using var cap = Bounded(ct);
            try
            {
                while (!output.ToString().Contains($"q{i}b\r\n"))
                {
                    var frame = await ws.ReceiveAsync(buffer, cap.Token);
                    var text = Encoding.UTF8.GetString(buffer, 0, frame.Count);
                    seen.Add(frame.MessageType, text);
                    if (frame.MessageType == WebSocketMessageType.Close)
                        throw new BenchException($"the console socket closed at echo {i}: {seen}");
                    if (frame.MessageType == WebSocketMessageType.Binary)
                        output.Append(text);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BenchException($"the console over SSH gave no answer to echo {i} within {EchoWait.TotalSeconds:F0} s: {seen}");
            }
            if (i >= 5)
                ours.Add(clock.Elapsed.TotalMilliseconds);
        }
        // A console that never answers the close (as the SSH console once did, waiting on a read) is a failure.
        using (var closing = Bounded(ct))
        {
            try
            {
                await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BenchException($"the console over SSH did not answer the close of its socket within {EchoWait.TotalSeconds:F0} s.");
            }
        }

        // The console is a terminal, so the baseline is one too: docker exec -it under a pseudo-terminal from script(1).
        // (Without a TTY the engine skips its terminal path, which alone takes most of a round trip.)
        var psi = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-qfec", $"docker -H {host.Endpoint.Address} exec -it {name} sh", "/dev/null" })
            psi.ArgumentList.Add(a);
        using var cli = Process.Start(psi) ?? throw new BenchException("could not start script (util-linux) for docker exec -it");
        var cliOutput = cli.StandardOutput.BaseStream;
        var times = new List<double>();
        for (var i = 0; i < Echoes + 5; i++)
        {
            var output = new StringBuilder();
            var clock = Stopwatch.StartNew();
            await cli.StandardInput.WriteAsync($"echo q''{i}b\n");
            await cli.StandardInput.FlushAsync(ct);
            using var cap = Bounded(ct);
            try
            {
                while (!output.ToString().Contains($"q{i}b\r\n"))
                {
                    var n = await cliOutput.ReadAsync(buffer, cap.Token);
                    if (n == 0)
                        throw new BenchException($"docker -H {host.Endpoint.Address} exec -it ended at echo {i}: {output}");
                    output.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BenchException($"docker -H {host.Endpoint.Address} exec -it gave no answer to echo {i} within {EchoWait.TotalSeconds:F0} s: {output}");
            }
            if (i >= 5)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        await cli.StandardInput.WriteAsync("exit\n");
        cli.StandardInput.Close();
        using (var exiting = Bounded(ct))
            await cli.WaitForExitAsync(exiting.Token);
        return (Median(ours), Median(times));
    }

    private static CancellationTokenSource Bounded(CancellationToken ct)
    {
        var cap = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cap.CancelAfter(EchoWait);
        return cap;
    }

    /// <summary>What the console socket sent, for a failure in words: the control messages and the end of the terminal's output.</summary>
    private sealed class EchoTrace
    {
        private readonly List<string> _control = [];
        private readonly StringBuilder _output = new();
        private int _binaryFrames;

        public void Add(WebSocketMessageType type, string text)
        {
            if (type == WebSocketMessageType.Binary)
            {
                _binaryFrames++;
                _output.Append(text);
            }
            else
                _control.Add(type == WebSocketMessageType.Close ? "close" : text);
        }

        public override string ToString()
        {
            var tail = _output.Length > 120 ? _output.ToString(_output.Length - 120, 120) : _output.ToString();
            return $"control messages [{string.Join(", ", _control)}], {_binaryFrames} output frames ({_output.Length} chars), last output {JsonSerializer.Serialize(tail)}";
        }
    }

    private static async Task EnsureContainersAsync(EngineClient client, int count, CancellationToken ct)
    {
        using var list = await client.SendStreamingAsync(HttpMethod.Get, "/containers/json?all=1&filters=" + Uri.EscapeDataString($"{{\"label\":[\"{Engine.LabelFilter}\"]}}"), null, ct);
        var existing = (await list.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray()
            .SelectMany(c => c.GetProperty("Names").EnumerateArray().Select(n => n.GetString()!.TrimStart('/'))).ToHashSet();
        var wanted = Enumerable.Range(1, count).Select(i => $"{Prefix}{i:D4}").ToList();
        await Parallel.ForEachAsync(wanted.Where(n => !existing.Contains(n)), new ParallelOptions { MaxDegreeOfParallelism = Engine.Parallelism, CancellationToken = ct },
            async (name, token) => await CreateAsync(client, name, ["true"], token));
    }

    private static async Task CreateAsync(EngineClient client, string name, string[] command, CancellationToken ct)
    {
        var body = JsonContent.Create(new Dictionary<string, object>
        {
            ["Image"] = Engine.Image,
            ["Cmd"] = command,
            ["Labels"] = new Dictionary<string, string> { [Engine.Label] = "1" },
        });
        using var response = await client.SendStreamingAsync(HttpMethod.Post, $"/containers/create?name={name}", body, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"creating {name} on {client.Endpoint.Address} failed: {await response.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task RemoveAsync(EngineClient client, string name, CancellationToken ct)
    {
        try
        {
            using var _ = await client.SendStreamingAsync(HttpMethod.Delete, $"/containers/{name}?force=1", null, ct);
        }
        catch (EngineApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    private static async Task RemoveBenchContainersAsync(EngineClient client, CancellationToken ct)
    {
        try
        {
            using var list = await client.SendStreamingAsync(HttpMethod.Get, "/containers/json?all=1&filters=" + Uri.EscapeDataString($"{{\"label\":[\"{Engine.LabelFilter}\"]}}"), null, ct);
            var ids = (await list.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().Select(c => c.GetProperty("Id").GetString()!).ToList();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Engine.Parallelism }, async (id, token) => await RemoveAsync(client, id, token));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Console.Error.WriteLine($"could not remove the bench containers on {client.Endpoint.Address}: {e.Message}");
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, string failure, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
                return;
            await Task.Delay(50, ct);
        }
        throw new BenchException(failure + $" within {limit.TotalSeconds:F0} s.");
    }
}
