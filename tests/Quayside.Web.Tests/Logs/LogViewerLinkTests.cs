using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using Quayside.Engine.Logs;
using Quayside.Web.Logs;

namespace Quayside.Web.Tests.Logs;

/// <summary>The viewer writes its download address with the request type, so the endpoint reads back what was typed.</summary>
public sealed class LogViewerLinkTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public LogViewerLinkTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddFluentUIComponents();
        _ctx.Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void The_download_link_carries_the_checked_options_and_every_container_without_follow()
    {
        var viewer = _ctx.Render<LogViewer>(p => p.Add(v => v.Containers, [new LogSource("id a&b", "web"), new LogSource("id2", "db")]));
        viewer.Find("[data-testid=logs-tail]").Input(" ALL ");
        viewer.Find("[data-testid=logs-since]").Input("1h30m");
        viewer.Find("[data-testid=logs-until]").Input("1h");
        viewer.Find("[data-testid=logs-timestamps]").Change(true);

        var href = viewer.Find("[data-testid=logs-download-all]").GetAttribute("href")!;
        Assert.StartsWith("api/logs/download?", href);
        var request = LogsRequest.Parse(href[href.IndexOf('?')..], DateTimeOffset.UtcNow, out var problems);
        Assert.Empty(problems);
        Assert.Equal(["id a&b", "id2"], request.Containers);
        Assert.Null(request.Query.Tail);
        Assert.Equal("1h30m", request.Query.Since!.Text);
        Assert.Equal("1h", request.Query.Until!.Text);
        Assert.True(request.Query.Timestamps);
        Assert.False(request.Query.Follow);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
