using Bunit;
using Quayside.Engine.Model;
using Quayside.TestSupport;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Tests.Shared;

public class EngineBannerTests
{
    [Fact]
    public async Task An_unreachable_engine_gets_one_banner_with_the_address_the_error_and_the_fix()
    {
        var socket = $"/tmp/qt-nowhere-{Guid.NewGuid():N}.sock";
        await using var ctx = new PageTestContext("unix://" + socket);
        Assert.True(await EngineWait.UntilAsync(() => ctx.Model.Status.State == EngineConnectionState.Unreachable, TimeSpan.FromSeconds(5)));

        var banner = ctx.Bunit.Render<EngineBanner>();
        var text = banner.Find("[data-testid=engine-banner]").TextContent;
        Assert.Contains($"unix://{socket}", text);
        Assert.Contains("does not exist", text);
        Assert.Contains("Is dockerd running?", text);
    }

    [Fact]
    public async Task A_reachable_engine_shows_no_banner()
    {
        await using var ctx = new PageTestContext();
        Assert.True(await ctx.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(10)));
        var banner = ctx.Bunit.Render<EngineBanner>();
        Assert.Empty(banner.FindAll("[data-testid=engine-banner]"));
    }

    [Fact]
    public async Task The_banner_goes_away_by_itself_when_the_engine_comes_back()
    {
        await using var engine = new UnixSocketForwarder();
        await using var ctx = new PageTestContext("unix://" + engine.Path);
        Assert.True(await EngineWait.UntilAsync(() => ctx.Model.Status.State == EngineConnectionState.Unreachable, TimeSpan.FromSeconds(5)));
        var banner = ctx.Bunit.Render<EngineBanner>();
        Assert.NotEmpty(banner.FindAll("[data-testid=engine-banner]"));

        engine.Start();
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=engine-banner]")), TimeSpan.FromSeconds(5));
    }
}
