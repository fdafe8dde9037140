using Quayside.Engine.Pulls;

namespace Quayside.Engine.Tests.Pulls;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", null, null, "busybox:latest")]
    [InlineData("bitnami/redis:7", "docker.io", "bitnami/redis", "7", null, "bitnami/redis:7")]
    [InlineData("localhost:5000/lab/busybox:1.35", "localhost:5000", "lab/busybox", "1.35", null, "localhost:5000/lab/busybox:1.35")]
    [InlineData("registry.example.com/team/app", "registry.example.com", "team/app", null, null, "registry.example.com/team/app:latest")]
    public void Splits_registry_repository_and_tag(string text, string registry, string repository, string? tag, string? digest, string normalised)
    {
        var r = ImageReference.Parse(text);
        Assert.Equal((registry, repository, tag, digest), (r.Registry, r.Repository, r.Tag, r.Digest));
        Assert.Equal(normalised, r.ToString());
    }

    [Fact]
    public void Reads_a_digest()
    {
        var digest = "sha256:" + new string('a', 64);
        var r = ImageReference.Parse($"localhost:5000/lab/busybox@{digest}");
        Assert.Equal(digest, r.Digest);
        Assert.Equal(digest, r.TagOrDigest);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("Busybox", "lowercase")]
    [InlineData("busybox:bad tag", "not a valid image name")]
    [InlineData("busybox@sha256:123", "not a valid digest")]
    public void Bad_references_say_what_is_accepted(string text, string expected)
    {
        Assert.Null(ImageReference.TryParse(text, out var problem));
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("linux/arm64/v8", "linux", "arm64", "v8")]
    [InlineData("linux/amd64", "linux", "amd64", null)]
    public void Parses_platforms(string text, string os, string arch, string? variant) =>
        Assert.Equal(new PlatformSpec(os, arch, variant), PlatformSpec.TryParse(text, out _));

    [Theory]
    [InlineData("arm64")]
    [InlineData("Linux/ARM64")]
    [InlineData("linux/arm/v7/x")]
    public void Bad_platforms_are_refused_in_words(string text)
    {
        Assert.Null(PlatformSpec.TryParse(text, out var problem));
        Assert.Contains("os/architecture[/variant]", problem);
    }
}
