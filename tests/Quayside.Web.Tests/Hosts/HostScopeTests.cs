using Quayside.Web.Hosts;

namespace Quayside.Web.Tests.Hosts;

public class HostScopeTests
{
    [Theory]
    [InlineData("containers", "local")]
    [InlineData("", "local")]
    [InlineData("hosts", "local")]
    [InlineData("hosts/prod-1/containers", "prod-1")]
    [InlineData("hosts/prod-1/containers?state=running", "prod-1")]
    [InlineData("hosts/a%2Db/containers", "a-b")]
    public void The_page_address_names_its_host(string path, string host) => Assert.Equal(host, HostScope.NameOf(path));

    [Fact]
    public void Links_keep_short_urls_on_the_default_host()
    {
        Assert.Equal("/containers", HostLinks.Containers("local"));
        Assert.Equal("/hosts/prod-1/containers", HostLinks.Containers("prod-1"));
    }
}
