using Bunit;
using Microsoft.Extensions.Logging.Abstractions;
using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;
using Quayside.TestSupport;
using Quayside.Web.Pulls;
using Quayside.Web.Tests;
using Quayside.Web.Registries;

namespace Quayside.Web.Tests.Pulls;

/// <summary>The reusable progress component on a real pull (bUnit, real engine, lab registry).</summary>
public sealed class PullProgressViewTests : IAsyncLifetime
{
    private readonly PageTestContext _ctx = new();
    private string? _pulled;

    private sealed class NoCredentials : IRegistryCredentials
    {
        public Task<RegistryAuth?> FindAsync(string registry, CancellationToken ct) => Task.FromResult<RegistryAuth?>(null);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Shows_layer_bars_while_running_and_the_digest_when_done()
    {
        _pulled = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("bunit"), layerBytes: 20_000_000);
        var pulls = new PullService(new PullActions(_ctx.Model.Client), new NoCredentials(), NullLogger<PullService>.Instance);
        var job = pulls.Start(_pulled, "linux/amd64");
        var view = _ctx.Bunit.Render<PullProgressView>(p => p.Add(v => v.Job, job));

        Assert.Equal($"docker pull --platform linux/amd64 {_pulled}", view.Find("[data-testid=pull-cli] .command").TextContent);
        var seenStates = new HashSet<string>();
        view.WaitForAssertion(() =>
        {
            foreach (var layer in view.FindAll("[data-testid=pull-layer]"))
                seenStates.Add(layer.GetAttribute("data-layer-state")!);
            Assert.Equal("succeeded", view.Find("[data-testid=pull-progress]").GetAttribute("data-state"));
        }, TimeSpan.FromMinutes(1));
        Assert.Contains("done", seenStates);
        Assert.StartsWith("sha256:", view.Find("[data-testid=pull-digest]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=pull-cancel]"));
        Assert.Equal("done", view.Find("[data-testid=pull-state]").TextContent);
        await job.Completion;
    }

    public async Task DisposeAsync()
    {
        if (_pulled is not null)
            await LabRegistry.RemoveImageAsync(_pulled);
        await _ctx.DisposeAsync();
    }
}
