using Quayside.Engine.Registries;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Registries;

/// <summary>The Docker Hub client against a local server replaying recorded Hub answers (the base URL is a setting).</summary>
public sealed class HubClientTests : IDisposable
{
    private readonly HubReplayServer _hub = HubReplayServer.FromRecordings();
    private readonly HttpClient _http = new();

    private HubClient Client => new(_http, _hub.BaseUri);

    [Fact]
    public async Task Search_gives_names_descriptions_stars_and_the_official_badge_with_paging()
    {
        var first = await Client.SearchAsync("busybox", 1, 2, CancellationToken.None);
        Assert.Equal(3, first.Total);
        Assert.True(first.HasMore);
        var official = first.Items[0];
        Assert.Equal(("busybox", "Busybox base image.", 3356, true), (official.Name, official.Description, official.Stars!.Value, official.IsOfficial));
        Assert.False(first.Items[1].IsOfficial);

        var second = await Client.SearchAsync("busybox", 2, 2, CancellationToken.None);
        Assert.False(second.HasMore);
        Assert.Equal("radial/busyboxplus", Assert.Single(second.Items).Name);
    }

    [Fact]
    public async Task Tags_give_one_row_per_platform_without_the_attestation_entries()
    {
        var page = await Client.TagsAsync("busybox", 1, 25, CancellationToken.None);
        Assert.Equal(["1.37 linux/amd64", "1.37 linux/arm64/v8", "1.36-musl linux/amd64"], page.Items.Select(r => $"{r.Tag} {r.Platform}"));
        Assert.Equal(2160406, page.Items[0].CompressedSize);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 19, 47, 44, 296, TimeSpan.Zero).AddTicks(2120), page.Items[0].LastPushed);
        Assert.Contains("/v2/repositories/library/busybox/tags?page=1&page_size=25", _hub.Requests);
    }

    [Fact]
    public async Task An_unknown_repository_is_reported_in_words()
    {
        var e = await Assert.ThrowsAsync<RegistryException>(() => Client.TagsAsync("nobody/nothing", 1, 25, CancellationToken.None));
        Assert.Contains("Docker Hub has no such repository", e.Message);
    }

    [Fact]
    public async Task An_unreachable_hub_is_reported_in_words()
    {
        var e = await Assert.ThrowsAsync<RegistryException>(() => new HubClient(_http, new Uri("http://127.0.0.1:1/")).SearchAsync("x", 1, 10, CancellationToken.None));
        Assert.Contains("could not be reached", e.Message);
    }

    public void Dispose()
    {
        _hub.Dispose();
        _http.Dispose();
    }
}
