using Quayside.Engine.Registries;
using static Quayside.Engine.Tests.Security.HostileRegistry;

namespace Quayside.Engine.Tests.Security;

/// <summary>A registry that keeps sending next-page links must not keep Quayside asking forever.</summary>
public sealed class RegistryPagingAttackTests : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Empty_pages_with_next_links_end_the_list_instead_of_paging_forever()
    {
        var page = 0;
        using var registry = new HostileRegistry(ctx => JsonAsync(ctx, 200, """{"repositories":[]}""",
            ("Link", $"</v2/_catalog?last=p{Interlocked.Increment(ref page)}&n=1000>; rel=\"next\"")));

        var found = await new RegistryClient(_http, registry.BaseUri, null).SearchCatalogAsync("", _bound.Token);

        Assert.Empty(found);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public async Task A_next_link_back_to_the_same_page_ends_the_list()
    {
        using var registry = new HostileRegistry(ctx => JsonAsync(ctx, 200, """{"name":"team/app","tags":["1.0"]}""",
            ("Link", "</v2/team/app/tags/list?n=1000>; rel=\"next\"")));

        var tags = await new RegistryClient(_http, registry.BaseUri, null).TagsAsync("team/app", _bound.Token);

        Assert.Equal(["1.0"], tags);
        Assert.Equal(1, registry.Count);
    }

    public void Dispose()
    {
        _http.Dispose();
        _bound.Dispose();
    }
}
