using Quayside.Engine.Registries;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Registries;

/// <summary>The Registry v2 client against the lab registries (open on :5000, htpasswd on :5001).</summary>
public class RegistryClientTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static RegistryClient Open() => new(Http, new Uri("http://127.0.0.1:5000/"), null);

    private static RegistryClient Auth(RegistryAuth? auth) => new(Http, new Uri("http://127.0.0.1:5001/"), auth);

    [Fact]
    public async Task The_catalog_search_finds_the_repository_by_a_part_of_its_name()
    {
        var found = await Open().SearchCatalogAsync("busy", CancellationToken.None);
        Assert.Contains("lab/busybox", found);
        Assert.DoesNotContain("lab/many", found);
    }

    [Fact]
    public async Task A_multi_arch_tag_gives_one_row_per_platform_with_digest_and_size()
    {
        var rows = await Open().TagPlatformsAsync(LabRegistry.Busybox, LabRegistry.MultiArchTag, CancellationToken.None);
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], rows.Select(r => r.Platform));
        Assert.All(rows, r => Assert.StartsWith("sha256:", r.Digest));
        Assert.All(rows, r => Assert.True(r.CompressedSize > 100_000));
    }

    [Fact]
    public async Task A_single_manifest_tag_reads_its_platform_from_the_config()
    {
        var row = Assert.Single(await Open().TagPlatformsAsync(LabRegistry.Busybox, "1-arm64", CancellationToken.None));
        Assert.Equal(("linux", "arm64"), (row.Os, row.Architecture));
        Assert.NotNull(row.Created);
    }

    [Fact]
    public async Task All_120_tags_are_listed_in_order()
    {
        var tags = await Open().TagsAsync("lab/many", CancellationToken.None);
        Assert.Equal(120, tags.Count);
        Assert.Equal("t001", tags[0]);
        Assert.Equal("t120", tags[^1]);
    }

    [Fact]
    public async Task The_catalog_follows_Link_paging()
    {
        // _catalog honours n and answers with a Link header; with n=1 every repository comes from its own page.
        using var response = await Http.GetAsync("http://127.0.0.1:5000/v2/_catalog?n=1");
        Assert.Equal("/v2/_catalog?last=lab%2Fbusybox&n=1", RegistryClient.NextLink(response));
    }

    [Fact]
    public async Task A_missing_tag_is_reported_in_words()
    {
        var e = await Assert.ThrowsAsync<RegistryException>(() => Open().TagPlatformsAsync(LabRegistry.Busybox, "no-such-tag", CancellationToken.None));
        Assert.Contains("no such tag or digest", e.Message);
    }

    [Fact]
    public async Task The_authenticated_registry_refuses_without_credentials_and_works_with_them()
    {
        var refused = await Assert.ThrowsAsync<RegistryException>(() => Auth(null).SearchCatalogAsync("", CancellationToken.None));
        Assert.Contains("requires a login", refused.Message);
        var wrong = await Assert.ThrowsAsync<RegistryException>(() => Auth(new RegistryAuth(LabRegistry.Auth, LabRegistry.User, "nope")).CheckLoginAsync(CancellationToken.None));
        Assert.Contains("refused the saved credentials", wrong.Message);

        var client = Auth(new RegistryAuth(LabRegistry.Auth, LabRegistry.User, LabRegistry.Password));
        await client.CheckLoginAsync(CancellationToken.None);
        Assert.Contains(LabRegistry.Private, await client.SearchCatalogAsync("private", CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_registry_is_reported_in_words()
    {
        var e = await Assert.ThrowsAsync<RegistryException>(() => new RegistryClient(Http, new Uri("http://127.0.0.1:1/"), null).CheckLoginAsync(CancellationToken.None));
        Assert.Contains("could not be reached", e.Message);
    }

    [Fact]
    public void Bearer_challenges_are_parsed()
    {
        var c = RegistryChallenge.Parse("""Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull" """)!;
        Assert.Equal("Bearer", c.Scheme);
        Assert.Equal("https://auth.docker.io/token", c["realm"]);
        Assert.Equal("registry.docker.io", c["service"]);
        Assert.Equal("repository:library/busybox:pull", c["scope"]);
    }
}
