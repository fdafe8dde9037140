using System.Net;
using System.Text.RegularExpressions;

namespace Quayside.Web.Tests.Navigation;

/// <summary>
/// Page addresses follow the feature names (Pulls, Build, ImageArchives, DockerSystem); the addresses people bookmarked
/// before the rename still open the same page.
/// </summary>
public partial class PageAddressTests : IAsyncLifetime
{
    private readonly QuaysideFactory _factory = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _factory.CreateLoggedInClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/pulls", "/pull", "Pull/Search · Quayside")]
    [InlineData("/pulls/tags?repo=library%2Fbusybox", "/pull/tags?repo=library%2Fbusybox", "Tags of library/busybox · Quayside")]
    [InlineData("/pulls/push", "/push", "Push · Quayside")]
    [InlineData("/build", "/images/build", "Build an image · Quayside")]
    [InlineData("/image-archives", "/images/load", "Load or import · Quayside")]
    [InlineData("/system", "/", "Engine · Quayside")]
    [InlineData("/system/disk-usage", "/disk-usage", "Disk usage · Quayside")]
    [InlineData("/system/versions", "/versions", "Versions · Quayside")]
    public async Task The_feature_address_and_the_old_bookmark_open_the_same_page(string address, string bookmark, string title)
    {
        Assert.Equal(title, await TitleAsync(address));
        Assert.Equal(title, await TitleAsync(bookmark));
    }

    [Fact]
    public async Task The_top_bar_links_to_the_feature_addresses()
    {
        var html = await _client.GetStringAsync("/containers");
        var links = NavLinks().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "/pulls", "/system/disk-usage", "/system/versions" }, links);
        Assert.DoesNotContain("/pull", links);
        Assert.DoesNotContain("/disk-usage", links);
        Assert.DoesNotContain("/versions", links);
    }

    private async Task<string> TitleAsync(string address)
    {
        var response = await _client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = Title().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{address} has no <title>");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex("<a [^>]*href=\"(/[^\"]*)\"")]
    private static partial Regex NavLinks();
}
