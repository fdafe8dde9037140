using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Tests.Hosts;

/// <summary>Adding, testing, trusting and removing hosts through /api/hosts, on the lab engines.</summary>
public class HostsApiTests : LoggedInTest
{
    private static async Task<object> TlsFormAsync(string name) => new
    {
        name,
        address = LabEngines.TlsAddress,
        caPem = await File.ReadAllTextAsync(LabEngines.TlsFile("ca.pem")),
        certPem = await File.ReadAllTextAsync(LabEngines.TlsFile("client-cert.pem")),
        keyPem = await File.ReadAllTextAsync(LabEngines.TlsFile("client-key.pem")),
    };

    private async Task<JsonElement> HostAsync(string name) =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/hosts")).EnumerateArray().Single(h => h.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_TLS_host_is_tested_added_listed_with_its_cli_flags_and_its_key_stays_encrypted_and_unsent()
    {
        await LabEngines.EnsureAsync();
        var form = await TlsFormAsync("lab-tls");
        var test = await (await Client.PostAsJsonAsync("/api/hosts/test", form)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());
        Assert.Equal("linux", test.GetProperty("os").GetString());
        Assert.Matches(@"^1\.\d+$", test.GetProperty("apiVersion").GetString());
        Assert.True(test.GetProperty("roundTripMs").GetDouble() > 0);

        var added = await Client.PostAsJsonAsync("/api/hosts", form);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True(await EngineWait.UntilAsync(async () => (await HostAsync("lab-tls")).GetProperty("state").GetString() == "connected", TimeSpan.FromSeconds(30)),
            $"the TLS host did not connect: {await HostAsync("lab-tls")}");
        var row = await HostAsync("lab-tls");
        Assert.Equal("tls", row.GetProperty("transport").GetString());
        Assert.Equal($"docker -H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem ps -a", row.GetProperty("cli").GetString());
        Assert.Equal(await LabEngineCount(LabEngines.TlsContainer), row.GetProperty("containers").GetInt32());
        Assert.Equal(await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "info", "-f", "{{.NCPU}} {{.MemTotal}}"),
            $"{row.GetProperty("cpus").GetInt32()} {row.GetProperty("memoryBytes").GetInt64()}");

