using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;

namespace Quayside.Engine.Tests.Hosts;

/// <summary>Host addresses read the way the docker CLI reads them, and CLI lines that name the host the way a user types it.</summary>
public class HostAddressTests
{
    [Theory]
    [InlineData("ssh://deploy@10.0.0.5", "ssh://deploy@10.0.0.5", "10.0.0.5", 22)]
    [InlineData("ssh://root@127.0.0.1:22221", "ssh://root@127.0.0.1:22221", "127.0.0.1", 22221)]
    [InlineData("tcp://h:2376", "tcp://h:2376", "h", 2376)]
    public void Addresses_keep_their_form_and_name_host_and_port(string typed, string address, string host, int port)
    {
        var endpoint = EngineEndpoint.Parse(typed);
        Assert.Equal(address, endpoint.Address);
        Assert.Equal((host, port), endpoint.HostAndPort());
    }

    [Theory]
    [InlineData("ssh://10.0.0.5", "ssh://USER@HOST")]
    [InlineData("ssh://a:b@10.0.0.5", "ssh://USER@HOST")]
    [InlineData("tcp://h", "tcp://HOST:PORT")]
    [InlineData("http://h:2375", "use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST[:PORT]")]
    public void A_bad_address_says_what_is_accepted(string typed, string accepted) =>
        Assert.Contains(accepted, Assert.Throws<FormatException>(() => EngineEndpoint.Parse(typed)).Message);

    [Fact]
    public void The_transport_follows_the_address_and_the_tls_material()
    {
        Assert.Equal(EngineTransport.Unix, EngineEndpoint.Parse(null).Transport);
        Assert.Equal(EngineTransport.Tcp, EngineEndpoint.Parse("tcp://h:2375").Transport);
        Assert.Equal(EngineTransport.Tls, (EngineEndpoint.Parse("tcp://h:2376") with { Tls = new TlsMaterial("a", "b", "c") }).Transport);
        Assert.Equal(EngineTransport.Ssh, EngineEndpoint.Parse("ssh://u@h").Transport);
    }

    [Fact]
    public void Secrets_never_show_in_a_record_printed_to_a_log()
    {
        Assert.DoesNotContain("KEY", new TlsMaterial("ca", "cert", "-----BEGIN PRIVATE KEY-----").ToString());
        Assert.DoesNotContain("KEY", new SshMaterial("-----BEGIN OPENSSH PRIVATE KEY-----", "pass", "fp").ToString());
        Assert.DoesNotContain("pass", new SshMaterial("k", "pass", "fp").ToString());
    }

    [Fact]
    public void Cli_lines_name_the_host_as_a_user_types_it()
    {
        var tls = EngineEndpoint.Parse("tcp://h:2376") with { Tls = new TlsMaterial("a", "b", "c") };
        Assert.Equal("docker -H tcp://h:2376 --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem ps -a",
            DockerCli.OnHost(DockerCli.HostFlags(tls), "docker ps -a"));
        Assert.Equal("docker -H ssh://deploy@10.0.0.5 ps -a", DockerCli.OnHost(DockerCli.HostFlags(EngineEndpoint.Parse("ssh://deploy@10.0.0.5")), "docker ps -a"));
        Assert.Equal("docker --context prod ps -a", DockerCli.OnHost(DockerCli.HostFlags(tls, "prod"), "docker ps -a"));
        Assert.Equal("docker --context prod stop web && docker --context prod rm web",
            DockerCli.OnHost("--context prod", "docker stop web && docker rm web"));
        Assert.Equal("docker save web | gzip", DockerCli.OnHost("", "docker save web | gzip"));
    }

    [Fact]
    public void A_generated_key_is_a_pair_ssh_can_read()
    {
        var (privatePem, publicLine) = SshKeys.Generate("quayside@test");
        Assert.Null(SshKeys.Problem(privatePem, null));
        Assert.StartsWith("ssh-rsa AAAAB3NzaC1yc2E", publicLine);
        Assert.EndsWith(" quayside@test", publicLine);
        var blob = Convert.FromBase64String(publicLine.Split(' ')[1]);
        Assert.True(blob.Length > 380, "a 3072-bit modulus and its exponent");
    }

    [Fact]
    public void A_key_that_is_not_a_key_is_refused_in_words() =>
        Assert.Contains("not a private key Quayside can read", SshKeys.Problem("hello", null));
}
