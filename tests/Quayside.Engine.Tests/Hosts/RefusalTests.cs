using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Hosts;

/// <summary>What a wrong certificate, an unknown or changed host key, and a stopped engine look like to a user.</summary>
[Collection(LabEngineCollection.Name)]
public sealed class RefusalTests(LabEngineFixture lab)
{
    private static async Task<EngineProblem> VersionProblemAsync(EngineEndpoint endpoint)
    {
        using var client = new EngineClient(endpoint);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync<System.Text.Json.Nodes.JsonObject>("/version", timeout: TimeSpan.FromSeconds(20)));
        return EngineErrorTranslator.Translate(error, endpoint);
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused_by_the_engine_and_named()
    {
        var problem = await VersionProblemAsync(LabEngines.TlsEndpoint(client: "stranger"));
        Assert.True(problem.Message.Contains("client certificate"), problem.Message);
        Assert.Contains("CN=stranger", problem.Message);
    }

    [Fact]
    public async Task An_engine_certificate_not_signed_by_the_given_CA_is_not_trusted()
    {
        var problem = await VersionProblemAsync(LabEngines.TlsEndpoint(ca: "other-ca"));
        Assert.Contains("engine's certificate is not trusted", problem.Message);
        Assert.Contains("CN=quayside lab other-ca", problem.Message);
    }

    [Fact]
    public async Task A_bad_pem_says_which_part_is_wrong()
    {
        var endpoint = EngineEndpoint.Parse(LabEngines.TlsAddress) with { Tls = LabEngines.Tls() with { CaPem = "not a certificate" } };
        var problem = await VersionProblemAsync(endpoint);
        Assert.Contains("the CA certificate holds no certificate. Paste the text of ca.pem", problem.Message);
    }

    [Fact]
    public async Task The_host_key_read_before_pinning_is_the_one_ssh_keygen_prints_on_the_host()
    {
        var seen = await SshDialer.ReadHostKeyAsync(EngineEndpoint.Parse(LabEngines.SshAddress), default);
        Assert.Contains(seen, await LabEngines.HostKeyFingerprintsAsync());
    }

    [Fact]
    public async Task An_unpinned_host_key_is_refused_with_its_fingerprint_to_confirm()
    {
        var endpoint = EngineEndpoint.Parse(LabEngines.SshAddress) with { Ssh = new SshMaterial(await File.ReadAllTextAsync(LabEngines.SshKeyFile), null, null) };
        var problem = await VersionProblemAsync(endpoint);
        Assert.Contains("is not trusted yet", problem.Message);
        Assert.Contains("SHA256:" + await SshDialer.ReadHostKeyAsync(endpoint, default), problem.Message);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_in_words()
    {
        var problem = await VersionProblemAsync(await LabEngines.SshEndpointAsync(pinned: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Contains("presented a different host key", problem.Message);
        Assert.Contains("someone may be in the middle", problem.Message);
    }

    [Fact]
    public async Task A_key_the_host_does_not_accept_is_an_authentication_failure_in_words()
    {
        var other = Path.Combine(Path.GetTempPath(), "qt-key-" + Guid.NewGuid().ToString("N")[..8]);
        using (var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]))
            await keygen.WaitForExitAsync();
        try
        {
            var endpoint = await LabEngines.SshEndpointAsync();
            endpoint = endpoint with { Ssh = endpoint.Ssh! with { PrivateKey = await File.ReadAllTextAsync(other) } };
            var problem = await VersionProblemAsync(endpoint);
            Assert.Contains("refused the key", problem.Message);
            Assert.Contains("authorized_keys", problem.Advice);
        }
        finally
        {
            File.Delete(other);
            File.Delete(other + ".pub");
        }
    }

    [Fact]
    public async Task A_stopped_engine_shows_as_down_while_the_others_keep_working_and_comes_back_by_itself()
    {
        var tcp = lab["tcp"];
        var tls = lab["tls"];
        Assert.True(await EngineWait.UntilAsync(() => tcp.Status.State == Quayside.Engine.Model.EngineConnectionState.Connected, TimeSpan.FromSeconds(30)));
        await DockerCommand.OkAsync("stop", "-t", "1", LabEngines.TcpContainer);
        try
        {
            Assert.True(await EngineWait.UntilAsync(() => tcp.Status.State == Quayside.Engine.Model.EngineConnectionState.Unreachable, TimeSpan.FromSeconds(30)),
                $"the stopped engine still shows as {tcp.Status.State}");
            Assert.Contains("127.0.0.1:23751", tcp.Status.Problem!.Message);

            var name = LabContainers.UniqueName("tr-alive");
            await LabEngineFixture.DockerOnAsync("tls", "run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage, "sleep", "1000");
            try
            {
                Assert.True(await EngineWait.UntilAsync(() => tls.Containers.Values.Any(c => c.Name == name), TimeSpan.FromSeconds(20)),
                    "the TLS engine's model stopped following its engine while another engine was down");
            }
            finally
            {
                await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", name);
            }
        }
        finally
        {
            await DockerCommand.OkAsync("start", LabEngines.TcpContainer);
        }
        Assert.True(await EngineWait.UntilAsync(() => tcp.Status.State == Quayside.Engine.Model.EngineConnectionState.Connected, TimeSpan.FromSeconds(60)),
            $"the engine came back but the model shows {tcp.Status.State}: {tcp.Status.Problem}");
    }
}
