using System.Net;
using Quayside.Engine.Cli;
using Quayside.Engine.Errors;
using Quayside.Engine.Pulls;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Pulls;

public class PullCliAndErrorTests
{
    [Fact]
    public void Pull_push_login_and_search_lines()
    {
        Assert.Equal("docker pull --platform linux/arm64 localhost:5000/lab/busybox:1.35",
            PullActions.PullCli(ImageReference.Parse("localhost:5000/lab/busybox:1.35"), PlatformSpec.TryParse("linux/arm64", out _)));
        Assert.Equal("docker pull busybox:latest", PullActions.PullCli(ImageReference.Parse("busybox"), null));
        Assert.Equal("docker push localhost:5000/team/app:1.0", DockerCli.Push("localhost:5000/team/app:1.0"));
        Assert.Equal("docker login -u alice --password-stdin localhost:5001", DockerCli.Login("localhost:5001", "alice"));
        Assert.Equal("docker logout localhost:5001", DockerCli.Logout("localhost:5001"));
        Assert.Equal("docker logout", DockerCli.Logout(null));
        Assert.Equal("docker search --limit 25 busybox", DockerCli.Search("busybox", 25));
        Assert.Equal("docker manifest inspect --insecure localhost:5000/lab/busybox:1", DockerCli.ManifestInspect("localhost:5000/lab/busybox:1", true));
    }

    [Fact]
    public async Task The_pull_line_run_in_a_shell_pulls_the_same_platform()
    {
        var reference = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("cli"), layerBytes: 100_000);
        try
        {
            var line = PullActions.PullCli(ImageReference.Parse(reference), PlatformSpec.TryParse("linux/arm64", out _));
            (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line);
            Assert.Equal("arm64", await DockerCommand.InspectAsync(reference, "{{.Architecture}}"));
        }
        finally
        {
            await LabRegistry.RemoveImageAsync(reference);
        }
    }

    [Theory]
    [InlineData("manifest for localhost:5000/lab/busybox:nope not found: manifest unknown: manifest unknown", "The registry has no tag or digest 'nope' for localhost:5000/lab/busybox")]
    [InlineData("no matching manifest for linux/s390x in the manifest list entries", "no variant for the platform linux/s390x")]
    [InlineData("Head \"http://localhost:5001/v2/lab/private/manifests/1\": no basic auth credentials", "requires a login and no credentials were sent")]
    [InlineData("unauthorized: authentication required", "credentials sent are wrong")]
    [InlineData("pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", "refused access to nosuch")]
    [InlineData("Get \"http://localhost:5009/v2/\": dial tcp 127.0.0.1:5009: connect: connection refused", "The registry at localhost:5009 could not be reached")]
    public void Pull_errors_are_put_in_words(string engine, string expected) =>
        Assert.Contains(expected, EngineErrorTranslator.FromEngine(HttpStatusCode.InternalServerError, engine).Message);
}