        var everything = await Client.GetStringAsync("/api/hosts");
        Assert.DoesNotContain("PRIVATE KEY", everything);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(App.DataDirectory, "quayside.db")}");
        await db.OpenAsync();
        var command = db.CreateCommand();
        command.CommandText = "SELECT ProtectedTls FROM Hosts WHERE Name = 'lab-tls'";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("PRIVATE KEY", stored);
        Assert.DoesNotContain("BEGIN", stored);

        var duplicate = await Client.PostAsJsonAsync("/api/hosts", form);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.StartsWith("A host named \"lab-tls\" exists already", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Name")[0].GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/api/hosts/lab-tls")).StatusCode);
        Assert.DoesNotContain("lab-tls", await Client.GetStringAsync("/api/hosts"));
    }

    private static async Task<int> LabEngineCount(string node) =>
        (await DockerCommand.OkAsync("exec", node, "docker", "ps", "-aq")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public async Task Bad_fields_are_refused_each_with_what_is_accepted()
    {
        var response = await Client.PostAsJsonAsync("/api/hosts", new { name = "Prod 1", address = "http://x", caPem = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("lower-case letters, digits and dashes", errors.GetProperty("Name")[0].GetString());
        Assert.Contains("use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST[:PORT]", errors.GetProperty("Address")[0].GetString());

        var plain = await Client.PostAsJsonAsync("/api/hosts", new { name = "plain", address = LabEngines.TcpAddress });
        var plainErrors = (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("anyone who can reach that port is root on that host", plainErrors.GetProperty("AcceptPlainTcp")[0].GetString());

        var badPem = await Client.PostAsJsonAsync("/api/hosts", new { name = "badpem", address = LabEngines.TlsAddress, caPem = "x", certPem = "y", keyPem = "z" });
        Assert.Contains("The CA certificate", (await badPem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Tls")[0].GetString());

        var badKey = await Client.PostAsJsonAsync("/api/hosts", new { name = "badkey", address = LabEngines.SshAddress, sshPrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nnope\n-----END OPENSSH PRIVATE KEY-----" });
        Assert.Contains("not a private key Quayside can read", (await badKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("SshPrivateKey")[0].GetString());
        Assert.DoesNotContain("badkey", await Client.GetStringAsync("/api/hosts"));
    }

    [Fact]
    public async Task An_encrypted_key_is_refused_without_its_passphrase_and_with_a_wrong_one_and_taken_with_the_right_one()
    {
        var folder = Directory.CreateTempSubdirectory("qt-sshkey-").FullName;
        try
        {
            var file = Path.Combine(folder, "id_ed25519");
            var made = await DockerCommand.RunLineAsync($"ssh-keygen -q -t ed25519 -N right-phrase -C qt -f {file}");
            Assert.True(made.ExitCode == 0, made.Stderr);
            var key = await File.ReadAllTextAsync(file);

            async Task<string> RefusalAsync(string name, string? passphrase)
            {
                var response = await Client.PostAsJsonAsync("/api/hosts", new { name, address = LabEngines.SshAddress, sshPrivateKey = key, sshPassphrase = passphrase });
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("SshPrivateKey")[0].GetString()!;
            }
            Assert.Equal("This private key is encrypted: give its passphrase.", await RefusalAsync("enc-none", null));
            Assert.StartsWith("The passphrase does not open this private key", await RefusalAsync("enc-wrong", "wrong-phrase"));

            var taken = await Client.PostAsJsonAsync("/api/hosts", new { name = "enc-right", address = LabEngines.SshAddress, sshPrivateKey = key, sshPassphrase = "right-phrase" });
            Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
            Assert.DoesNotContain("right-phrase", await Client.GetStringAsync("/api/hosts"));
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/api/hosts/enc-right")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_SSH_host_waits_for_its_host_key_to_be_confirmed_then_connects()
    {
        await LabEngines.EnsureAsync();
        var added = await Client.PostAsJsonAsync("/api/hosts", new { name = "lab-ssh", address = LabEngines.SshAddress, sshPrivateKey = await File.ReadAllTextAsync(LabEngines.SshKeyFile) });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True(await EngineWait.UntilAsync(async () => (await HostAsync("lab-ssh")).GetProperty("state").GetString() == "unreachable", TimeSpan.FromSeconds(30)));
        Assert.Contains("is not trusted yet", (await HostAsync("lab-ssh")).GetProperty("problem").GetString());

        var test = await (await Client.PostAsync("/api/hosts/lab-ssh/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(test.GetProperty("ok").GetBoolean());
        var fingerprint = test.GetProperty("hostKeyToConfirm").GetString()!;
        Assert.Contains(fingerprint, await LabEngines.HostKeyFingerprintsAsync());

        var wrong = await Client.PostAsJsonAsync("/api/hosts/lab-ssh/trust", new { fingerprint = "SHA256:" + new string('A', 43) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("nothing was pinned", await wrong.Content.ReadAsStringAsync());

        var trusted = await Client.PostAsJsonAsync("/api/hosts/lab-ssh/trust", new { fingerprint = "SHA256:" + fingerprint });
        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        Assert.True(await EngineWait.UntilAsync(async () => (await HostAsync("lab-ssh")).GetProperty("state").GetString() == "connected", TimeSpan.FromSeconds(30)),
            $"the SSH host did not connect after its key was trusted: {await HostAsync("lab-ssh")}");
        Assert.Equal($"docker -H {LabEngines.SshAddress} ps -a", (await HostAsync("lab-ssh")).GetProperty("cli").GetString());
        Assert.Equal(fingerprint, (await HostAsync("lab-ssh")).GetProperty("sshHostKey").GetString());
    }

    [Fact]
    public async Task A_generated_key_shows_its_public_half_for_authorized_keys_and_never_its_private_one()
    {
        var added = await Client.PostAsJsonAsync("/api/hosts", new { name = "gen", address = "ssh://deploy@10.0.0.5", generateSshKey = true });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var row = await HostAsync("gen");
        Assert.Matches(@"^ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/=]+ quayside@gen$", row.GetProperty("sshPublicKey").GetString());
        Assert.True(row.GetProperty("hasSshKey").GetBoolean());
        Assert.DoesNotContain("PRIVATE", await Client.GetStringAsync("/api/hosts"));
    }

    [Fact]
    public async Task A_docker_context_is_imported_with_its_TLS_files_and_its_lines_say_context()
    {
        await LabEngines.EnsureAsync();
        var config = Path.Combine(App.DataDirectory, "docker-config");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("lab-prod"u8));
        Directory.CreateDirectory(Path.Combine(config, "contexts", "meta", hash));
        var tls = Directory.CreateDirectory(Path.Combine(config, "contexts", "tls", hash, "docker")).FullName;
        foreach (var (from, to) in new[] { ("ca.pem", "ca.pem"), ("client-cert.pem", "cert.pem"), ("client-key.pem", "key.pem") })
            File.Copy(LabEngines.TlsFile(from), Path.Combine(tls, to));
        await File.WriteAllTextAsync(Path.Combine(config, "contexts", "meta", hash, "meta.json"),
            """{"Name":"lab-prod","Metadata":{"Description":"lab"},"Endpoints":{"docker":{"Host":"ADDRESS","SkipTLSVerify":false}}}""".Replace("ADDRESS", LabEngines.TlsAddress));

        var contexts = DockerContexts.Read(config);
        var context = Assert.Single(contexts);
        Assert.Equal(("lab-prod", LabEngines.TlsAddress), (context.Name, context.Address));
        Assert.NotNull(context.Tls);

        var registry = App.Services.GetRequiredService<HostRegistry>();
        var host = registry.Put("lab-prod", Engine.Connection.EngineEndpoint.Parse(context.Address) with { Tls = context.Tls }, context.Name);
        Assert.Equal("docker --context lab-prod ps -a", host.Cli("docker ps -a"));
        Assert.True(await host.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(30)), host.Model.Status.Problem?.ToString());
    }

    [Fact]
    public async Task The_containers_api_works_on_another_host_and_its_lines_name_that_host()
    {
        await LabEngines.EnsureAsync();
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync("/api/hosts", await TlsFormAsync("api-tls"))).StatusCode);
        var name = LabContainers.UniqueName("api-on-tls");
        var newName = name + "-renamed";
        var tls = $"-H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem";
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage, "sleep", "1000");
        try
        {
            JsonElement list = default;
            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                var response = await Client.GetAsync($"/api/hosts/api-tls/containers?name={name}");
                if (!response.IsSuccessStatusCode)
                    return false;
                list = await response.Content.ReadFromJsonAsync<JsonElement>();
                // The model may first see the container as created: the engine's start event follows its create event.
                return list.GetProperty("items").GetArrayLength() == 1 && list.GetProperty("items")[0].GetProperty("state").GetString() == "running";
            }, TimeSpan.FromSeconds(30)), $"the TLS host's list never showed {name} running: {list}");
            Assert.Equal($"docker {tls} ps -a --filter name={name}",
                list.GetProperty("cli").GetString());
            Assert.Equal("running", list.GetProperty("items")[0].GetProperty("state").GetString());
            Assert.Equal(0, (await Client.GetFromJsonAsync<JsonElement>($"/api/containers?name={name}")).GetProperty("items").GetArrayLength());

            var stopped = await Client.PostAsJsonAsync("/api/hosts/api-tls/containers/stop", new { targets = new[] { name }, timeout = 1 });
            var outcome = await stopped.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(stopped.IsSuccessStatusCode, outcome.ToString());
            Assert.Equal($"docker {tls} stop -t 1 {name}", outcome.GetProperty("cli").GetString());
            Assert.Equal("exited", await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "inspect", "-f", "{{.State.Status}}", name));

            var preview = await Client.GetFromJsonAsync<JsonElement>($"/api/hosts/api-tls/containers/prune?label={LabContainers.TestLabel}=1");
            Assert.Equal($"docker {tls} container prune -f --filter label={LabContainers.TestLabel}=1", preview.GetProperty("cli").GetString());
            var renamed = await Client.PostAsJsonAsync($"/api/hosts/api-tls/containers/{name}/rename", new { newName });
            Assert.Equal($"docker {tls} rename {name} {newName}", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cli").GetString());
            var removed = await Client.DeleteAsync($"/api/hosts/api-tls/containers/{newName}");
            Assert.Equal($"docker {tls} rm {newName}", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cli").GetString());
            Assert.Equal("", await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "ps", "-aq", "--filter", $"name={newName}"));

            var unknown = await Client.GetAsync("/api/hosts/no-such-host/containers");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("There is no host named 'no-such-host'", await unknown.Content.ReadAsStringAsync());
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", name, newName);
        }
    }

    [Fact]
    public async Task A_host_pinned_to_an_old_API_works_at_it_and_refuses_what_it_lacks_naming_the_feature_and_the_version_as_the_CLI_does()
    {
        var refused = await Client.PostAsJsonAsync("/api/hosts", new { name = "old-api", address = "unix:///var/run/docker.sock", apiVersion = "2" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("give one like 1.41", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ApiVersion")[0].GetString());

        var name = LabContainers.UniqueName("old-api");
        await LabContainers.CreateAsync(name);
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync("/api/hosts", new { name = "old-api", address = "unix:///var/run/docker.sock", apiVersion = "1.24" })).StatusCode);
            Assert.True(await EngineWait.UntilAsync(async () => (await HostAsync("old-api")).GetProperty("state").GetString() == "connected", TimeSpan.FromSeconds(30)),
                $"the host spoken to at API 1.24 did not connect: {await HostAsync("old-api")}");
            var row = await HostAsync("old-api");
            Assert.Equal("1.24", row.GetProperty("pinnedApiVersion").GetString());
            Assert.Equal("DOCKER_API_VERSION=1.24 docker -H unix:///var/run/docker.sock ps -a", row.GetProperty("cli").GetString());
            var list = await Client.GetFromJsonAsync<JsonElement>($"/api/hosts/old-api/containers?name={name}");
            Assert.Equal(1, list.GetProperty("items").GetArrayLength());

            var df = await Client.GetAsync("/api/hosts/old-api/system/df");
            Assert.Equal(HttpStatusCode.BadRequest, df.StatusCode);
            var words = await df.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Disk usage (docker system df) needs Docker Engine API 1.25 or newer, and unix:///var/run/docker.sock is used at API 1.24 "
                + "(the API version pinned for this host).", words.GetProperty("title").GetString());
            Assert.Equal("Raise or clear the host's API version on the hosts page.", words.GetProperty("detail").GetString());
            var cli = await DockerCommand.RunLineAsync("DOCKER_API_VERSION=1.24 docker -H unix:///var/run/docker.sock system df");
            Assert.Contains("requires API version 1.25", cli.Stderr);

            var prune = await Client.PostAsJsonAsync("/api/hosts/old-api/volumes/prune", new { label = LabContainers.TestLabel });
            Assert.False(prune.IsSuccessStatusCode);
            Assert.Contains("Pruning volumes (docker volume prune) needs Docker Engine API 1.25 or newer", await prune.Content.ReadAsStringAsync());
        }
        finally
        {
            await Client.DeleteAsync("/api/hosts/old-api");
            await LabContainers.RemoveAsync(name);
        }
    }
}
